/** The machine a benchmark ran on, printed with every figure. */
import { cpus, freemem, totalmem, platform, release } from 'node:os';

export function machineDetails(): string {
  const c = cpus();
  return [
    `cpu: ${c[0]?.model ?? 'unknown'} × ${c.length}`,
    `memory: ${(totalmem() / 2 ** 30).toFixed(1)} GiB (${(freemem() / 2 ** 30).toFixed(1)} free)`,
    `os: ${platform()} ${release()}`,
    `node: ${process.version}`,
  ].join('\n');
}
