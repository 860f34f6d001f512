import { describe, expect, it } from 'vitest';
import type { GraphNode } from '../../../engine/views/graph/graph-types';
import { entitySearch, nodeEntity, nodeLabel, shortLabel } from './entity-pivot';

describe('graph pivots', () => {
  it('searches the entity column, quoted; IPs as a full-text phrase', () => {
    expect(entitySearch({ type: 'host', value: 'web-01' })).toBe('host.name:"web-01"');
    expect(entitySearch({ type: 'process', value: '/tmp/.x/kswapd' })).toBe('process.executable:"/tmp/.x/kswapd"');
    expect(entitySearch({ type: 'ip', value: '185.220.101.47' })).toBe('"185.220.101.47"');
    expect(entitySearch({ type: 'user', value: 'a" OR "1' })).toBe('user.name:"a\\" OR \\"1"');
  });

  it('labels files and processes by their base name, truncated', () => {
    expect(shortLabel({ type: 'file', value: '/etc/cron.d/evil' })).toBe('evil');
    expect(shortLabel({ type: 'host', value: 'x'.repeat(40) }, 10)).toBe('xxxxxxxxx…');
  });

  it('labels a signal node by its rule title, and gives it no entity to search for', () => {
    const sig: GraphNode = { id: 'signal:s1', type: 'signal', value: 's1', title: 'SSH Brute Force From One Source', weight: 3, signals: 0, level: 'high', seed: false };
    expect(nodeLabel(sig)).toBe('SSH Brute Force From One So…');
    expect(nodeLabel({ ...sig, title: undefined })).toBe('s1');
    expect(nodeEntity(sig)).toBeNull();
    const file: GraphNode = { id: 'file:/tmp/.x/xmrig', type: 'file', value: '/tmp/.x/xmrig', weight: 1, signals: 1, level: 'high', seed: false };
    expect(nodeLabel(file)).toBe('xmrig');
    expect(nodeEntity(file)).toEqual({ type: 'file', value: '/tmp/.x/xmrig' });
  });
});
