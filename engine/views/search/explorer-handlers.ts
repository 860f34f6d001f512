/**
 * Host handlers of the explorer's channels (top values, fields, SQL console,
 * saved views, annotations), so that `host-service.ts` only spreads them in.
 */
import type { Args, HostContract } from '../../host/contract';
import type { SqlPort } from '../../sql/port';
import { addAnnotation, annotationMarks, listAnnotations, removeAnnotation } from '../annotations/annotations';
import { eventFields } from './event-fields';
import { listSavedViews, removeSavedView, saveView } from './saved-views';
import { runSqlConsole } from './sql-console';
import { topValues } from './top-values';

type ExplorerChannel =
  | 'events.topValues'
  | 'events.fields'
  | 'sql.query'
  | 'savedViews.list'
  | 'savedViews.save'
  | 'savedViews.remove'
  | 'annotations.list'
  | 'annotations.add'
  | 'annotations.remove'
  | 'annotations.marks';
type Handlers = { [C in ExplorerChannel]: (...args: Args<C>) => Promise<Awaited<ReturnType<HostContract[C]>>> };

export function explorerHandlers(port: SqlPort): Handlers {
  return {
    'events.topValues': (q, fields, limit) => topValues(port, q, fields, limit),
    'events.fields': () => eventFields(port),
    'sql.query': (sql, limit) => runSqlConsole(port, sql, limit),
    'savedViews.list': () => listSavedViews(port),
    'savedViews.save': (v) => saveView(port, v),
    'savedViews.remove': async (id) => ({ removed: await removeSavedView(port, id) }),
    'annotations.list': (q) => listAnnotations(port, q),
    'annotations.add': (a) => addAnnotation(port, a),
    'annotations.remove': async (id) => ({ removed: await removeAnnotation(port, id) }),
    'annotations.marks': (q) => annotationMarks(port, q),
  };
}
