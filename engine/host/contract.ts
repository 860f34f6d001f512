/**
 * The one typed contract between the renderer and its host. Channel names are
 * `domain.verb`; each maps to a function type. The Electron preload exposes
 * exactly these channels, the IPC handlers and the web-mode server implement
 * them, and the renderer calls them through `HostApi`.
 *
 * Payloads are plain JSON-safe data, except results typed `ArrowBytes`
 * (Arrow IPC stream bytes), which travel as binary.
 *
 * How to add a channel: add it to `HostContract` and to `CHANNELS` (with its
 * argument validator), implement it in `host/node/host-service.ts`; the
 * preload, IPC and web server pick it up from `CHANNELS`.
 */

import type { GeoHome, GeoQuery, GeoView } from '../views/geo/geo-types';
import { validGeoHome, validGeoQuery } from '../views/geo/geo-types';
import type { TimelineData, TimelineQuery } from '../views/timeline/timeline-types';
import { validTimelineQuery } from '../views/timeline/timeline-types';
import type { EntityRef, GraphData, GraphQuery } from '../views/graph/graph-types';
import { validEntityRef, validGraphQuery } from '../views/graph/graph-types';
import type { ProcessForest, ProcessTreeQuery } from '../views/process-tree/tree-types';
import { validProcessTreeQuery } from '../views/process-tree/tree-query';

import type { NewSuppressionArgs, RuleInfo, RuleSelectorArgs, SignalStatus, SuppressionInfo } from '../detect/detect-channels';
import { validNewSuppression, validRemoveSuppression, validSetEnabled, validSetStatus } from '../detect/detect-channels';
import type { FieldInfo, FieldTopValues, SavedView, SavedViewState, SqlConsoleResult } from '../views/search/explorer-channels';
import { validFieldName, validId, validSavedView, validSqlArgs, validTopValuesArgs } from '../views/search/explorer-channels';
import type { Annotation, AnnotationMark, AnnotationMarksQuery, AnnotationQuery, NewAnnotation } from '../views/annotations/annotation-types';
import { validAnnotationQuery, validMarksQuery, validNewAnnotation } from '../views/annotations/annotation-types';

export type ArrowBytes = Uint8Array;

export interface SourceInfo {
  id: number;
  path: string;
  name: string;
  /** Path inside archives ('' for a plain file). */
  member: string;
  sha256: string;
  memberSha256: string;
  size: number;
  format: string;
  recordsRead: number;
  recordsStored: number;
  recordsRejected: number;
  firstTime: string | null;
  lastTime: string | null;
  importedAt: string;
  status: 'ok' | 'partial' | 'failed';
  error: string | null;
  /** Clock-skew correction applied to this source's times at query time, ms. */
  skewMs: number;
}

export interface Rejection {
  sourceId: number;
  member: string;
  line: number | null;
  offset: number | null;
  reason: string;
}

export interface CaseInfo {
  path: string;
  name: string;
  eventCount: number;
  signalCount: number;
  sources: SourceInfo[];
  firstTime: string | null;
  lastTime: string | null;
}

/** What the explorer asks for: a search, an optional time range, a page. */
export interface EventQuery {
  search?: string;
  /** ISO UTC bounds, inclusive start, exclusive end. */
  from?: string | null;
  to?: string | null;
  /** Restrict to these event ids (a signal's events). */
  eventIds?: number[];
  offset?: number;
  limit?: number;
  order?: 'asc' | 'desc';
  /** Sort by this field (core column or raw path) first, in `order`; default "@timestamp". */
  sortField?: string;
}

export interface EventPage {
  total: number;
  /** The count stopped at a cap (a search over a large case): `total` is a lower bound; the histogram has the exact count. */
  totalCapped?: boolean;
  /** Arrow IPC stream: the page's rows, core columns plus raw. */
  rows: ArrowBytes;
}

export interface Histogram {
  /** Bucket start times (ms since epoch, UTC) and counts. */
  starts: number[];
  counts: number[];
  bucketMs: number;
}

export interface SignalInfo {
  id: string;
  ruleId: string;
  ruleTitle: string;
  ruleType: string;
  level: string;
  tags: string[];
  tactics: string[];
  techniques: string[];
  groupKey: string;
  eventCount: number;
  eventIds: number[];
  firstTime: string | null;
  lastTime: string | null;
  status: 'open' | 'under_review' | 'archived';
  /** Why the analyst set the status (archiving needs one). */
  statusReason?: string | null;
  /** Why the rule fired: a baseline, two places, the steps of a sequence (stateful rules). */
  details?: Record<string, unknown> | null;
}

export interface ImportNote {
  path: string;
  member: string;
  note: string;
}

