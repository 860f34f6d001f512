/**
 * Collects parsed rows, stamps them with an event id and provenance, and
 * stores them in batches. Also keeps the accounting: records read = stored +
 * rejected (a row counts as stored when handed to the sink; the sink's batch
 * goes to storage in the same transaction).
 */
import { CORE_COLUMNS, EVENTS_TABLE, type EventRow } from '../schema/ecs';
import type { ColumnKind } from '../sql/arrow-build';
import type { SqlPort } from '../sql/port';

const KIND: Record<string, ColumnKind> = { VARCHAR: 'utf8', JSON: 'utf8', BIGINT: 'int64', INTEGER: 'int32', TIMESTAMP: 'timestamp' };

export interface RejectionRow {
  line: number | null;
  offset: number | null;
  reason: string;
}

const INT_RANGE: Record<string, [bigint, bigint]> = { INTEGER: [-(2n ** 31n), 2n ** 31n - 1n], BIGINT: [-(2n ** 63n), 2n ** 63n - 1n] };
const INT_COLUMNS = CORE_COLUMNS.filter((c) => c.type in INT_RANGE && c.name !== 'event.id' && !c.name.startsWith('vestige.')).map((c) => ({ name: c.name, range: INT_RANGE[c.type] }));

/**
 * A parsed integer the column cannot hold (a port of 99999999999, a pid
 * written as text) is left out of the core column; the record keeps it in
 * `raw`. So a batch can never be refused for its values.
 */
function fitInteger(v: unknown, [lo, hi]: [bigint, bigint]): number | bigint | null {
  if (v === null || v === undefined) return null;
  let n: bigint;
  if (typeof v === 'bigint') n = v;
  else if (typeof v === 'number') {
    if (!Number.isFinite(v)) return null;
    n = BigInt(Math.trunc(v));
  } else if (typeof v === 'string' && /^\s*[-+]?\d{1,20}\s*$/.test(v)) n = BigInt(v.trim());
  else return null;
  return n < lo || n > hi ? null : typeof v === 'bigint' ? n : Number(n);
}

/**
 * Where batchers put their rows: buffers across members and files, so a
 * case import of many small files (EVTX exports) stores a few large batches
 * instead of one small batch per file. `flush` before anything reads or
 * deletes what was stored.
 */
export class EventSink {
  private rows: EventRow[] = [];
  private rejects: (RejectionRow & { sourceId: number; member: string })[] = [];

  constructor(
    private readonly port: SqlPort,
    private readonly batchSize = 8192,
  ) {}

  async addRow(row: EventRow): Promise<void> {
    this.rows.push(row);
    if (this.rows.length >= this.batchSize) await this.flushRows();
  }

  async addReject(r: RejectionRow & { sourceId: number; member: string }): Promise<void> {
    this.rejects.push(r);
    if (this.rejects.length >= this.batchSize) await this.flushRejects();
  }

  async flush(): Promise<void> {
    await this.flushRows();
    await this.flushRejects();
  }

  /** Forgets what is buffered (its transaction is being rolled back). */
  discard(): void {
    this.rows = [];
    this.rejects = [];
  }

  private async flushRows(): Promise<void> {
    if (this.rows.length === 0) return;
    const rows = this.rows;
    this.rows = [];
    await this.port.insertColumns(
      EVENTS_TABLE,
      CORE_COLUMNS.map((c) => ({
        name: c.name,
        kind: KIND[c.type],
        values: c.type === 'TIMESTAMP' ? rows.map((r) => isoToMicros(r[c.name])) : rows.map((r) => r[c.name] ?? null),
      })),
    );
  }

  private async flushRejects(): Promise<void> {
    if (this.rejects.length === 0) return;
    const rs = this.rejects;
    this.rejects = [];
    await this.port.insertColumns('rejections', [
      { name: 'source_id', kind: 'int32', values: rs.map((r) => r.sourceId) },
      { name: 'member', kind: 'utf8', values: rs.map((r) => r.member) },
      { name: 'line', kind: 'int64', values: rs.map((r) => r.line) },
      { name: 'offset', kind: 'int64', values: rs.map((r) => r.offset) },
      { name: 'reason', kind: 'utf8', values: rs.map((r) => r.reason) },
    ]);
  }
}

/** One member's rows: ids, provenance and accounting (records read = stored + rejected). */
export class EventBatcher {
  read = 0;
  stored = 0;
  rejected = 0;
  firstTime: string | null = null;
  lastTime: string | null = null;
  readonly firstRejections: RejectionRow[] = [];
  private readonly sink: EventSink;

  /** `to`: a port (the batcher stores on its own) or a sink shared with other batchers. */
  constructor(
    to: SqlPort | EventSink,
    private readonly sourceId: number,
    private readonly member: string,
    private nextId: number,
  ) {
    this.sink = to instanceof EventSink ? to : new EventSink(to);
  }

  get nextEventId(): number {
    return this.nextId;
  }

  private noteTime(t: unknown): void {
    if (typeof t !== 'string') return;
    if (this.firstTime === null || t < this.firstTime) this.firstTime = t;
    if (this.lastTime === null || t > this.lastTime) this.lastTime = t;
  }

  /** `id`: the event id when the caller numbers events itself (ids by line: `node/jsonl-direct.ts`). */
  async add(row: EventRow, line: number | null, offset: number | null, id?: number): Promise<void> {
    this.read++;
    this.stored++;
    row['event.id'] = id ?? this.nextId++;
    row['vestige.source_id'] = this.sourceId;
    row['vestige.member'] = this.member;
    row['vestige.line'] = line;
    row['vestige.offset'] = offset;
    for (const c of INT_COLUMNS) {
      const v = row[c.name as keyof EventRow];
      // The common case, a small integer, is left as it is.
      if (v !== null && v !== undefined && !(typeof v === 'number' && Number.isInteger(v) && Math.abs(v) < 2 ** 31)) row[c.name as keyof EventRow] = fitInteger(v, c.range);
    }
    this.noteTime(row['@timestamp']);
    await this.sink.addRow(row);
  }

  async reject(line: number | null, offset: number | null, reason: string): Promise<void> {
    this.read++;
    this.rejected++;
    const r = { line, offset, reason };
    if (this.firstRejections.length < 20) this.firstRejections.push(r);
    await this.sink.addReject({ ...r, sourceId: this.sourceId, member: this.member });
  }

  /** Stores what is buffered (with a shared sink: everything buffered in it). */
  async flush(): Promise<void> {
    await this.sink.flush();
  }
}

/** ISO UTC string → epoch microseconds, keeping sub-millisecond digits. */
export function isoToMicros(v: unknown): bigint | null {
  if (typeof v !== 'string') return null;
  const ms = Date.parse(v);
  if (Number.isNaN(ms)) return null;
  const frac = /\.(\d{4,6})/.exec(v);
  const extra = frac ? BigInt((frac[1] + '000').slice(3, 6)) : 0n;
  return BigInt(Math.floor(ms)) * 1000n + extra;
}
