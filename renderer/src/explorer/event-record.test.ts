import { describe, expect, it } from 'vitest';
import { Int64, Table, TimestampMicrosecond, Utf8, tableToIPC, vectorFromArray } from 'apache-arrow';
import { decodeEventPage, prettyRaw, rawField } from './event-record';
import { EVENT_COLUMNS } from './event-columns';

function page() {
  const table = new Table({
    'event.id': vectorFromArray([7n, 8n], new Int64()),
    '@timestamp': vectorFromArray([Date.UTC(2024, 0, 1, 10), null], new TimestampMicrosecond()),
    message: vectorFromArray(['<img src=x onerror=alert(1)>', null], new Utf8()),
    'process.command_line': vectorFromArray([null, 'cmd.exe /c whoami'], new Utf8()),
    raw: vectorFromArray(['{"a":1,"b":[true]}', 'not json'], new Utf8()),
  });
  return tableToIPC(table, 'stream');
}

describe('decodeEventPage', () => {
  it('decodes ids, UTC timestamps, text and raw', () => {
    const rows = decodeEventPage(page());
    expect(rows).toHaveLength(2);
    expect(rows[0].id).toBe(7);
    expect(rows[0].fields['@timestamp']).toBe('2024-01-01T10:00:00.000Z');
    expect(rows[0].fields.message).toBe('<img src=x onerror=alert(1)>');
    expect(rows[0].raw).toBe('{"a":1,"b":[true]}');
    expect(rows[1].fields['@timestamp']).toBeNull();
    expect('raw' in rows[0].fields).toBe(false);
  });
  it('falls back to the command line when there is no message', () => {
    const rows = decodeEventPage(page());
    const message = EVENT_COLUMNS.find((c) => c.key === 'message')!;
    expect(message.value(rows[0])).toBe('<img src=x onerror=alert(1)>');
    expect(message.value(rows[1])).toBe('cmd.exe /c whoami');
  });
  it('returns no rows for an empty body', () => {
    expect(decodeEventPage(new Uint8Array())).toEqual([]);
  });
});

describe('prettyRaw', () => {
  it('indents JSON and leaves other text alone', () => {
    expect(prettyRaw('{"a":1}')).toBe('{\n  "a": 1\n}');
    expect(prettyRaw('not json')).toBe('not json');
    expect(prettyRaw(null)).toBe('');
  });
});

describe('rawField', () => {
  it('reads a dotted path from the raw JSON, as text', () => {
    const r = { id: 1, fields: {}, raw: '{"sshd":{"method":"password","n":3,"o":{"a":1}}}' };
    expect(rawField(r, 'sshd.method')).toBe('password');
    expect(rawField(r, '@sshd.n')).toBe('3');
    expect(rawField(r, 'sshd.o')).toBe('{"a":1}');
    expect(rawField(r, 'sshd.missing.x')).toBe('');
    expect(rawField({ id: 2, fields: {}, raw: 'not json' }, 'a')).toBe('');
  });
});
