/**
 * Sigma at scale: every SigmaHQ Windows rule over ≥ 1M real Windows events.
 * The events are the EVTX corpus (EVTX-ATTACK-SAMPLES + DeepBlueCLI) imported
 * through the real importer, then replicated in SQL (new event ids, times
 * shifted by a day per copy) until the target is reached. Replication keeps
 * the corpus's value distribution, so this measures rule evaluation on real
 * shapes of records, not on synthetic strings.
 */
import { readFile, readdir } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join, relative } from 'node:path';
import { openCase } from '../../case/node/case-store';
import { importFiles } from '../../case/node/import-files';
import { compileBatch } from '../../detect/sigma/compile';
import { runRules } from '../../detect/sigma/run';
import { rowsOf, type SqlPort } from '../../sql/port';

export interface SigmaBenchResult {
  events: number;
  rules: number;
  refused: number;
  compileSeconds: number;
  runSeconds: number;
  /** CPU seconds of this process (DuckDB's threads included) during the run: the machine is shared. */
  runCpuSeconds: number;
  /** The slowest phases (facts pass, shared extraction, per-group steps). */
  slowest: { phase: string; seconds: number }[];
  matchingRules: number;
  matchedEvents: number;
}

async function filesUnder(dir: string, ext: string, out: string[] = []): Promise<string[]> {
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) await filesUnder(p, ext, out);
    else if (e.name.toLowerCase().endsWith(ext)) out.push(p);
  }
  return out.sort();
}

/** Imports the corpus's .evtx files into a new case at `caseDir` and grows `events` to at least `target` rows. */
export async function buildWindowsCase(corpus: string, caseDir: string, target: number): Promise<{ port: SqlPort; close(): Promise<void>; imported: number; events: number }> {
  const files = (await Promise.all(['EVTX-ATTACK-SAMPLES', 'DeepBlueCLI'].map((d) => filesUnder(join(corpus, d), '.evtx').catch(() => [])))).flat();
  if (files.length === 0) throw new Error(`no .evtx files under ${corpus}`);
  const c = await openCase(caseDir);
  await importFiles(c, files, { searchIndex: false });
  const [{ n, hi }] = rowsOf<{ n: bigint; hi: bigint }>(await c.port.query('SELECT count(*) AS n, max("event.id") AS hi FROM events'));
  const imported = Number(n);
  const copies = Math.ceil(target / imported) - 1;
  if (copies > 0) {
    // One statement: each copy k gets ids offset by k·(max id) and times shifted by k days.
    await c.port.exec(
      `INSERT INTO events_raw SELECT events_raw.* REPLACE ("event.id" + k * ${Number(hi)} AS "event.id", "@timestamp" + k * INTERVAL 1 DAY AS "@timestamp") ` +
        `FROM events_raw, range(1, ${copies + 1}) AS r(k)`,
    );
  }
  // As after a real import and reopen: rows written to the file, not held in the write-ahead log.
  await c.port.exec('CHECKPOINT');
  return { port: c.port, close: () => c.close(), imported, events: imported * (copies + 1) };
}

/** Compiles every rule under `rulesDir` and runs them all over the case's events. */
export async function benchSigmaRules(port: SqlPort, rulesDir: string, events: number): Promise<SigmaBenchResult> {
  const paths = await filesUnder(rulesDir, '.yml');
  const files = await Promise.all(paths.map(async (p) => ({ path: relative(rulesDir, p), text: await readFile(p, 'utf8') })));
  let t = performance.now();
  const compiled = compileBatch(files);
  const compileSeconds = (performance.now() - t) / 1000;
  t = performance.now();
  const cpu = process.cpuUsage();
  const phases: { phase: string; seconds: number }[] = [];
  const matches = await runRules(port, compiled.rules, { onTiming: (phase, seconds) => phases.push({ phase, seconds }) });
  const runSeconds = (performance.now() - t) / 1000;
  const used = process.cpuUsage(cpu);
  return {
    events,
    rules: compiled.rules.length,
    refused: compiled.errors.length,
    compileSeconds,
    runSeconds,
    runCpuSeconds: (used.user + used.system) / 1e6,
    slowest: phases.sort((a, b) => b.seconds - a.seconds).slice(0, 5),
    matchingRules: new Set(matches.map((m) => m.ruleId)).size,
    matchedEvents: matches.reduce((s, m) => s + m.eventIds.length, 0),
  };
}

const fmt = (x: number) => Math.round(x).toLocaleString('en');

/** The `npm run bench` section; prints a notice and returns when the corpus is absent. */
export async function benchSigma(corpus: string | null, workDir: string, target: number): Promise<void> {
  const rulesDir = corpus && join(corpus, 'sigma/rules/windows');
  const have = corpus && (await readdir(rulesDir!).then(() => true, () => false));
  if (!have) {
    console.log('\n## Sigma: skipped (EVTX corpus and SigmaHQ rules not found: set VESTIGE_CORPUS)');
    return;
  }
  const t = performance.now();
  const c = await buildWindowsCase(corpus, join(workDir, 'sigma-case'), target);
  try {
    console.log(`\n## Sigma: SigmaHQ Windows rules over ${fmt(c.events)} events (${fmt(c.imported)} imported from EVTX, replicated; built in ${((performance.now() - t) / 1000).toFixed(1)} s)`);
    const load = loadavg().map((x) => x.toFixed(1)).join(' ');
    const r = await benchSigmaRules(c.port, rulesDir!, c.events);
    const total = r.compileSeconds + r.runSeconds;
    console.log(`compile   ${r.compileSeconds.toFixed(2)} s  ${fmt(r.rules)} rules (${r.refused} refused)  ${fmt(r.rules / r.compileSeconds)} rules/s`);
    console.log(`run       ${r.runSeconds.toFixed(2)} s  ${fmt(r.events / r.runSeconds)} events/s  ${fmt(r.rules / r.runSeconds)} rules/s  (${r.runCpuSeconds.toFixed(1)} CPU s; load average before ${load})`);
    console.log(`total     ${total.toFixed(2)} s  matches: ${fmt(r.matchingRules)} rules matched ${fmt(r.matchedEvents)} events`);
    console.log(`slowest   ${r.slowest.map((p) => `${p.phase} ${p.seconds.toFixed(2)} s`).join('; ')}`);
  } finally {
    await c.close();
  }
}
