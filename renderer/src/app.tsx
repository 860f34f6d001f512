/** Page layout: case bar on top, signals left, explorer centre, event detail right. */
import { useContext, useEffect } from 'react';
import { CaseBar } from './case/case-bar';
import { EventDetail } from './explorer/event-detail';
import { DropOverlay } from './import/drop-overlay';
import { MainView } from './shell/main-view';
import { SignalsPanel } from './signals/signals-panel';
import { StoreContext, useApp } from './store/app-store';

export function App() {
  const store = useContext(StoreContext)!;
  const detailOpen = useApp((s) => s.selectedEvent !== null);

  useEffect(() => {
    const s = store.getState();
    void s.loadCase();
    void s.loadSignals();
    s.runQuery();
    return s.watchProgress();
  }, [store]);

  return (
    <div className={detailOpen ? 'app app--detail' : 'app'}>
      <CaseBar />
      <SignalsPanel />
      <MainView />
      {detailOpen && <EventDetail />}
      <DropOverlay />
    </div>
  );
}
