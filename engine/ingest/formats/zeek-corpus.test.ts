/**
 * Corpus check on zed-sample-data: the same Zeek traffic as TSV
 * (`zeek-default/*.log.gz`) and JSON (`zeek-json/*.json.gz`). Every record of
 * every file must parse (records = non-# lines / non-blank lines, no
 * rejects), and every record must give the same core columns and the same
 * raw object in both forms (all 158,439 pairs: ~6 s).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { isReject, type LineFormat, type RecordItem } from '../format';
import { zeekJsonFormat } from './zeek-json';
import { zeekTsvFormat } from './zeek-tsv';

const ROOT = '/work/shared/datasets/zed-sample-data';

interface Parsed {
  records: number;
  rejects: string[];
  expected: number;
  rows: Record<string, unknown>[];
}

function parseFile(format: LineFormat, dir: string, name: string, isRecord: (l: string) => boolean): Parsed {
  const lines = gunzipSync(readFileSync(join(ROOT, dir, name))).toString('utf8').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  expect(format.sniff(lines.slice(0, 50)), `${name} sniffed`).toBeGreaterThan(0.9);
  const out: Parsed = { records: 0, rejects: [], expected: lines.filter(isRecord).length, rows: [] };
  const emit = (r: RecordItem['result'], line: number | null) => {
    out.records++;
    if (isReject(r)) out.rejects.push(`${name}:${line}: ${r.reject}`);
    else out.rows.push(r);
  };
  const p = format.create({ sourceName: name, referenceTime: new Date() });
  lines.forEach((l, i) => p.line(l, i + 1, 0, emit));
  p.end(emit);
  return out;
}

/** `_write_ts` is json-streaming-logs' write time: only the JSON form has it. */
function comparable(row: Record<string, unknown>): Record<string, unknown> {
  const raw = JSON.parse(String(row.raw)) as Record<string, unknown>;
  delete raw._write_ts;
  // TSV writes a set holding one empty string as (empty), like an empty set: Zeek's own reader makes it [].
  for (const [k, v] of Object.entries(raw)) if (Array.isArray(v) && v.length === 1 && v[0] === '') raw[k] = [];
  return { ...row, raw };
}

describe.skipIf(!existsSync(ROOT))('Zeek corpus (zed-sample-data)', () => {
  it('parses every TSV and JSON file completely and the two forms agree', () => {
    const types = readdirSync(join(ROOT, 'zeek-default')).filter((f) => f.endsWith('.log.gz')).map((f) => f.slice(0, -'.log.gz'.length));
    const totals = { files: 0, tsv: 0, json: 0, rejects: 0, compared: 0 };
    const mismatches: string[] = [];
    for (const t of types) {
      const tsv = parseFile(zeekTsvFormat, 'zeek-default', `${t}.log.gz`, (l) => l !== '' && !l.startsWith('#'));
      const json = parseFile(zeekJsonFormat, 'zeek-json', `${t}.json.gz`, (l) => l.trim() !== '');
      totals.files += 2;
      totals.tsv += tsv.records;
      totals.json += json.records;
      totals.rejects += tsv.rejects.length + json.rejects.length;
      expect([...tsv.rejects, ...json.rejects].slice(0, 5), t).toEqual([]);
      expect(tsv.records, `${t} TSV records`).toBe(tsv.expected);
      expect(json.records, `${t} JSON records`).toBe(json.expected);
      expect(tsv.records, `${t} TSV vs JSON`).toBe(json.records);
      tsv.rows.forEach((row, i) => {
        const a = comparable(row);
        const b = comparable(json.rows[i]);
        totals.compared++;
        if (JSON.stringify(a) !== JSON.stringify(b) && mismatches.length < 5) mismatches.push(`${t} #${i + 1}\n TSV  ${JSON.stringify(a)}\n JSON ${JSON.stringify(b)}`);
      });
    }
    expect(mismatches).toEqual([]);
    console.log(`zeek corpus: ${totals.files} files, ${totals.tsv} TSV + ${totals.json} JSON records, ${totals.rejects} rejects, ${totals.compared} record pairs identical`);
    expect(totals.files).toBe(64);
  });
});
