/** The timeline against a real DuckDB holding a generated case of a few hundred events. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlPort } from '../../sql/port';
import { GEN, openGeneratedCase } from './node/generated-case';
import { timeline } from './timeline-query';

const N = 600;
let port: SqlPort;
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

beforeAll(async () => {
  port = await openGeneratedCase(N);
  // A hostile host name: it must come back as a lane, as data.
  await port.exec(`INSERT INTO events_raw ("event.id", "@timestamp", "host.name") VALUES (100000, ?::TIMESTAMP, ?)`, [
    new Date(GEN.start + 1000).toISOString(),
    `x'); DROP TABLE events; --`,
  ]);
});
afterAll(() => port?.close());

describe('timeline on a generated case', () => {
  it('host lanes: every event lands in exactly one bin of its host', async () => {
    const t = await timeline(port, { lane: 'host', width: 300 });
    expect(t.lanes).toHaveLength(GEN.hosts + 1);
    expect(t.lanes).toContain(`x'); DROP TABLE events; --`);
    expect(sum(t.bins.count)).toBe(N + 1);
    const host0 = t.lanes.indexOf('host-0');
    expect(sum(t.bins.count.filter((_, i) => t.bins.lane[i] === host0))).toBe(N / GEN.hosts);
    for (const s of t.bins.start) expect(s % t.binMs).toBe(0);
    expect(t.bins.start.every((s) => s >= t.from && s < t.to)).toBe(true);
    expect(t.signals.find((s) => s.id === 'sig-brute')).toMatchObject({ lane: 'host-0', level: 'high', events: 3 });
  });

  it('tactic lanes in kill-chain order, a signal in each of its tactics, density from its events', async () => {
    const t = await timeline(port, { lane: 'tactic', width: 300 });
    expect(t.lanes).toEqual(['Execution', 'Credential Access', 'Discovery', 'Collection', 'No tactic']);
    const brute = t.signals.filter((s) => s.id === 'sig-brute').map((s) => s.lane);
    expect(brute.sort()).toEqual(['Credential Access', 'Discovery']);
    const ca = t.lanes.indexOf('Credential Access');
    expect(sum(t.bins.count.filter((_, i) => t.bins.lane[i] === ca))).toBe(3);
  });

  it('zooming in re-bins finer over just the visible range', async () => {
    const from = new Date(GEN.start).toISOString();
    const to = new Date(GEN.start + 3_600_000).toISOString();
    const all = await timeline(port, { lane: 'host', width: 300 });
    const hour = await timeline(port, { lane: 'host', from, to, width: 300 });
    expect(hour.binMs).toBeLessThan(all.binMs);
    expect(hour.from).toBe(GEN.start);
    expect(hour.extent).toEqual(all.extent);
    const step = GEN.spanMs / N; // one event every 72 min: the first hour holds event 0 and the hostile one
    expect(sum(hour.bins.count)).toBe(1 + Math.ceil(3_600_000 / step) - 1 + 1);
    expect(hour.signals.map((s) => s.id)).toContain('sig-brute');
    const later = await timeline(port, { lane: 'host', from: new Date(GEN.start + 20 * 86_400_000).toISOString(), to: new Date(GEN.start + 21 * 86_400_000).toISOString(), width: 300 });
    expect(later.signals.map((s) => s.id)).not.toContain('sig-brute');
  });

  it('an empty case gives no lanes and no extent', async () => {
    const { openDuckDb } = await import('../../sql/node/duckdb-native');
    const { CASE_DDL } = await import('../../case/schema');
    const db = await openDuckDb();
    for (const d of CASE_DDL) await db.exec(d);
    const t = await timeline(db, { lane: 'tactic', width: 100 });
    expect(t).toMatchObject({ extent: null, lanes: [], signals: [] });
    await db.close();
  });
});
