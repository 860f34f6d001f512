/**
 * Test helpers: a tiny pipeline (fields = top-level raw JSON keys, logsource
 * product `test` = event.dataset 'test'), an in-memory events table, and a
 * one-call "which event ids does this detection match".
 */
import { eventsTableDdl } from '../../schema/ecs';
import type { SqlPort } from '../../sql/port';
import { compileSigma } from './compile';
import { loadPipeline } from './pipeline/load';
import type { CompileOptions, CompiledRule } from './types';

export const TEST_PIPELINE = loadPipeline(
  `name: test
priority: 100
applies: { product: test }
unknownLogsource: product-only
when: [{ event.dataset: [test] }]
fields: {}
fallback: [{ json: '$.{field}' }]
logsources: []
`,
  'test',
);

export interface TestEvent {
  id: number;
  ts?: string;
  message?: string;
  raw: Record<string, unknown>;
}

export async function loadEvents(db: SqlPort, events: readonly TestEvent[]): Promise<void> {
  await db.exec(eventsTableDdl());
  await db.exec('DELETE FROM events_raw');
  for (const e of events) {
    await db.exec(
      `INSERT INTO events_raw ("event.id", "@timestamp", "event.dataset", message, "host.name", "user.name", "source.ip", raw) VALUES (?, CAST(? AS TIMESTAMP), 'test', ?, ?, ?, ?, CAST(? AS JSON))`,
      [e.id, e.ts ?? null, e.message ?? null, (e.raw.host as string) ?? null, (e.raw.user as string) ?? null, (e.raw.src as string) ?? null, JSON.stringify(e.raw)],
    );
  }
}

/** Wraps a detection body (YAML, indented by 4) into a rule of product `test`. */
export function ruleYaml(detection: string, id = 'r1', extra = ''): string {
  return `title: Test ${id}\nid: ${id}\n${extra}logsource:\n    product: test\ndetection:\n${detection}\n`;
}

export function compileOne(yaml: string, opts: CompileOptions = {}): CompiledRule {
  const { rules, errors } = compileSigma(yaml, 'test.yml', { pipelines: [TEST_PIPELINE], ...opts });
  if (errors.length > 0) throw errors[0];
  return rules[0];
}

export async function matchIds(db: SqlPort, rule: CompiledRule): Promise<number[]> {
  const t = await db.query(`SELECT "event.id" AS id FROM events WHERE ${rule.sql} ORDER BY 1`, [...rule.params]);
  return Array.from(t.getChild('id')!.toArray() as ArrayLike<bigint>, Number);
}

/** evtx_dump writes pretty-printed objects back to back: split them by brace depth. */
export function splitJsonObjects(text: string): unknown[] {
  const out: unknown[] = [];
  let depth = 0;
  let start = -1;
  let inStr = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inStr) {
      if (c === '\\') i++;
      else if (c === '"') inStr = false;
    } else if (c === '"') inStr = true;
    else if (c === '{') {
      if (depth++ === 0) start = i;
    } else if (c === '}' && --depth === 0) out.push(JSON.parse(text.slice(start, i + 1)));
  }
  return out;
}

