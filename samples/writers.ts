/**
 * Turn the in-memory case into files: one auth.log per host (gzipped where
 * asked) and one ECS JSON-lines file per host. How to add a source: write its
 * records into CaseLog from a generator, then add a writer here that sorts
 * them by time and serialises them.
 */
import { createHash } from 'node:crypto';
import { mkdir, utimes, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { gzipSync } from 'fflate';
import type { CaseLog, EcsDoc, SyslogLine } from './case-log';
import { syslogStamp } from './clock';

export interface WrittenFile {
  /** relative to the output directory, with forward slashes */
  readonly path: string;
  readonly sha256: string;
  readonly records: number;
}

const byTime = <T extends { t: number }>(items: readonly T[]): T[] => [...items].sort((a, b) => a.t - b.t);

function syslogText(lines: readonly SyslogLine[]): string {
  return lines.map((l) => `${syslogStamp(l.t)} ${l.host} ${l.prog}${l.pid === undefined ? '' : `[${l.pid}]`}: ${l.msg}\n`).join('');
}

async function emit(outDir: string, rel: string, bytes: Uint8Array, records: number, mtime?: number): Promise<WrittenFile> {
  const abs = join(outDir, rel);
  await mkdir(dirname(abs), { recursive: true });
  await writeFile(abs, bytes);
  // The importer reads the year of yearless syslog stamps from the mtime.
  if (mtime !== undefined) await utimes(abs, mtime / 1000, mtime / 1000);
  return { path: rel, sha256: createHash('sha256').update(bytes).digest('hex'), records };
}

export interface SyslogTarget {
  readonly host: string;
  readonly gzip: boolean;
}

/** mtime: a fixed moment shortly after the file's last line, as when logs are collected. */
export async function writeAuthLogs(outDir: string, log: CaseLog, targets: readonly SyslogTarget[]): Promise<WrittenFile[]> {
  const out: WrittenFile[] = [];
  for (const { host, gzip } of targets) {
    const lines = byTime(log.syslog.filter((l) => l.host === host));
    const text = new TextEncoder().encode(syslogText(lines));
    const last = lines.length > 0 ? lines[lines.length - 1].t : 0;
    const mtime = Math.floor(last / 1000) * 1000 + 47_000;
    // mtime 0 in the gzip header keeps the bytes independent of the clock.
    const bytes = gzip ? gzipSync(text, { level: 6, mtime: 0 }) : text;
    out.push(await emit(outDir, `${host}/auth.log${gzip ? '.gz' : ''}`, bytes, lines.length, mtime));
  }
  return out;
}

export async function writeEcsLogs(outDir: string, log: CaseLog, hosts: readonly string[]): Promise<WrittenFile[]> {
  const out: WrittenFile[] = [];
  for (const host of hosts) {
    const docs: EcsDoc[] = byTime(log.ecs.filter((d) => d.host === host));
    const text = docs.map((d) => `${JSON.stringify(d.doc)}\n`).join('');
    const last = docs.length > 0 ? docs[docs.length - 1].t : 0;
    out.push(await emit(outDir, `${host}/endpoint-events.jsonl`, new TextEncoder().encode(text), docs.length, Math.floor(last / 1000) * 1000 + 52_000));
  }
  return out;
}
