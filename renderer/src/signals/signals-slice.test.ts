import { describe, expect, it } from 'vitest';
import type { SignalInfo } from '../../../engine/host/contract';
import { fakeHost } from '../host/fake-host';
import { createAppStore } from '../store/app-store';

const base: SignalInfo = {
  id: 's1', ruleId: 'r', ruleTitle: 'Brute force', ruleType: 'threshold', level: 'high', tags: [], tactics: [], techniques: [],
  groupKey: 'source.ip=10.0.0.1', eventCount: 2, eventIds: [11, 12], firstTime: null, lastTime: null, status: 'open',
};

describe('triage through the store', () => {
  it('archives with a reason and reloads the signals', async () => {
    let current = base;
    const { host, calls } = fakeHost({
      'signals.list': () => [current],
      'signals.setStatus': (id, status, reason) => {
        current = { ...current, status, statusReason: reason };
        return { id, status };
      },
    });
    const store = createAppStore({ host, kind: 'web' });
    expect(await store.getState().setSignalStatus('s1', 'archived', 'benign')).toBe(true);
    expect(calls.map((c) => c[0])).toEqual(['signals.setStatus', 'signals.list']);
    expect(store.getState().signals[0]).toMatchObject({ status: 'archived', statusReason: 'benign' });
  });

  it('shows the host refusal and reports failure', async () => {
    const { host } = fakeHost({ 'signals.setStatus': () => { throw new Error('archiving needs a reason'); } });
    const store = createAppStore({ host, kind: 'web' });
    expect(await store.getState().setSignalStatus('s1', 'archived', '')).toBe(false);
    expect(store.getState().signalsError).toBe('archiving needs a reason');
  });

  it('saves a suppression and re-runs detection', async () => {
    const { host, calls } = fakeHost({
      'suppressions.add': (s) => ({ id: 'x', query: s.query, ruleId: s.ruleId ?? null, expiresAt: null, reason: s.reason, createdAt: '' }),
      'detect.run': () => ({ signals: 0 }),
      'signals.list': () => [],
      'case.info': () => ({ path: '', name: '', eventCount: 0, signalCount: 0, sources: [], firstTime: null, lastTime: null }),
    });
    const store = createAppStore({ host, kind: 'web' });
    expect(await store.getState().addSuppression({ query: 'source.ip:"10.0.0.1"', reason: 'scanner', ruleId: 'r' })).toBe(true);
    expect(calls.map((c) => c[0]).slice(0, 2)).toEqual(['suppressions.add', 'detect.run']);
  });
});
