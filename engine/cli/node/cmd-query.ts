import { openCase } from '../../case/node/case-store';
import { rowsOf } from '../../sql/port';
import { one, parseArgs, UsageError } from './args';

export function jsonSafe(v: unknown): unknown {
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (v && typeof v === 'object' && 'toArray' in (v as object)) return Array.from((v as { toArray(): ArrayLike<unknown> }).toArray(), jsonSafe);
  return v;
}

export async function cmdQuery(argv: string[]): Promise<number> {
  const a = parseArgs(argv, { values: ['case', 'format'], bools: [] });
  const dir = one(a, 'case');
  if (!dir) throw new UsageError('query needs --case DIR');
  const sql = a.positional.join(' ');
  if (!sql) throw new UsageError('query needs a SQL statement');
  const format = one(a, 'format') ?? 'jsonl';
  if (format !== 'jsonl') throw new UsageError(`unknown --format ${format} (jsonl)`);
  const c = await openCase(dir);
  try {
    const t = await c.port.query(sql);
    const timeCols = new Set(t.schema.fields.filter((f) => String(f.type).startsWith('Timestamp')).map((f) => f.name));
    for (const r of rowsOf(t)) {
      const o: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(r)) o[k] = timeCols.has(k) && v !== null ? new Date(Number(v)).toISOString() : jsonSafe(v);
      process.stdout.write(JSON.stringify(o) + '\n');
    }
    return 0;
  } finally {
    await c.close();
  }
}
