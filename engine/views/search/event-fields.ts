/** Fields the column chooser offers: every core column, then raw field paths seen in a sample of events. */
import { CORE_COLUMNS } from '../../schema/ecs';
import { rowsOf, type SqlPort } from '../../sql/port';
import type { FieldInfo } from './explorer-channels';

const SAMPLE = 2000;
const MAX_DEPTH = 5;
const NAME = /^[\w@-]+$/;

/** Dotted paths of the leaves of a parsed record (arrays are leaves: they are matched as text). */
export function fieldPaths(v: unknown, prefix = '', depth = 0, out = new Set<string>()): Set<string> {
  if (v === null || typeof v !== 'object' || Array.isArray(v) || depth >= MAX_DEPTH) {
    if (prefix) out.add(prefix);
    return out;
  }
  for (const [k, x] of Object.entries(v)) {
    // Names a search cannot spell are left out rather than escaped.
    if (NAME.test(k)) fieldPaths(x, prefix ? `${prefix}.${k}` : k, depth + 1, out);
  }
  return out;
}

export async function eventFields(port: SqlPort): Promise<FieldInfo[]> {
  const core = CORE_COLUMNS.filter((c) => c.name !== 'raw').map((c) => ({ name: c.name, core: true }));
  const seen = new Map<string, number>();
  const rows = rowsOf<{ raw: string | null }>(await port.query(`SELECT CAST(raw AS VARCHAR) AS raw FROM events USING SAMPLE ${SAMPLE} ROWS`));
  for (const { raw } of rows) {
    if (!raw) continue;
    try {
      for (const p of fieldPaths(JSON.parse(raw))) seen.set(p, (seen.get(p) ?? 0) + 1);
    } catch {
      // A raw value that is not JSON has no fields.
    }
  }
  const coreNames = new Set<string>(core.map((c) => c.name));
  const raw = [...seen.entries()].filter(([p]) => !coreNames.has(p)).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 300);
  return [...core, ...raw.map(([name]) => ({ name, core: false }))];
}
