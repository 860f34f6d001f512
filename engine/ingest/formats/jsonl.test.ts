import { describe, expect, it } from 'vitest';
import { parseOne } from '../run-lines';
import { jsonlFormat } from './jsonl';

const p = jsonlFormat.create({ sourceName: 'x.jsonl', referenceTime: new Date() });

describe('jsonl', () => {
  it('maps nested and dotted ECS names to core columns and keeps the line as raw', () => {
    const line = '{"@timestamp":"2026-03-14T03:20:11.123+01:00","host":{"name":"web-01"},"process.pid":"42","process":{"command_line":"curl -o /tmp/x"},"custom":{"a":1}}';
    expect(parseOne(p, line, 1)).toEqual({
      raw: line,
      '@timestamp': '2026-03-14T02:20:11.123Z',
      'event.timezone': '+01:00',
      'event.dataset': 'jsonl',
      'host.name': 'web-01',
      'process.pid': 42,
      'process.command_line': 'curl -o /tmp/x',
    });
  });

  it('accepts epoch times and rejects bad JSON, non-objects and unreadable times with reasons', () => {
    expect(parseOne(p, '{"ts": 1773458411}', 1)).toMatchObject({ '@timestamp': '2026-03-14T03:20:11.000Z' });
    expect(parseOne(p, '{bad', 2)).toMatchObject({ reject: expect.stringMatching(/^invalid JSON/) });
    expect(parseOne(p, '[1,2]', 3)).toEqual({ reject: 'not a JSON object' });
    expect(parseOne(p, '{"@timestamp":"yesterday"}', 4)).toEqual({ reject: 'unreadable time in "@timestamp": yesterday' });
    expect(parseOne(p, '   ', 5)).toBeNull();
  });
});
