import { describe, expect, it } from 'vitest';
import type { LineFormat } from '../format';
import { auditdFormat } from './auditd';
import { iisW3cFormat } from './iis-w3c';
import { jsonlFormat } from './jsonl';
import { fixtureLines } from './node/fixture-lines';
import { syslogFormat } from './syslog';
import { webAccessFormat } from './web-access';

/** Each fixture and the one format that may claim it. */
const CASES: [string, LineFormat][] = [
  ['auditd.log', auditdFormat],
  ['web-access.log', webAccessFormat],
  ['iis-w3c.log', iisW3cFormat],
  ['syslog.log', syslogFormat],
  ['jsonl.log', jsonlFormat],
];
const FORMATS = CASES.map(([, f]) => f);

describe('line sniffers', () => {
  for (const [fixture, owner] of CASES) {
    it(`only ${owner.name} claims ${fixture}`, () => {
      const lines = fixtureLines(fixture);
      const scores = Object.fromEntries(FORMATS.map((f) => [f.name, f.sniff(lines)]));
      expect(scores[owner.name]).toBeGreaterThan(0.5);
      for (const f of FORMATS) if (f !== owner) expect(scores[f.name], `${f.name} on ${fixture}`).toBe(0);
    });
  }

  it('recognises an IIS file cut after its header by the default columns, weaker than a header', () => {
    const body = fixtureLines('iis-w3c.log').slice(4, 6).map((l) => l.split(' ').filter((_, i) => i !== 2 && i !== 3).join(' '));
    expect(iisW3cFormat.sniff(body)).toBe(0.6);
    expect(syslogFormat.sniff(body)).toBe(0);
  });
});
