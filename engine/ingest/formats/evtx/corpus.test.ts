import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusRoot } from '../../../testing/node/corpus';
import { filesUnder, splitConcatenatedJson } from './node/evtx-test-files';
import { evtxChunkCounts, readEvtx, readEvtxStream } from './index';

const root = corpusRoot();

/** A SigmaHQ case whose .json was edited by hand, so no parser can reproduce it (checked against the bytes). */
const HAND_EDITED: Record<string, string> = {
  'ad691d92-15f2-4181-9aa4-723c74f9ddc3':
    'SystemTime has 9 fractional digits (evtx_dump prints 6) and ParentCommandLine reads Explorer.exe where the record has Explorer.EXE',
};

describe.skipIf(!root)('EVTX corpus', () => {
  it('reads every EVTX-ATTACK-SAMPLES and DeepBlueCLI file with record counts equal to the chunk headers', () => {
    const files = [...filesUnder(join(root!, 'EVTX-ATTACK-SAMPLES'), '.evtx'), ...filesUnder(join(root!, 'DeepBlueCLI'), '.evtx')];
    expect(files.length).toBe(277 + 23);
    let attackRecords = 0;
    const differing: string[] = [];
    for (const f of files) {
      const bytes = new Uint8Array(readFileSync(f));
      let records = 0;
      const errors: string[] = [];
      for (const item of readEvtx(bytes)) {
        if (item.kind === 'error') errors.push(`${item.offset}: ${item.message}`);
        else {
          records++;
          expect(item.timeCreated).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
        }
      }
      if (f.includes('EVTX-ATTACK-SAMPLES')) attackRecords += records;
      const declared = evtxChunkCounts(bytes).records;
      if (records !== declared || errors.length) differing.push(`${f}: ${records} read, ${declared} declared, errors ${errors.join('; ')}`);
    }
    expect(differing).toEqual([]);
    expect(attackRecords).toBe(8255); // the dataset's MANIFEST
  });

  it('matches evtx_dump JSON for every SigmaHQ regression case', () => {
    const cases = filesUnder(join(root!, 'sigma/regression_data'), '.evtx');
    expect(cases.length).toBeGreaterThanOrEqual(200);
    let compared = 0;
    for (const f of cases) {
      const id = f.slice(f.lastIndexOf('/') + 1, -'.evtx'.length);
      const expected = splitConcatenatedJson(readFileSync(f.replace(/\.evtx$/, '.json'), 'utf8'));
      const items = [...readEvtx(new Uint8Array(readFileSync(f)))];
      expect(items.filter((i) => i.kind === 'error'), f).toEqual([]);
      const events = items.flatMap((i) => (i.kind === 'record' ? [i.event] : []));
      if (HAND_EDITED[id]) {
        expect(events, f).not.toEqual(expected);
        continue;
      }
      expect(events, f).toEqual(expected);
      compared += events.length;
    }
    expect(compared).toBeGreaterThan(230);
  });

  it('streams pieces of any size to the same items as the whole-file reader', async () => {
    const f = join(root!, 'DeepBlueCLI/evtx/smb-password-guessing-security.evtx');
    const bytes = new Uint8Array(readFileSync(f));
    const whole = [...readEvtx(bytes)];
    // 4095 and 4097 straddle every header and chunk boundary.
    for (const size of [7, 4095, 4097, 65536, 100_000, bytes.length]) {
      async function* pieces(): AsyncGenerator<Uint8Array> {
        for (let i = 0; i < bytes.length; i += size) yield bytes.slice(i, i + size);
      }
      const streamed = [];
      for await (const item of readEvtxStream(pieces())) streamed.push(item);
      expect(streamed).toEqual(whole);
    }
  });
});
