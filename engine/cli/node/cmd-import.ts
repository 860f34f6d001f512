import { openCase } from '../../case/node/case-store';
import { importFiles } from '../../case/node/import-files';
import { runDetection } from '../../detect/run-detection';
import { loadRuleFiles } from '../../detect/node/load-rules';
import { builtinRulesDir } from '../../host/node/resources';
import { readFile } from 'node:fs/promises';
import type { ImportNote, ImportProgress } from '../../host/contract';
import type { FieldMapping } from '../../ingest/mapping';
import { formatMappingErrors, parseMappingFile } from '../../ingest/mapping-file';
import { one, parseArgs, UsageError } from './args';

export async function cmdImport(argv: string[]): Promise<number> {
  const a = parseArgs(argv, { values: ['case', 'rules', 'mapping'], bools: ['json', 'no-detect'] });
  const dir = one(a, 'case');
  if (!dir) throw new UsageError('import needs --case DIR');
  if (a.positional.length === 0) throw new UsageError('import needs at least one file');
  const mappingPath = one(a, 'mapping');
  let mapping: FieldMapping | undefined;
  if (mappingPath) {
    const parsed = parseMappingFile(await readFile(mappingPath, 'utf8'), mappingPath);
    if (!parsed.mapping || parsed.errors.length) throw new Error(formatMappingErrors(parsed.errors).split('\n')[0] || `${mappingPath}: not a mapping`);
    mapping = parsed.mapping;
  }
  const c = await openCase(dir);
  try {
    const json = a.bools.has('json');
    const notes: ImportNote[] = [];
    const sources = await importFiles(c, a.positional, {
      notes,
      mapping,
      onProgress: json ? undefined : progressPrinter(),
    });
    let signals = 0;
    if (!a.bools.has('no-detect')) {
      const rules = await loadRuleFiles(a.flags.get('rules') ?? [builtinRulesDir()]);
      signals = (await runDetection(c.port, rules)).signals;
    }
    if (json) process.stdout.write(JSON.stringify({ case: c.dir, sources, notes, signals }) + '\n');
    else {
      for (const s of sources) {
        process.stdout.write(`${s.path}\t${s.format}\tread ${s.recordsRead}\tstored ${s.recordsStored}\trejected ${s.recordsRejected}\t${s.sha256}\n`);
        for (const r of s.firstRejections.slice(0, 5)) process.stdout.write(`  line ${r.line ?? '?'}: ${r.reason}\n`);
      }
      for (const n of notes) process.stdout.write(`${n.path}${n.member ? `:${n.member}` : ''}: ${n.note}\n`);
      process.stdout.write(`${signals} signals\n`);
    }
    return sources.some((s) => s.error && s.recordsStored === 0) ? 1 : 0;
  } finally {
    await c.close();
  }
}

/** Progress on stderr: bytes, records and time left, redrawn at most 4 times a second. */
function progressPrinter(): (p: ImportProgress) => void {
  let last = 0;
  let started = Date.now();
  let file = '';
  return (p) => {
    if (p.file !== file) {
      file = p.file;
      started = Date.now();
    }
    if (p.done) {
      // A file that could not be read at all is reported once, by the error that stops the command.
      if (!(p.error && p.bytesTotal === 0)) process.stderr.write(`\r${p.file}: ${p.records} records${p.error ? ` (${p.error})` : ''}\x1b[K\n`);
      return;
    }
    const now = Date.now();
    if (now - last < 250 || !process.stderr.isTTY) return;
    last = now;
    const pct = p.bytesTotal ? Math.floor((p.bytesDone / p.bytesTotal) * 100) : 0;
    const eta = p.bytesDone > 0 ? Math.ceil(((p.bytesTotal - p.bytesDone) / p.bytesDone) * ((now - started) / 1000)) : null;
    process.stderr.write(`\r${p.file}: ${pct}% ${p.records} records${eta !== null ? `, ~${eta} s left` : ''}\x1b[K`);
  };
}
