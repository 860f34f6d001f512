import { describe, expect, it } from 'vitest';
import { parseLines } from '../../run-lines';
import { jsonlFormat } from '../jsonl';
import { cloudtrailLinesFormat } from './cloudtrail';
import { cloudtrailRecordsFormat } from './cloudtrail-records';
import { collect, fixtureBytes, fixtureLines, piecesOf } from './node/test-streams';

const ctx = { sourceName: 'ct.json', referenceTime: new Date() };
const enc = new TextEncoder();
const parseAll = (bytes: Uint8Array, size?: number) => collect(cloudtrailRecordsFormat.parse(piecesOf(bytes, size), ctx));

describe('CloudTrail S3 objects ({"Records":[…]})', () => {
  const bytes = fixtureBytes('cloudtrail-records.json');
  const text = new TextDecoder().decode(bytes);

  it('maps every record, numbered by position, with the byte offset of its text as raw', async () => {
    const items = await parseAll(bytes);
    expect(items.map((i) => i.line)).toEqual([1, 2, 3]);
    const records = JSON.parse(text).Records;
    for (const [n, item] of items.entries()) {
      const raw = (item.result as { raw: string }).raw;
      expect(JSON.parse(raw)).toEqual(records[n]);
      expect(new TextDecoder().decode(bytes.subarray(item.offset!, item.offset! + enc.encode(raw).length))).toBe(raw);
    }
    const { raw: _raw, ...second } = items[1].result as Record<string, unknown>;
    expect(second).toEqual({
      '@timestamp': '2024-05-02T09:16:30.123456Z',
      'event.timezone': 'Z',
      'event.kind': 'event',
      'event.dataset': 'aws.cloudtrail',
      'event.action': 'PutBucketPolicy',
      'event.category': null,
      'event.outcome': 'failure',
      'user.name': 'ci-runner',
      'source.ip': '2001:db8::5',
      message: 'Access Denied — café ☕',
    });
    expect(items[0].result).toMatchObject({ 'user.name': 'dana', 'event.category': 'iam', 'event.outcome': 'success', 'source.ip': '198.51.100.7' });
    // An AWS service acting: its name is the user, and its name in sourceIPAddress is no address.
    expect(items[2].result).toMatchObject({ 'user.name': 'cloudtrail.amazonaws.com', 'source.ip': null });
  });

  it('gives the same records whatever the piece size, also for a single-line object', async () => {
    const whole = await parseAll(bytes);
    for (const size of [1, 7, 100]) expect(await parseAll(bytes, size)).toEqual(whole);
    const compact = enc.encode(JSON.stringify(JSON.parse(text)));
    expect((await parseAll(compact, 13)).map((i) => (i.result as { 'event.action': string })['event.action'])).toEqual(['CreateAccessKey', 'PutBucketPolicy', 'GenerateDataKey']);
  });

  it('streams: a record comes out as soon as its bytes are in, not at the end of the document', async () => {
    let pulled = 0;
    async function* endless(): AsyncGenerator<Uint8Array> {
      pulled++;
      yield enc.encode('{"Records":[');
      for (let n = 0; n < 1000; n++) {
        pulled++;
        yield enc.encode(`${n ? ',' : ''}{"eventTime":"2024-01-01T00:00:00Z","eventName":"E${n}"}`);
      }
    }
    const seen: number[] = [];
    for await (const item of cloudtrailRecordsFormat.parse(endless(), ctx)) {
      seen.push(pulled);
      if (item.line === 3) break;
    }
    // Each record comes out right after the piece that completes it: nothing waits for the closing `]}`.
    expect(seen).toEqual([2, 3, 4]);
  });

  it('rejects, with reasons, elements that are not objects and a cut-off file', async () => {
    const items = await parseAll(enc.encode('{"Records":[{"eventTime":"2024-01-01T00:00:00Z","eventName":"A"}, 42, {"eventTime":"soon"}, {"eventName":"B'));
    expect(items.map((i) => ('reject' in i.result ? i.result.reject : 'row'))).toEqual([
      'row',
      'record is not a JSON object',
      'unreadable time in "eventTime": soon',
      'the stream ends inside record 4 (15 bytes read): truncated file?',
    ]);
  });

  it('sniffs S3 objects, pretty or not, and leaves S3 event notifications to others', () => {
    expect(cloudtrailRecordsFormat.sniff(bytes, [])).toBe(1);
    expect(cloudtrailRecordsFormat.sniff(enc.encode('{"Records":[]}'), [])).toBe(1);
    expect(cloudtrailRecordsFormat.sniff(enc.encode('{"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","eventName":"ObjectCreated:Put"}]}'), [])).toBe(0.5);
    expect(cloudtrailRecordsFormat.sniff(enc.encode(fixtureLines('cloudtrail.jsonl').join('\n')), [])).toBe(0);
    expect(cloudtrailRecordsFormat.sniff(fixtureBytes('../../fixtures/windows-json-pretty.json'), [])).toBe(0);
  });
});

describe('CloudTrail JSON lines', () => {
  const lines = fixtureLines('cloudtrail.jsonl');

  it('maps console sign-in failures and assumed-role sessions', () => {
    const rows = parseLines(cloudtrailLinesFormat.create(ctx), lines).map((r) => r.result);
    expect(rows[0]).toMatchObject({ '@timestamp': '2024-05-03T22:40:12.000Z', 'event.action': 'ConsoleLogin', 'event.category': 'authentication', 'event.outcome': 'failure', 'user.name': 'root', 'source.ip': '203.0.113.44', raw: lines[0] });
    // The SSO session name is the person; "AWS Internal" is no address.
    expect(rows[1]).toMatchObject({ 'event.action': 'RunInstances', 'event.outcome': 'success', 'user.name': 'alice@example.org', 'source.ip': null });
  });

  it('out-sniffs generic jsonl on CloudTrail lines only', () => {
    expect(cloudtrailLinesFormat.sniff(lines)).toBeGreaterThan(jsonlFormat.sniff(lines));
    expect(cloudtrailLinesFormat.sniff(fixtureLines('okta.jsonl'))).toBe(0);
    expect(cloudtrailLinesFormat.sniff(['{"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","eventName":"ObjectCreated:Put","eventTime":"x"}]}'])).toBe(0);
  });
});
