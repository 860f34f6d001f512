/**
 * Corpus: every file in the real datasets for which a parser exists goes
 * through the whole importer (sniffing, archives, parsing, storage), and
 * its record count is checked against an independent count: EVTX chunk
 * headers, line counts, `Records[]` lengths. Prints the figures.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { evtxChunkCounts } from '../../ingest/formats/evtx';
import { corpusRoot } from '../../testing/node/corpus';
import { openCase, type OpenCase } from './case-store';
import { importFiles } from './import-files';

const root = corpusRoot();
const figures: string[] = [];
const cases: OpenCase[] = [];
afterAll(async () => {
  for (const c of cases) await c.close();
  if (figures.length) console.log(['[import corpus]', ...figures].join('\n  '));
});

function walk(dir: string, keep: (p: string) => boolean): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p, keep));
    else if (keep(p)) out.push(p);
  }
  return out.sort();
}

const text = (p: string) => (p.endsWith('.gz') ? gunzipSync(readFileSync(p)) : readFileSync(p)).toString('utf8');
const nonBlank = (p: string) => text(p).split('\n').filter((l) => l.trim() !== '').length;

interface Expect {
  file: string;
  count: number;
  format?: RegExp;
}

/** Files with the same bytes as an earlier one are imported once: later copies count nothing. */
function dedupe(list: Expect[]): Expect[] {
  const seen = new Set<string>();
  return list.map((e) => {
    const h = createHash('sha256').update(readFileSync(e.file)).digest('hex');
    if (seen.has(h)) return { file: e.file, count: 0 };
    seen.add(h);
    return e;
  });
}

async function importAll(family: string, all: Expect[], allowRejects = 0) {
  const expected = dedupe(all);
  const c = await openCase(await mkdtemp(join(tmpdir(), `vestige-corpus-${family}-`)));
  cases.push(c);
  const t = performance.now();
  const sources = await importFiles(c, expected.map((e) => e.file));
  const secs = (performance.now() - t) / 1000;
  let records = 0;
  let rejects = 0;
  const bytes = expected.reduce((n, e) => n + statSync(e.file).size, 0);
  for (const e of expected) {
    const got = sources.filter((s) => s.path === e.file);
    const read = got.reduce((n, s) => n + s.recordsRead, 0);
    for (const s of got) expect(s.recordsRead, s.path).toBe(s.recordsStored + s.recordsRejected);
    expect(read, relative(root!, e.file)).toBe(e.count);
    if (e.format) for (const s of got) expect(s.format, relative(root!, e.file)).toMatch(e.format);
    if (e.count === 0) for (const s of got) expect(s.error).toMatch(/already in this case/);
    records += read;
    rejects += got.reduce((n, s) => n + s.recordsRejected, 0);
  }
  expect(rejects).toBeLessThanOrEqual(allowRejects);
  const dups = expected.filter((e) => e.count === 0 && !e.format).length;
  figures.push(`${family}: ${expected.length} files (${dups} byte-identical copies), ${records} records, ${rejects} rejected, ${(bytes / 1e6).toFixed(1)} MB in ${secs.toFixed(1)} s (${Math.round(records / secs)} events/s)`);
}

describe.skipIf(!root)('corpus: every dataset file with a parser imports in full', () => {
  it('EVTX-ATTACK-SAMPLES and DeepBlueCLI: every record, as counted by the chunk headers', async () => {
    const files = [...walk(join(root!, 'EVTX-ATTACK-SAMPLES'), (p) => p.endsWith('.evtx')), ...walk(join(root!, 'DeepBlueCLI'), (p) => p.endsWith('.evtx'))];
    expect(files.length).toBe(300);
    await importAll('evtx', files.map((file) => ({ file, count: evtxChunkCounts(readFileSync(file)).records, format: /^evtx$/ })));
  });

  it('loghub OpenSSH and Linux: one record per line', async () => {
    const files = ['OpenSSH/OpenSSH_2k.log', 'Linux/Linux_2k.log'].map((f) => join(root!, 'loghub', f));
    await importAll('loghub', files.map((file) => ({ file, count: nonBlank(file), format: /^syslog$/ })));
  });

  it('Zeek TSV and JSON: one record per non-header line', async () => {
    const files = walk(join(root!, 'zed-sample-data'), (p) => /zeek-(default|json)\/.*\.gz$/.test(p));
    expect(files.length).toBe(64);
    await importAll('zeek', files.map((file) => ({
      file,
      count: text(file).split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#')).length,
      format: /^zeek-(tsv|json)\+gzip$/,
    })));
  });

  it('CloudTrail S3 objects: one record per Records[] element', async () => {
    const files = walk(join(root!, 'invictus-aws_dataset'), (p) => /\.json(\.gz)?$/.test(p));
    expect(files.length).toBe(55);
    await importAll('cloudtrail', files.map((file) => ({ file, count: (JSON.parse(text(file)) as { Records: unknown[] }).Records.length, format: /^cloudtrail/ })));
  });

  it('web access logs: one record per request line', async () => {
    const files = walk(join(root!, 'EVTX-ATTACK-SAMPLES'), (p) => /access_log\.txt$|_IIS\.log$/.test(p));
    expect(files.length).toBe(2);
    // The Tomcat log holds one TLS handshake sent to the HTTP port: raw bytes, rejected as invalid UTF-8.
    await importAll('web', files.map((file) => ({ file, count: text(file).split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#')).length })), 1);
  });

  it('SigmaHQ regression events (evtx_dump JSON) and OTRF archives (NXLog JSON in zip/tar.gz)', async () => {
    const regression = walk(join(root!, 'sigma', 'regression_data'), (p) => p.endsWith('.json'));
    const evtxTwin = (p: string) => {
      const e = p.replace(/\.json$/, '.evtx');
      try {
        return evtxChunkCounts(readFileSync(e)).records;
      } catch {
        return null;
      }
    };
    const paired = regression.map((file) => ({ file, count: evtxTwin(file) })).filter((e): e is Expect => e.count !== null);
    expect(paired.length).toBeGreaterThan(190);
    await importAll('regression-json', paired.map((e) => ({ ...e, format: /^windows-json/ })));
    const otrf = walk(join(root!, 'OTRF-Security-Datasets', 'datasets', 'atomic', 'windows'), (p) => /\.(zip|tar\.gz)$/.test(p)).slice(0, 12);
    const c = await openCase(await mkdtemp(join(tmpdir(), 'vestige-corpus-otrf-')));
    cases.push(c);
    const notes: { member: string; note: string }[] = [];
    const sources = await importFiles(c, otrf, { notes: notes as never });
    const read = sources.reduce((n, s) => n + s.recordsRead, 0);
    expect(sources.every((s) => s.recordsRejected === 0 && /^windows-json/.test(s.format)), JSON.stringify(sources.filter((s) => s.recordsRejected || !/^windows-json/.test(s.format)).slice(0, 3))).toBe(true);
    expect(read).toBeGreaterThan(1000);
    figures.push(`otrf (first 12 Windows archives): ${otrf.length} files, ${sources.length} members, ${read} records, 0 rejected, ${notes.length} junk members skipped`);
  });
});
