/** The tab strip and the active main view. */
import { Tab, Tabs } from '@blueprintjs/core';
import { useApp } from '../store/app-store';
import { VIEWS } from './views';

export function MainView() {
  const view = useApp((s) => s.view);
  const setView = useApp((s) => s.setView);
  const active = VIEWS.find((v) => v.id === view) ?? VIEWS[0];
  const Active = active.component;
  return (
    <div className="main-view">
      {VIEWS.length > 1 && (
        <Tabs id="main-views" selectedTabId={active.id} onChange={(id) => setView(String(id))} className="main-view__tabs">
          {VIEWS.map((v) => (
            <Tab key={v.id} id={v.id} title={v.title} data-testid={`view-tab-${v.id}`} />
          ))}
        </Tabs>
      )}
      <div className="main-view__body" data-testid={`view-${active.id}`}>
        <Active />
      </div>
    </div>
  );
}
