/**
 * Corpus check on invictus-ir/aws_dataset: 55 raw CloudTrail S3 objects from a
 * Stratus Red Team run. Each file goes through the streaming reader in 64 KiB
 * pieces; its record count must equal `Records.length` from parsing the whole
 * file here, with no rejection.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { corpusRoot } from '../../../testing/node/corpus';
import type { EventRow } from '../../../schema/ecs';
import { cloudtrailRecordsFormat } from './cloudtrail-records';
import { collect, piecesOf } from './node/test-streams';

const root = corpusRoot();

describe.skipIf(!root)('CloudTrail corpus (invictus aws_dataset)', () => {
  it('reads every record of every S3 object, counted independently, without rejects', async () => {
    const dir = join(root!, 'invictus-aws_dataset/CloudTrail');
    const files = readdirSync(dir).sort();
    expect(files.length).toBe(55);
    let total = 0;
    let gzipped = 0;
    const filled = { user: 0, ip: 0, failures: 0 };
    const actions = new Set<string>();
    for (const f of files) {
      let bytes = new Uint8Array(readFileSync(join(dir, f)));
      if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
        bytes = new Uint8Array(gunzipSync(bytes));
        gzipped++;
      }
      expect(cloudtrailRecordsFormat.sniff(bytes.subarray(0, 65536), []), f).toBe(1);
      const expected = (JSON.parse(new TextDecoder().decode(bytes)) as { Records: unknown[] }).Records;
      const items = await collect(cloudtrailRecordsFormat.parse(piecesOf(bytes), { sourceName: f, referenceTime: new Date() }));
      expect(items.filter((i) => 'reject' in i.result), f).toEqual([]);
      expect(items.length, f).toBe(expected.length);
      for (const [n, item] of items.entries()) {
        const row = item.result as EventRow;
        expect(item.line).toBe(n + 1);
        expect(JSON.parse(String(row.raw))).toEqual(expected[n]);
        expect(row['@timestamp'], `${f} #${n + 1}`).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
        expect(row['event.action'], `${f} #${n + 1}`).toBeTruthy();
        actions.add(String(row['event.action']));
        if (row['user.name'] != null) filled.user++;
        if (row['source.ip'] != null) filled.ip++;
        if (row['event.outcome'] === 'failure') filled.failures++;
      }
      total += items.length;
    }
    console.log(`[cloudtrail corpus] files ${files.length} (gzipped ${gzipped}), records ${total}, rejects 0, user.name ${filled.user}, source.ip ${filled.ip}, failures ${filled.failures}, distinct actions ${actions.size}`);
    expect(total).toBe(2900);
  });
});