export interface ImportReport {
  sources: {
    path: string;
    member: string;
    /** SHA-256 of the file as given. */
    sha256: string;
    /** SHA-256 of this member's bytes (after decompression); equals sha256 for a plain file. */
    memberSha256: string;
    format: string;
    recordsRead: number;
    recordsStored: number;
    recordsRejected: number;
    firstRejections: Rejection[];
    firstTime: string | null;
    lastTime: string | null;
    /** Why the source, or its tail, was not imported. */
    error?: string;
  }[];
  /** Archive members skipped on purpose (junk, empty), with why. */
  notes?: ImportNote[];
  signals: number;
}

export interface ImportProgress {
  jobId: string;
  file: string;
  bytesDone: number;
  bytesTotal: number;
  records: number;
  done: boolean;
  error?: string;
}

export interface HostInfo {
  kind: 'electron' | 'web';
  version: string;
}

export interface HostContract {
  'host.info': () => HostInfo;
  'case.info': () => CaseInfo;
  'case.rejections': (sourceId: number, limit: number) => Rejection[];
  'events.page': (q: EventQuery) => EventPage;
  'events.histogram': (q: EventQuery, buckets: number) => Histogram;
  'signals.list': () => SignalInfo[];
  'detect.run': () => { signals: number };
  /** Triage: open, under review, or archived with a reason. */
  'signals.setStatus': (id: string, status: SignalStatus, reason: string | null) => { id: string; status: SignalStatus };
  'suppressions.list': () => SuppressionInfo[];
  'suppressions.add': (s: NewSuppressionArgs) => SuppressionInfo;
  'suppressions.remove': (id: string) => { removed: boolean };
  /** Every rule of the rule set: compiled SQL or error, enabled, events in scope here. */
  'rules.list': () => RuleInfo[];
  'rules.setEnabled': (selector: RuleSelectorArgs, enabled: boolean) => { toggles: number };
  /** Import files the host can read by path (Electron's dialog, CLI). */
  'import.paths': (paths: string[]) => ImportReport;
  /** Import bytes the user dropped or picked in the browser. */
  'import.upload': (name: string, bytes: Uint8Array) => ImportReport;
  /**
   * Keep bytes dropped or picked in the browser in the case (as `import.upload`
   * does, as evidence named by content) without importing them yet: the
   * returned paths then go to `import.paths` together, one import and one
   * detection run for the lot.
   */
  'import.stage': (name: string, bytes: Uint8Array) => { path: string };
  /** Per-source clock-skew correction in ms, applied at query time (0 removes it). */
  'sources.setSkew': (sourceId: number, skewMs: number) => { skewMs: number };
  /** Stops a running import; the case is left as it was before that file. */
  'import.cancel': (jobId: string) => { cancelled: boolean };
  /** Electron only: native open dialog, for files or (`folders`) folders to import whole; web mode returns null. */
  'dialog.openFiles': (opts?: { folders?: boolean }) => string[] | null;
  /** Process forest (one host's, or all): see engine/views/process-tree. */
  'views.processTree': (q?: ProcessTreeQuery) => ProcessForest;
  /** The map: geolocated sources, assets they reached, impossible travel. */
  'views.geo': (q: GeoQuery) => GeoView;
  /** The map's home point saved in the case (where assets without a place are drawn); `views.geo` uses it unless the query gives one. */
  'geo.home': () => { home: GeoHome | null };
  /** Saves the home point in the case; null removes it. */
  'geo.setHome': (home: GeoHome | null) => { home: GeoHome | null };
  /** The attack timeline: lanes (tactic, host or user), density bins for the visible range, signal bars. */
  'views.timeline': (q: TimelineQuery) => TimelineData;
  /** The entity graph around seeds (default: the open signals' entities). */
  'views.graph': (q: GraphQuery) => GraphData;
  /** One entity's neighbours, to merge into the graph on screen. */
  'views.graphExpand': (entity: EntityRef) => GraphData;
  /** Explorer (engine/views/search): top values per field for a query, the fields there are, the read-only SQL console, saved views. */
  'events.topValues': (q: EventQuery, fields: string[], limit: number) => FieldTopValues[];
  'events.fields': () => FieldInfo[];
  'sql.query': (sql: string, limit: number) => SqlConsoleResult;
  'savedViews.list': () => SavedView[];
  'savedViews.save': (v: { name: string; state: SavedViewState }) => SavedView;
  'savedViews.remove': (id: string) => { removed: boolean };
  /** Bookmarks, tags and notes on events and signals (engine/views/annotations); `marks` places them in time for the timeline. */
  'annotations.list': (q?: AnnotationQuery) => Annotation[];
  'annotations.add': (a: NewAnnotation) => Annotation;
  'annotations.remove': (id: string) => { removed: boolean };
  'annotations.marks': (q: AnnotationMarksQuery) => AnnotationMark[];
}

export type Channel = keyof HostContract;
export type Args<C extends Channel> = Parameters<HostContract[C]>;
export type Result<C extends Channel> = ReturnType<HostContract[C]>;

