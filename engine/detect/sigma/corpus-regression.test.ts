import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusRoot } from '../../testing/node/corpus';
import { eventsTableDdl } from '../../schema/ecs';
import type { SqlPort } from '../../sql/port';
import { openDuckDb } from '../../sql/node/duckdb-native';
import { compileSigma } from './compile';
import { runRules } from './run';
import { splitJsonObjects } from './test-support';

const root = corpusRoot();

function walk(dir: string, pick: (name: string) => boolean): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p, pick));
    else if (pick(name)) out.push(p);
  }
  return out;
}

type Ev = { Event?: { System?: { EventID?: unknown; Channel?: string; Computer?: string; TimeCreated?: { '#attributes'?: { SystemTime?: string } } } } };

describe.skipIf(!root)('corpus: SigmaHQ regression_data', () => {
  let db: SqlPort;
  beforeAll(async () => {
    db = await openDuckDb();
    await db.exec(eventsTableDdl());
  });
  afterAll(async () => db?.close());

  it('each rule yields exactly match_count on its events', async () => {
    const sigma = join(root!, 'sigma');
    const ruleFiles = ['rules', 'rules-emerging-threats', 'rules-threat-hunting'].flatMap((d) => walk(join(sigma, d), (n) => n.endsWith('.yml')));
    const byId = new Map<string, string>();
    for (const f of ruleFiles) {
      const m = /^id:\s*(\S+)/m.exec(readFileSync(f, 'utf8'));
      if (m) byId.set(m[1], f);
    }
    const cases = walk(join(sigma, 'regression_data'), (n) => n === 'info.yml');
    let pass = 0;
    let atLeast = 0;
    const skipped: string[] = [];
    const failures: string[] = [];
    for (const info of cases) {
      const meta = parse(readFileSync(info, 'utf8')) as { rule_metadata?: { id: string }[]; regression_tests_info?: { match_count?: number }[] };
      const ruleId = meta.rule_metadata?.[0]?.id ?? '';
      if (!meta.regression_tests_info?.length) {
        skipped.push(ruleId);
        continue;
      }
      const want = meta.regression_tests_info[0].match_count ?? 1;
      const file = byId.get(ruleId);
      if (!file) {
        failures.push(`${ruleId}: rule file not found`);
        continue;
      }
      const { rules, errors } = compileSigma(readFileSync(file, 'utf8'), file);
      if (rules.length === 0) {
        failures.push(`${ruleId}: refused: ${errors.map(String).join('; ')}`);
        continue;
      }
      await db.exec('DELETE FROM events');
      const events = walk(dirname(info), (n) => n.endsWith('.json')).flatMap((p) => splitJsonObjects(readFileSync(p, 'utf8')) as Ev[]);
      let id = 1;
      for (const ev of events) {
        const sys = ev.Event?.System ?? {};
        await db.exec(
          'INSERT INTO events ("event.id", "@timestamp", "event.dataset", "event.code", "host.name", raw) VALUES (?, CAST(? AS TIMESTAMP), ?, ?, ?, CAST(? AS JSON))',
          [id++, sys.TimeCreated?.['#attributes']?.SystemTime?.replace('Z', '') ?? null, 'windows.' + (sys.Channel ?? '').toLowerCase(), sys.EventID == null ? null : String(sys.EventID), sys.Computer ?? null, JSON.stringify(ev)],
        );
      }
      const matches = await runRules(db, rules);
      const got = matches.filter((m) => m.ruleId === ruleId).reduce((n, m) => n + m.eventIds.length, 0);
      if (got >= want) atLeast++;
      if (got === want) pass++;
      else failures.push(`${ruleId} (${file.slice(sigma.length + 1)}): ${got} of ${events.length} events matched, want ${want}`);
    }
    const run = cases.length - skipped.length;
    console.log(
      `[sigma regression] ${cases.length} cases, ${skipped.length} without a test (commented out): ${pass}/${run} exact, ${atLeast}/${run} at least match_count\n  ${failures.join('\n  ')}`,
    );
    expect(pass / run).toBeGreaterThanOrEqual(0.95);
  });
});
