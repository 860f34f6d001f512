import { describe, expect, it } from 'vitest';
import { entityKind, pivotTargets } from './entity-kind';

describe('entityKind', () => {
  it.each([
    ['source.ip', 'ip'],
    ['@destination.ip', 'ip'],
    ['host.name', 'host'],
    ['user.name', 'user'],
    ['Event.EventData.TargetUserName', 'user'],
    ['process.executable', 'process'],
    ['Event.EventData.Image', 'process'],
    ['file.path', 'file'],
    ['file.hash.sha256', 'hash'],
    ['message', null],
    ['event.action', null],
  ])('%s → %s', (f, kind) => expect(entityKind(f)).toBe(kind));

  it('offers the views that can show the value', () => {
    expect(pivotTargets('ip')).toEqual({ graph: true, tree: false, map: true, timeline: null });
    expect(pivotTargets('host')).toEqual({ graph: true, tree: true, map: false, timeline: 'host' });
    expect(pivotTargets('hash')).toEqual({ graph: false, tree: false, map: false, timeline: null });
    expect(pivotTargets(null).graph).toBe(false);
  });
});