/** The renderer's view of the host: every call is async. */
export type HostApi = {
  call<C extends Channel>(channel: C, ...args: Args<C>): Promise<Result<C>>;
  /** Host-pushed events (import progress). Returns an unsubscribe function. */
  onProgress(listener: (p: ImportProgress) => void): () => void;
  /**
   * Electron only: the path on disk of a file the user dropped (a DOM File),
   * so that it is imported by path (a folder whole, a large file without
   * passing through the page); null when it has none.
   */
  pathOf?(file: unknown): string | null;
};

type Validator = (args: unknown[]) => string | null;

const isStr = (v: unknown): v is string => typeof v === 'string';
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const isOptStr = (v: unknown) => v === undefined || v === null || isStr(v);

function validEventQuery(q: unknown): string | null {
  if (typeof q !== 'object' || q === null) return 'query must be an object';
  const o = q as Record<string, unknown>;
  if (!isOptStr(o.search) || !isOptStr(o.from) || !isOptStr(o.to)) return 'search/from/to must be strings';
  if (o.offset !== undefined && !(isInt(o.offset) && o.offset >= 0)) return 'offset must be a non-negative integer';
  if (o.limit !== undefined && !(isInt(o.limit) && o.limit > 0 && o.limit <= 10000)) return 'limit must be 1..10000';
  if (o.order !== undefined && o.order !== 'asc' && o.order !== 'desc') return 'order must be asc or desc';
  if (o.eventIds !== undefined && !(Array.isArray(o.eventIds) && o.eventIds.every(isInt))) return 'eventIds must be integers';
  if (o.sortField !== undefined && !validFieldName(o.sortField)) return 'sortField must be a field name';
  return null;
}

const none: Validator = (a) => (a.length === 0 ? null : 'takes no arguments');

/** Every channel with the validator its arguments must pass on arrival. */
export const CHANNELS: { readonly [C in Channel]: Validator } = {
  'host.info': none,
  'case.info': none,
  'case.rejections': (a) => (isInt(a[0]) && isInt(a[1]) ? null : 'sourceId and limit must be integers'),
  'events.page': (a) => validEventQuery(a[0]),
  'events.histogram': (a) => validEventQuery(a[0]) ?? (isInt(a[1]) && a[1] > 0 && a[1] <= 2000 ? null : 'buckets must be 1..2000'),
  'signals.list': none,
  'detect.run': none,
  'signals.setStatus': validSetStatus,
  'suppressions.list': none,
  'suppressions.add': validNewSuppression,
  'suppressions.remove': validRemoveSuppression,
  'rules.list': none,
  'rules.setEnabled': validSetEnabled,
  'import.paths': (a) => (Array.isArray(a[0]) && a[0].every(isStr) ? null : 'paths must be strings'),
  'import.upload': (a) => (isStr(a[0]) && a[1] instanceof Uint8Array ? null : 'name must be a string and bytes a Uint8Array'),
  'import.stage': (a) => (isStr(a[0]) && a[1] instanceof Uint8Array ? null : 'name must be a string and bytes a Uint8Array'),
  'sources.setSkew': (a) => (isInt(a[0]) && isInt(a[1]) ? null : 'sourceId and skewMs must be integers'),
  'import.cancel': (a) => (isStr(a[0]) && a[0].length < 200 ? null : 'jobId must be a string'),
  'dialog.openFiles': (a) => {
    const o = a[0];
    const options = typeof o === 'object' && o !== null && Object.keys(o).every((k) => k === 'folders') && ['undefined', 'boolean'].includes(typeof (o as { folders?: unknown }).folders);
    return a.length === 0 || (a.length === 1 && options) ? null : 'takes nothing, or { folders: boolean }';
  },
  'views.processTree': (a) => (a.length <= 1 ? validProcessTreeQuery(a[0]) : 'takes one query'),
  'views.geo': (a) => validGeoQuery(a[0]),
  'geo.home': none,
  'geo.setHome': (a) => (a.length === 1 ? validGeoHome(a[0]) : 'takes one home point or null'),
  'views.timeline': (a) => validTimelineQuery(a[0]),
  'views.graph': (a) => validGraphQuery(a[0]),
  'views.graphExpand': (a) => validEntityRef(a[0]),
  'events.topValues': (a) => validEventQuery(a[0]) ?? validTopValuesArgs(a),
  'events.fields': none,
  'sql.query': validSqlArgs,
  'savedViews.list': none,
  'savedViews.save': validSavedView,
  'savedViews.remove': validId,
  'annotations.list': validAnnotationQuery,
  'annotations.add': validNewAnnotation,
  'annotations.remove': validId,
  'annotations.marks': validMarksQuery,
};

export function isChannel(name: string): name is Channel {
  return Object.prototype.hasOwnProperty.call(CHANNELS, name);
}

export function validateArgs(channel: Channel, args: unknown[]): string | null {
  return CHANNELS[channel](args);
}
