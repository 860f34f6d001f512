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
  // Times are formatted during render: a zone change redraws the views (their data stays cached in the store).
  const zone = useApp((s) => s.zone);

  useEffect(() => {
    const s = store.getState();
    void s.loadCase();
    void s.loadSignals();
    s.runQuery();
    return s.watchProgress();
  }, [store]);

  return (
    <div className={detailOpen ? 'app app--detail' : 'app'}>
      <CaseBar key={`bar-${zone}`} />
      <SignalsPanel key={`signals-${zone}`} />
      <MainView key={`main-${zone}`} />
      {detailOpen && <EventDetail key={`detail-${zone}`} />}
      <DropOverlay />
    </div>
  );
}
