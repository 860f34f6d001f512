/** A generated JSON-lines file of ECS-shaped events, the same for every run. */
import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { TAR_END, tarHeader, tarPadding } from '../../testing/tar-fixture';

export async function writeJsonlFixture(path: string, lines: number): Promise<number> {
  const out = createWriteStream(path);
  let bytes = 0;
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const hosts = ['web-01', 'web-02', 'db-01', 'app-01', 'bastion'];
  const users = ['root', 'alice', 'bob', 'deploy', 'www-data', 'postgres'];
  const actions = ['exec', 'ssh_login', 'connect', 'file_write', 'sudo'];
  const t0 = Date.UTC(2026, 2, 1);
  let buf = '';
  for (let i = 0; i < lines; i++) {
    const ev = {
      '@timestamp': new Date(t0 + i * 250).toISOString(),
      event: { action: actions[i % actions.length], outcome: rnd() < 0.9 ? 'success' : 'failure', dataset: 'bench' },
      host: { name: hosts[i % hosts.length] },
      user: { name: users[Math.floor(rnd() * users.length)] },
      source: { ip: `10.${i % 256}.${(i >> 8) % 256}.${Math.floor(rnd() * 255)}`, port: 1024 + (i % 60000) },
      process: { pid: 1000 + (i % 30000), name: 'bash', executable: '/usr/bin/bash', command_line: `bash -c "echo ${i} && sleep ${i % 7}"` },
      message: `benchmark event ${i} with some text to make the line a realistic length for a log record`,
      labels: { run: 'bench', shard: i % 16 },
    };
    buf += JSON.stringify(ev) + '\n';
    if (buf.length > 1 << 20) {
      bytes += Buffer.byteLength(buf);
      if (!out.write(buf)) await new Promise<void>((r) => out.once('drain', () => r()));
      buf = '';
    }
  }
  bytes += Buffer.byteLength(buf);
  out.write(buf);
  await new Promise<void>((r) => out.end(() => r()));
  return bytes;
}

/** A tar archive holding the file `src` as its one member `name`, written without holding the file in memory. */
export async function writeTarOfFile(path: string, name: string, src: string): Promise<void> {
  const size = (await stat(src)).size;
  const out = createWriteStream(path);
  out.write(tarHeader(name, size));
  await pipeline(createReadStream(src), out, { end: false });
  await new Promise<void>((r) => out.end(Buffer.concat([tarPadding(size), TAR_END]), () => r()));
}
