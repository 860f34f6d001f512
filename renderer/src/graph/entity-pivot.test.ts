import { describe, expect, it } from 'vitest';
import { entitySearch, shortLabel } from './entity-pivot';

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
});
