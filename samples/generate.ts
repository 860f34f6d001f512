/**
 * The sample case Vestige opens by default: four hosts over four and a half
 * days of ordinary work, and on Saturday night an SSH brute force on web-01
 * that ends in a root shell, a Monero miner and two kinds of persistence.
 * See story-facts.ts for the timeline. Same seed, byte-identical files.
 */
import type { CaseLog as CaseLogType } from './case-log';
import { CaseLog } from './case-log';
import { generateCronNoise } from './noise-cron';
import { generatePeopleNoise } from './noise-people';
import { generateServiceNoise } from './noise-services';
import { ALL_HOSTS, HOSTS } from './pools';
import { createRng } from './prng';
import { generateAccess } from './story-access';
import { generateImpact } from './story-impact';
import { writeAuthLogs, writeEcsLogs, type WrittenFile } from './writers';

export const DEFAULT_SEED = 20260314;

export interface SampleCase {
  readonly files: WrittenFile[];
}

/** Build every record in memory; exported for tests that want the records without touching disk. */
export function buildSampleLog(seed: number): CaseLogType {
  const rng = createRng(seed);
  const log = new CaseLog(rng.fork('pids'));
  generateCronNoise(log, rng.fork('cron'));
  generateServiceNoise(log, rng.fork('services'));
  generatePeopleNoise(log, rng.fork('people'));
  const access = generateAccess(log, rng.fork('access'));
  generateImpact(log, rng.fork('impact'), access);
  return log;
}

export async function generateSampleCase(outDir: string, opts: { seed?: number } = {}): Promise<SampleCase> {
  const log = buildSampleLog(opts.seed ?? DEFAULT_SEED);
  // db-01's auth.log arrives gzipped, as a rotated log would, so the sample exercises gzip import.
  const auth = await writeAuthLogs(outDir, log, ALL_HOSTS.map((h) => ({ host: h.name, gzip: h === HOSTS.db })));
  const ecs = await writeEcsLogs(outDir, log, ALL_HOSTS.map((h) => h.name));
  return { files: [...auth, ...ecs] };
}
