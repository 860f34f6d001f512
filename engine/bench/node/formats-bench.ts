/**
 * Import speed per format family through the whole importer (sniffing,
 * parsing, storing; the search index built after an import is timed in the
 * JSON-lines section): corpus files where the datasets are present, generated
 * ones otherwise; and EVTX parse-only beside parse-and-store.
 */
import { createWriteStream } from 'node:fs';
import { readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openCase } from '../../case/node/case-store';
import { importFiles } from '../../case/node/import-files';
import { buildSearchIndex } from '../../views/search/search-index-build';
import { evtxFromChunks } from '../../ingest/formats/evtx/node/evtx-test-files';
import { benchEvtx } from './evtx-bench';
import { FORMAT_FIXTURES } from './format-fixtures';

async function walk(dir: string, keep: (p: string) => boolean): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(p, keep)));
    else if (keep(p)) out.push(p);
  }
  return out.sort();
}

async function writeLines(path: string, n: number, line: (i: number) => string, header = ''): Promise<void> {
  const out = createWriteStream(path);
  out.write(header);
  let buf = '';
  for (let i = 0; i < n; i++) {
    buf += line(i) + '\n';
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await new Promise<void>((r) => out.once('drain', () => r()));
      buf = '';
    }
  }
  out.write(buf);
  await new Promise<void>((r) => out.end(() => r()));
}

/** Width of the family column. */
const WIDTH = 30;

async function measure(dir: string, family: string, files: string[], run = '', index = false): Promise<void> {
  if (files.length === 0) return;
  const c = await openCase(join(dir, `case-${family}${run}`));
  const bytes = (await Promise.all(files.map((f) => stat(f)))).reduce((n, s) => n + s.size, 0);
  const t = performance.now();
  const sources = await importFiles(c, files, { searchIndex: false });
  const s = (performance.now() - t) / 1000;
  const t1 = performance.now();
  const indexed = index ? await buildSearchIndex(c.port) : null;
  const si = (performance.now() - t1) / 1000;
  await c.close();
  const onDisk = (await stat(join(dir, `case-${family}${run}`, 'case.duckdb'))).size;
  const stored = sources.reduce((n, x) => n + x.recordsStored, 0);
  const rejected = sources.reduce((n, x) => n + x.recordsRejected, 0);
  const formats = [...new Set(sources.map((x) => x.format))].join(', ');
  console.log(`${family.padEnd(WIDTH)} ${String(files.length).padStart(4)} files  ${(bytes / 1e6).toFixed(1).padStart(7)} MB  ${s.toFixed(2).padStart(6)} s  ${(bytes / 1e6 / s).toFixed(1).padStart(6)} MB/s  ${Math.round(stored / s).toLocaleString('en').padStart(8)} events/s  (stored ${stored}, rejected ${rejected}; ${formats}; case ${(onDisk / 1e6).toFixed(1)} MB)`);
  if (indexed) console.log(`${'  then the search index'.padEnd(WIDTH)} ${String(indexed.sources).padStart(4)} srcs  ${''.padStart(10)}  ${si.toFixed(2).padStart(6)} s  (importFiles builds it by default)`);
}

export async function benchFormats(corpus: string | null, dir: string, generated: number): Promise<void> {
  console.log(`\n## Import by format family (whole importer: sniff, parse, store)`);
  const syslog = join(dir, 'auth.log');
  await writeLines(syslog, generated, (i) => `Mar ${1 + (i % 28)} ${String(i % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00 host-${i % 9} sshd[${1000 + (i % 5000)}]: Failed password for invalid user u${i % 700} from 203.0.${(i >> 8) % 256}.${i % 256} port ${1024 + (i % 60000)} ssh2`);
  await measure(dir, 'syslog (generated)', [syslog]);
  const csv = join(dir, 'flows.csv');
  await writeLines(csv, generated, (i) => `2026-03-01T00:${String(i % 60).padStart(2, '0')}:00Z,10.0.${i % 256}.${(i >> 8) % 256},198.51.100.${i % 256},${1024 + (i % 60000)},443,${i % 3 ? 'ACCEPT' : 'REJECT'}`, 'timestamp,source.ip,destination.ip,source.port,destination.port,event.action\n');
  await measure(dir, 'CSV (generated)', [csv]);
  // Every other format: records of our own fixtures repeated (or generated), at most 16 MB each.
  for (const f of FORMAT_FIXTURES) {
    const path = join(dir, f.name);
    await f.write(path, generated, 16e6);
    await measure(dir, f.family, [path]);
  }
  if (!corpus) {
    console.log('(corpus absent: EVTX, Zeek and CloudTrail sections skipped)');
    return;
  }
  const evtx = [...(await walk(join(corpus, 'EVTX-ATTACK-SAMPLES'), (p) => p.endsWith('.evtx'))), ...(await walk(join(corpus, 'DeepBlueCLI'), (p) => p.endsWith('.evtx')))];
  const parse = await benchEvtx(corpus);
  console.log(`${'EVTX parse only'.padEnd(WIDTH)} ${String(parse.files).padStart(4)} files  ${(parse.bytes / 1e6).toFixed(1).padStart(7)} MB  ${parse.seconds.toFixed(2).padStart(6)} s  ${parse.mbPerSec.toFixed(1).padStart(6)} MB/s  ${Math.round(parse.recordsPerSec).toLocaleString('en').padStart(8)} events/s`);
  // Cold (first import in the process), then warm into a new case, as the parse-only figure is (a long import runs warm).
  await measure(dir, 'EVTX parse + store', evtx);
  await measure(dir, 'EVTX parse + store warm', evtx, '-warm', true);
  // A responder's Security.evtx is often hundreds of MB: one large file, streamed (not read ahead).
  const large = join(dir, 'large.evtx');
  await writeFile(large, evtxFromChunks(evtx, 256 << 20));
  await measure(dir, 'EVTX one 256 MB file', [large]);
  await measure(dir, 'Zeek TSV (gz)', await walk(join(corpus, 'zed-sample-data', 'zeek-default'), (p) => p.endsWith('.gz')));
  await measure(dir, 'Zeek JSON (gz)', await walk(join(corpus, 'zed-sample-data', 'zeek-json'), (p) => p.endsWith('.gz')));
  await measure(dir, 'CloudTrail S3 objects', await walk(join(corpus, 'invictus-aws_dataset'), (p) => /\.json(\.gz)?$/.test(p)));
}
