/**
 * The explorer's tools, part of ExplorerSlice: visible columns, server-side
 * sort, the field sidebar's top values, filter/exclude terms, saved views.
 */
import type { FieldInfo, FieldTopValues, SavedView, SqlConsoleResult } from '../../../engine/views/search/explorer-channels';
import { errorText, type AppState, type SliceCreator } from '../store/app-state';
import { DEFAULT_COLUMNS } from './event-columns';
import { valueTerm, withTerm } from './event-query';
import { currentQuery } from './explorer-slice';

export const SIDEBAR_FIELDS = ['host.name', 'user.name', 'source.ip', 'event.dataset', 'event.action', 'event.outcome', 'process.name'];

export interface ExplorerToolsSlice {
  columns: string[];
  sortField: string | null;
  order: 'asc' | 'desc';
  fieldList: FieldInfo[];
  topValues: FieldTopValues[];
  savedViews: SavedView[];
  toolsError: string | null;
  setColumns(columns: string[]): void;
  toggleColumn(field: string): void;
  /** Sorts by a column; the same column again flips the order. */
  sortBy(field: string): void;
  /** ANDs `field:"value"` (or its exclusion) onto the search and runs it. */
  addTerm(field: string, value: string, exclude: boolean): void;
  loadFieldList(): Promise<void>;
  loadTopValues(): Promise<void>;
  loadSavedViews(): Promise<void>;
  saveCurrentView(name: string): Promise<void>;
  applySavedView(v: SavedView): void;
  removeSavedView(id: string): Promise<void>;
  /** The read-only SQL console (its result stays in the dialog, not the store). */
  runSql(sql: string, limit: number): Promise<SqlConsoleResult>;
}

export const createExplorerToolsSlice: SliceCreator<ExplorerToolsSlice> = ({ host }) => (set, get) => {
  let topGen = 0;
  const fail = (e: unknown) => set({ toolsError: errorText(e) });
  return {
    columns: [...DEFAULT_COLUMNS],
    sortField: null,
    order: 'asc',
    fieldList: [],
    topValues: [],
    savedViews: [],
    toolsError: null,
    setColumns(columns) {
      set({ columns });
    },
    toggleColumn(field) {
      const cols = get().columns;
      set({ columns: cols.includes(field) ? cols.filter((c) => c !== field) : [...cols, field] });
    },
    sortBy(field) {
      const s = get();
      const same = (s.sortField ?? '@timestamp') === field;
      set({ sortField: field === '@timestamp' ? null : field, order: same ? (s.order === 'asc' ? 'desc' : 'asc') : 'asc' });
      s.runQuery();
    },
    addTerm(field, value, exclude) {
      get().setSearch(withTerm(get().search, valueTerm(field, value, exclude)));
    },
    async loadFieldList() {
      try {
        set({ fieldList: await host.call('events.fields') });
      } catch (e) {
        fail(e);
      }
    },
    async loadTopValues() {
      const gen = ++topGen;
      try {
        const topValues = await host.call('events.topValues', currentQuery(get()), SIDEBAR_FIELDS, 8);
        if (gen === topGen) set({ topValues });
      } catch (e) {
        if (gen === topGen) fail(e);
      }
    },
    async loadSavedViews() {
      try {
        set({ savedViews: await host.call('savedViews.list') });
      } catch (e) {
        fail(e);
      }
    },
    async saveCurrentView(name) {
      const s = get();
      try {
        await host.call('savedViews.save', { name, state: { search: s.search, from: s.from, to: s.to, columns: s.columns, sortField: s.sortField, order: s.order, view: s.view } });
        await get().loadSavedViews();
      } catch (e) {
        fail(e);
      }
    },
    applySavedView(v) {
      const st = v.state;
      set({ search: st.search, from: st.from, to: st.to, columns: [...st.columns], sortField: st.sortField, order: st.order, selectedSignalId: null } as Partial<AppState>);
      get().runQuery();
      get().setView(st.view);
    },
    runSql: (sql, limit) => host.call('sql.query', sql, limit),
    async removeSavedView(id) {
      try {
        await host.call('savedViews.remove', id);
        await get().loadSavedViews();
      } catch (e) {
        fail(e);
      }
    },
  };
};
