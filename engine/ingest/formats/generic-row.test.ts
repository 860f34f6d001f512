import { describe, expect, it } from 'vitest';
import { ALIASES, genericRowBuilder } from './generic-row';
import { applyZone, compileTimePattern, timeReader } from './time-pattern';

describe('generic rows: alias table', () => {
  const build = genericRowBuilder(undefined, 'csv');
  // One line per alias, so removing an entry fails here.
  const CASES: [string, string, string | number][] = [
    ['src_ip', 'source.ip', '10.0.0.1'], ['srcip', 'source.ip', '10.0.0.1'], ['SrcAddr', 'source.ip', '10.0.0.1'], ['source_ip', 'source.ip', '10.0.0.1'], ['client_ip', 'source.ip', '10.0.0.1'],
    ['src_port', 'source.port', 5], ['srcport', 'source.port', 5], ['source_port', 'source.port', 5],
    ['dst_ip', 'destination.ip', '10.0.0.2'], ['dstip', 'destination.ip', '10.0.0.2'], ['dstaddr', 'destination.ip', '10.0.0.2'], ['dest_ip', 'destination.ip', '10.0.0.2'], ['destination_ip', 'destination.ip', '10.0.0.2'],
    ['dst_port', 'destination.port', 443], ['dstport', 'destination.port', 443], ['dest_port', 'destination.port', 443], ['destination_port', 'destination.port', 443],
    ['User', 'user.name', 'bob'], ['username', 'user.name', 'bob'], ['user_name', 'user.name', 'bob'],
    ['host', 'host.name', 'h1'], ['Hostname', 'host.name', 'h1'], ['computer', 'host.name', 'h1'],
    ['pid', 'process.pid', 42], ['command_line', 'process.command_line', 'ls'], ['cmdline', 'process.command_line', 'ls'], ['CommandLine', 'process.command_line', 'ls'],
    ['action', 'event.action', 'login'], ['level', 'log.level', 'warn'], ['severity', 'log.level', 'warn'], ['url', 'url.original', 'http://x/'], ['msg', 'message', 'hi'],
  ];

  it('maps each documented alias, ignoring case', () => {
    for (const [col, ecs, value] of CASES) expect(build({ [col]: String(value) }, '{}'), col).toMatchObject({ [ecs]: value });
    const documented = Object.entries(ALIASES).flatMap(([ecs, names]) => (ecs === '@timestamp' ? [] : names.map((n) => `${n}→${ecs}`)));
    expect(CASES.map(([c, e]) => `${c.toLowerCase()}→${e}`).sort()).toEqual(documented.sort());
  });

  it('reads the time from the first readable time-like column, or date + time columns', () => {
    for (const k of ALIASES['@timestamp']) expect(build({ [k]: '2026-03-14T03:12:45Z' }, '{}'), k).toMatchObject({ '@timestamp': '2026-03-14T03:12:45.000Z' });
    expect(build({ Date: '2026-03-14', Time: '03:12:45' }, '{}')).toMatchObject({ '@timestamp': '2026-03-14T03:12:45.000Z' });
    expect(build({ Time: '06:55:46', Content: 'x' }, '{}')).not.toHaveProperty('@timestamp');
  });

  it('prefers ECS-named columns over aliases and never takes an object for a scalar', () => {
    expect(build({ 'source.ip': '1.1.1.1', src_ip: '2.2.2.2' }, '{}')).toMatchObject({ 'source.ip': '1.1.1.1' });
    expect(build({ host: { name: 'h2' } }, '{}')).toMatchObject({ 'host.name': 'h2' });
    expect(build({ host: { ip: '1.2.3.4' } }, '{}')).not.toHaveProperty('host.name');
  });

  it('with autoMap false fills only the mapped columns', () => {
    const only = genericRowBuilder({ fields: { 'user.name': 'who' }, autoMap: false }, 'json');
    const r = only({ who: 'eve', src_ip: '1.1.1.1', 'host.name': 'h', time: '2026-03-14T03:12:45Z' }, '{}');
    expect(r).toEqual({ raw: '{}', 'user.name': 'eve', 'event.dataset': 'json' });
  });

  it('reads nested JSON paths in a mapping', () => {
    const b = genericRowBuilder({ fields: { 'source.ip': 'net.src.addr', '@timestamp': 'meta.when' }, timeFormat: 'epoch_ms' }, 'json');
    expect(b({ net: { src: { addr: '9.9.9.9' } }, meta: { when: 1773458011000 } }, '{}')).toMatchObject({ 'source.ip': '9.9.9.9', '@timestamp': '2026-03-14T03:13:31.000Z' });
  });
});

describe('time patterns and zones', () => {
  it('reads strftime-like patterns', () => {
    expect(compileTimePattern('%d/%m/%Y %H:%M:%S')('14/03/2026 03:12:45')).toEqual({ utc: '2026-03-14T03:12:45.000Z', zone: null });
    expect(compileTimePattern('%b %d %Y %I:%M:%S %p')('Mar 14 2026 03:12:45 PM')?.utc).toBe('2026-03-14T15:12:45.000Z');
    expect(compileTimePattern('%Y%m%dT%H%M%S.%f%z')('20260314T031245.123456+0100')).toEqual({ utc: '2026-03-14T02:12:45.123Z', zone: '+01:00' });
    expect(compileTimePattern('%d/%m/%Y')('31/02/2026')).toBeNull();
    expect(() => compileTimePattern('%d/%m/%Q')).toThrow('unknown time directive %Q');
    expect(() => compileTimePattern('%H:%M')).toThrow('needs a year');
  });

  it('reads epoch units and rejects unknown formats', () => {
    expect(timeReader('epoch_s')('1773458011')?.utc).toBe('2026-03-14T03:13:31.000Z');
    expect(timeReader('epoch_ms')(1773458011123)?.utc).toBe('2026-03-14T03:13:31.123Z');
    expect(timeReader('epoch_us')(1773458011123456)?.utc).toBe('2026-03-14T03:13:31.123Z');
    expect(() => timeReader('rfc2822')).toThrow('unknown time format "rfc2822"');
  });

  it('applies a default zone, DST-aware for IANA names, only to zone-less times', () => {
    expect(applyZone({ utc: '2026-03-14T03:00:00.000Z', zone: null }, '+05:30').utc).toBe('2026-03-13T21:30:00.000Z');
    expect(applyZone({ utc: '2026-01-14T12:00:00.000Z', zone: null }, 'Europe/Paris').utc).toBe('2026-01-14T11:00:00.000Z');
    expect(applyZone({ utc: '2026-07-14T12:00:00.000Z', zone: null }, 'Europe/Paris').utc).toBe('2026-07-14T10:00:00.000Z');
    expect(applyZone({ utc: '2026-07-14T12:00:00.000Z', zone: 'Z' }, 'Europe/Paris').utc).toBe('2026-07-14T12:00:00.000Z');
  });
});
