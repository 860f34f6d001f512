/**
 * Hayabusa's three Sigma correlation rules on DeepBlueCLI's attack captures,
 * imported by the real EVTX importer. Expected signals were worked out apart
 * from the engine: the base events were listed with plain SQL over the
 * imported records (EventID, SubStatus, IpAddress, TargetUserName and the
 * group-by fields), and the sliding 5-minute windows were counted by a
 * separate script (distinct users or events in [t − 5 min, t], a window
 * ending at each base event; overlapping hit windows merged):
 * - smb-password-guessing-security.evtx: 3,558 4625s with SubStatus
 *   0xc000006a, all for Administrator from 192.168.198.149 within 163 s →
 *   one PW Guessing signal holding all of them; a single 0xc0000064 (user
 *   JcDfcZTc) → no User Guessing signal (1 distinct user, needs > 3).
 * - password-spray.evtx: 294 4648s from 172.16.144.128 on DESKTOP-JR78RLP
 *   naming 41 users over 315 s → the window reaches 5 users early and never
 *   drops below, so one PW Spray signal holding all 294.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusRoot } from '../../testing/node/corpus';
import { openCase, type OpenCase } from '../../case/node/case-store';
import { importFiles } from '../../case/node/import-files';
import { compileBatch } from './compile';
import { runRules } from './run';
import type { RuleMatch } from './types';

const root = corpusRoot();

function find(dir: string, pick: RegExp, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) find(p, pick, out);
    else if (pick.test(name)) out.push(p);
  }
  return out;
}

const PW_GUESSING = '23179f25-6fce-4827-bae1-b219deaf563e';
const USER_GUESSING = '0ae09af3-f30f-47c2-a31c-83e0b918eeee';
const PW_SPRAY = '49d15187-4203-4e11-8acd-8736f25b6608';

describe.skipIf(!root)('corpus: Hayabusa correlation rules on DeepBlueCLI captures', () => {
  let dir: string;
  let k: OpenCase;
  let matches: RuleMatch[];
  beforeAll(async () => {
    const files = find(join(root!, 'hayabusa-rules'), /^Sec_(4625|4648)_.*_Correlation\.yml$/).map((p) => ({ path: p, text: readFileSync(p, 'utf8') }));
    expect(files).toHaveLength(3);
    const { rules, errors } = compileBatch(files);
    expect(errors.map(String)).toEqual([]);
    dir = await mkdtemp(join(tmpdir(), 'vestige-hayabusa-'));
    k = await openCase(dir);
    const evtx = join(root!, 'DeepBlueCLI/evtx');
    await importFiles(k, [join(evtx, 'password-spray.evtx'), join(evtx, 'smb-password-guessing-security.evtx')]);
    matches = await runRules(k.port, rules);
  });
  afterAll(async () => {
    await k?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const signal = (id: string) => matches.filter((m) => m.ruleId === id).map((m) => ({ group: m.groupKey, events: m.eventIds.length, first: m.firstTime, last: m.lastTime }));

  it('PW Guessing (event_count ≥ 5 in 5 min): one signal for Administrator from 192.168.198.149', () => {
    expect(signal(PW_GUESSING)).toEqual([
      {
        group: 'TargetUserName=Administrator, TargetDomainName=., IpAddress=192.168.198.149, LogonType=3, ProcessName=-, LogonProcessName=NtLmSsp',
        events: 3558,
        first: '2016-09-19T16:50:06.513Z',
        last: '2016-09-19T16:52:49.399Z',
      },
    ]);
  });

  it('User Guessing (value_count of users > 3): no signal, one unknown user only', () => {
    expect(signal(USER_GUESSING)).toEqual([]);
  });

  it('PW Spray (value_count of users ≥ 5 in 5 min): one signal for 172.16.144.128 on DESKTOP-JR78RLP', () => {
    expect(signal(PW_SPRAY)).toEqual([{ group: 'IpAddress=172.16.144.128, Computer=DESKTOP-JR78RLP', events: 294, first: '2019-04-30T19:27:02.847Z', last: '2019-04-30T19:32:17.474Z' }]);
  });

  it('base rules are building blocks only (no generate): not reported on their own', () => {
    expect(new Set(matches.map((m) => m.ruleId))).toEqual(new Set([PW_GUESSING, PW_SPRAY]));
  });
});
