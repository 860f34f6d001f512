/**
 * The read-only SQL console. Three locks, any one of which refuses a write:
 * a statement check (one statement, SELECT / WITH / FROM / VALUES, no file
 * access), the query wrapped as a subquery (only a query parses there), and
 * a READ ONLY transaction that is always rolled back. Results come back as
 * text with a row limit.
 */
import { DataType, type Table } from 'apache-arrow';
import type { SqlPort } from '../../sql/port';
import type { SqlConsoleResult } from './explorer-channels';

export class SqlConsoleError extends Error {}

const FIRST_WORDS = ['SELECT', 'WITH', 'FROM', 'VALUES'];
/** Table functions that read files or run SQL from a string. */
const FORBIDDEN_CALL = /\b(read_\w+|\w+_scan|glob|getenv|query|query_table|sniff_csv|parquet_\w+|\w*_secrets?)\s*\(/i;
/** A literal or quoted name that looks like a file or URL would be read by a replacement scan. */
const FILE_LIKE = /[/\\]|\.(csv|tsv|json|jsonl|ndjson|parquet|txt|gz|zst|db|duckdb|sqlite|xlsx)$/i;

/** Blanks comments, string literals and quoted names (so keywords inside them do not count) and lists the literals. */
export function maskSql(sql: string): { masked: string; literals: string[] } {
  let masked = '';
  const literals: string[] = [];
  for (let i = 0; i < sql.length; ) {
    const c = sql[i];
    if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      i = end < 0 ? sql.length : end;
      masked += ' ';
    } else if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      if (end < 0) throw new SqlConsoleError('unterminated /* comment');
      i = end + 2;
      masked += ' ';
    } else if (c === "'" || c === '"') {
      let j = i + 1;
      let text = '';
      for (; j < sql.length; j++) {
        if (sql[j] === c && sql[j + 1] === c) text += sql[j++];
        else if (sql[j] === c) break;
        else text += sql[j];
      }
      if (j >= sql.length) throw new SqlConsoleError(`unterminated ${c === "'" ? 'string' : 'quoted name'}`);
      literals.push(text);
      masked += c + c;
      i = j + 1;
    } else {
      masked += c;
      i++;
    }
  }
  return { masked, literals };
}

/** The statement, trimmed of trailing semicolons, or a SqlConsoleError saying why not. */
export function checkReadOnly(sql: string): string {
  const body = sql.trim().replace(/;+\s*$/, '');
  const { masked, literals } = maskSql(body);
  if (masked.includes(';')) throw new SqlConsoleError('one statement at a time');
  const first = /^[\s(]*([A-Za-z]+)/.exec(masked)?.[1]?.toUpperCase() ?? '';
  if (!FIRST_WORDS.includes(first)) throw new SqlConsoleError(`read-only console: only SELECT or WITH queries run here (this is ${first || 'not a query'})`);
  const call = FORBIDDEN_CALL.exec(masked);
  if (call) throw new SqlConsoleError(`read-only console: ${call[1]}() is not allowed (no file or nested SQL access)`);
  if (literals.some((l) => FILE_LIKE.test(l.trim()) && /\b(FROM|JOIN)\b/i.test(masked))) {
    throw new SqlConsoleError('read-only console: file paths are not allowed (a quoted path would be read as a table)');
  }
  return body;
}

function cellText(type: DataType, v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if ((DataType.isTimestamp(type) || DataType.isDate(type)) && (typeof v === 'number' || typeof v === 'bigint')) return new Date(Number(v)).toISOString();
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  if (v instanceof Uint8Array) return `<${v.byteLength} bytes>`;
  try {
    return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x));
  } catch {
    return String(v);
  }
}

export function tableText(t: Table, limit: number): { columns: string[]; rows: (string | null)[][] } {
  const fields = t.schema.fields;
  const cols = fields.map((f) => t.getChild(f.name));
  const rows: (string | null)[][] = [];
  for (let i = 0; i < Math.min(t.numRows, limit); i++) rows.push(fields.map((f, c) => cellText(f.type, cols[c]?.get(i))));
  return { columns: fields.map((f) => f.name), rows };
}

export async function runSqlConsole(port: SqlPort, sql: string, limit: number): Promise<SqlConsoleResult> {
  const body = checkReadOnly(sql);
  const t0 = Date.now();
  await port.exec('BEGIN TRANSACTION READ ONLY');
  try {
    const t = await port.query(`SELECT * FROM (\n${body}\n) AS vestige_console LIMIT ${Math.trunc(limit) + 1}`);
    return { ...tableText(t, limit), truncated: t.numRows > limit, ms: Date.now() - t0 };
  } finally {
    await port.exec('ROLLBACK');
  }
}
