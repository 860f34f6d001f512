import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatMappingErrors, parseMappingFile } from './mapping-file';

describe('mapping file', () => {
  it('reads the documented example', () => {
    const text = readFileSync(new URL('./formats/fixtures/mapping-example.yaml', import.meta.url), 'utf8');
    expect(parseMappingFile(text, 'acme.yaml')).toEqual({
      mapping: {
        dataset: 'acme.firewall',
        timeFormat: '%d/%m/%Y %H:%M:%S',
        timeZone: 'Europe/Paris',
        fields: { '@timestamp': 'Date', 'source.ip': 'SrcIP', 'destination.ip': 'DstIP', 'destination.port': 'DstPort', 'user.name': 'Account', 'event.action': 'Verdict' },
      },
      errors: [],
    });
  });

  it('reports every mistake with its file, line and column', () => {
    const text = ['dataset: x', 'time:', '  format: "%d/%m/%Q"', '  zone: Mars/Olympus', '  when: now', 'fields:', '  source.ipp: Src', '  '+ '"@timestamp": T', '  user.name: [a]', 'auto: maybe', 'extra: 1'].join('\n');
    const { mapping, errors } = parseMappingFile(text, 'm.yaml');
    expect(mapping).toBeNull();
    expect(formatMappingErrors(errors).split('\n')).toEqual([
      'm.yaml:3:11: unknown time directive %Q (known: %Y %y %m %d %e %H %I %M %S %f %p %b %z %%)',
      'm.yaml:4:9: unknown time zone "Mars/Olympus" (use UTC, +02:00 or an IANA name such as Europe/Paris)',
      'm.yaml:5:3: unknown key "time.when" (expected field, format, zone)',
      'm.yaml:7:3: "source.ipp" is not an ECS core column (event.timezone, event.dataset, event.kind, event.category, event.action, event.outcome, …)',
      'm.yaml:8:3: the time field goes under time: field:, not fields:',
      'm.yaml:9:14: the source field for user.name must be a non-empty text',
      'm.yaml:10:7: auto must be true or false',
      'm.yaml:11:1: unknown key "extra" (expected dataset, time, fields, auto)',
    ]);
  });

  it('reports YAML syntax errors and duplicate keys by position', () => {
    expect(parseMappingFile('fields:\n  user.name: a\n  user.name: b\n', 'd.yaml').errors[0]).toMatchObject({ file: 'd.yaml', line: 3 });
    expect(parseMappingFile('fields: [\n', 's.yaml').errors[0]).toMatchObject({ file: 's.yaml', line: 2 });
    expect(parseMappingFile('- a\n', 'l.yaml').errors).toEqual([{ file: 'l.yaml', line: 1, col: 1, message: 'a mapping file must be a YAML mapping (dataset:, time:, fields:, auto:)' }]);
  });
});
