/**
 * Streaming zip reader over fflate: entries are yielded in file order while
 * the archive is read once, front to back; the reader waits for each piece's
 * output to be consumed before reading on, so memory stays bounded.
 */
import { Unzip, UnzipInflate } from 'fflate';
import { Channel, Gauge, Queue } from './channel';
import type { ArchiveEntry } from './tar';

export function isZip(head: Uint8Array): boolean {
  return head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
}

export async function* readZip(pieces: AsyncIterable<Uint8Array>): AsyncGenerator<ArchiveEntry> {
  const gauge = new Gauge();
  const entries = new Queue<ArchiveEntry & { channel: Channel }>();
  const unzip = new Unzip();
  unzip.register(UnzipInflate);
  unzip.onfile = (f) => {
    const channel = new Channel(gauge);
    f.ondata = (err, data, final) => {
      if (err) return channel.fail(new Error(`zip entry ${f.name}: ${err.message}`));
      if (data.length) channel.push(data);
      if (final) channel.close();
    };
    entries.push({ name: f.name, size: f.originalSize ?? -1, body: channel, channel });
    try {
      f.start();
    } catch (e) {
      channel.fail(new Error(`zip entry ${f.name}: ${(e as Error).message}`));
    }
  };
  const driver = (async () => {
    for await (const p of pieces) {
      if (gauge.stopped) return;
      unzip.push(p);
      await gauge.idle();
    }
    unzip.push(new Uint8Array(0), true);
    entries.close();
  })().catch((e: Error) => entries.fail(new Error(`zip: ${e.message}`)));
  try {
    for await (const e of entries) {
      yield { name: e.name, size: e.size, body: e.body };
      e.channel.discard();
    }
  } finally {
    gauge.stop();
    await driver;
  }
}
