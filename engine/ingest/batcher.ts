/**
 * Collects parsed rows, stamps them with an event id and provenance, and
 * hands them to the SQL port as Arrow batches. Also keeps the accounting:
 * records read = stored + rejected.
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

export class EventBatcher {
  private rows: EventRow[] = [];
  private rejects: RejectionRow[] = [];
  read = 0;
  stored = 0;
  rejected = 0;
  firstTime: string | null = null;
  lastTime: string | null = null;
  readonly firstRejections: RejectionRow[] = [];

  constructor(
    private readonly port: SqlPort,
    private readonly sourceId: number,
    private readonly member: string,
    private nextId: number,
    private readonly batchSize = 8192,
  ) {}

  get nextEventId(): number {
    return this.nextId;
  }

  private noteTime(t: unknown): void {
    if (typeof t !== 'string') return;
    if (this.firstTime === null || t < this.firstTime) this.firstTime = t;
    if (this.lastTime === null || t > this.lastTime) this.lastTime = t;
  }

  async add(row: EventRow, line: number | null, offset: number | null): Promise<void> {
    this.read++;
    row['event.id'] = this.nextId++;
    row['vestige.source_id'] = this.sourceId;
    row['vestige.member'] = this.member;
    row['vestige.line'] = line;
    row['vestige.offset'] = offset;
    this.noteTime(row['@timestamp']);
    this.rows.push(row);
    if (this.rows.length >= this.batchSize) await this.flush();
  }

  async reject(line: number | null, offset: number | null, reason: string): Promise<void> {
    this.read++;
    this.rejected++;
    const r = { line, offset, reason };
    if (this.firstRejections.length < 20) this.firstRejections.push(r);
    this.rejects.push(r);
    if (this.rejects.length >= this.batchSize) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.rows.length > 0) {
      const rows = this.rows;
      this.rows = [];
      const cols = CORE_COLUMNS.map((c) => ({
        name: c.name,
        kind: KIND[c.type],
        values: c.type === 'TIMESTAMP' ? rows.map((r) => isoToMicros(r[c.name])) : rows.map((r) => r[c.name] ?? null),
      }));
      await this.port.insertColumns(EVENTS_TABLE, cols);
      this.stored += rows.length;
    }
    if (this.rejects.length > 0) {
      const rs = this.rejects;
      this.rejects = [];
      await this.port.insertColumns(
        'rejections',
        [
          { name: 'source_id', kind: 'int32', values: rs.map(() => this.sourceId) },
          { name: 'member', kind: 'utf8', values: rs.map(() => this.member) },
          { name: 'line', kind: 'int64', values: rs.map((r) => r.line) },
          { name: 'offset', kind: 'int64', values: rs.map((r) => r.offset) },
          { name: 'reason', kind: 'utf8', values: rs.map((r) => r.reason) },
        ],
      );
    }
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
