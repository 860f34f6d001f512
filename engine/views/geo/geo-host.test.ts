/** `views.geo` through the real host service, on a small case of our own with the bundled DB-IP data. */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGeo } from '../../geo/node/open-geo';
import { validateArgs } from '../../host/contract';
import { createHostService } from '../../host/node/host-service';
import type { HostService } from '../../host/service';

const AUTH = [
  'Mar 14 03:12:45 web-01 sshd[2211]: Failed password for invalid user admin from 185.220.101.47 port 51234 ssh2',
  'Mar 14 03:12:47 web-01 sshd[2211]: Failed password for root from 185.220.101.47 port 51236 ssh2',
  'Mar 14 03:12:50 web-01 sshd[2211]: Accepted password for deploy from 185.220.101.47 port 51240 ssh2',
  // deploy again 40 minutes later from the far side of the world: impossible travel.
  'Mar 14 03:52:50 web-01 sshd[2290]: Accepted publickey for deploy from 1.1.1.1 port 40022 ssh2',
  'Mar 14 04:00:00 db-01 sshd[990]: Accepted publickey for alice from 10.0.1.10 port 50000 ssh2',
  'Mar 14 04:01:00 db-01 sshd[991]: Failed password for alice from 203.0.113.9 port 50001 ssh2',
  'Mar 14 04:02:00 db-01 CRON[77]: (root) CMD (run-parts /etc/cron.hourly)',
].join('\n') + '\n';

let host: HostService;
let casePath: string;
beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'vestige-geo-'));
  await writeFile(join(dir, 'auth.log'), AUTH);
  casePath = join(dir, 'case');
  host = await createHostService({ casePath, rulePaths: [] });
  await host.handle('import.paths', [[join(dir, 'auth.log')]]);
});
afterAll(() => host?.close());

describe('views.geo on the host', () => {
  it('geolocates public sources with the database, lists private and documentation ones apart', async () => {
    const geo = await openGeo();
    const v = await host.handle('views.geo', [{}]);
    expect(v.located.map((s) => s.ip)).toEqual(['185.220.101.47', '1.1.1.1']);
    const attacker = v.located[0];
    expect(attacker).toMatchObject({ count: 3, success: 1, failure: 2, users: ['admin', 'deploy', 'root'] });
    expect(attacker.point).toEqual(geo.lookup('185.220.101.47'));
    expect(attacker.point?.countryCode).toMatch(/^[A-Z]{2}$/);
    expect(v.local.map((s) => [s.ip, s.class])).toEqual([
      ['10.0.1.10', 'private'],
      ['203.0.113.9', 'reserved'],
    ]);
    expect(v.attribution).toContain('DB-IP');
  });

  it('lists assets unplaced without a home, and draws arcs to the home when given one', async () => {
    const bare = await host.handle('views.geo', [{}]);
    expect(bare.assets.map((a) => [a.name, a.placement])).toEqual([
      ['web-01', 'none'],
      ['db-01', 'none'],
    ]);
    expect(bare.arcs).toEqual([]);
    const homed = await host.handle('views.geo', [{ home: { lat: 50, lon: 8 } }]);
    expect(homed.arcs.map((a) => [a.ip, a.asset, a.count])).toEqual([
      ['185.220.101.47', 'web-01', 3],
      ['1.1.1.1', 'web-01', 1],
    ]);
  });

  it('finds the impossible travel between the two successful logins of deploy', async () => {
    const v = await host.handle('views.geo', [{}]);
    expect(v.travel).toHaveLength(1);
    expect(v.travel[0]).toMatchObject({ user: 'deploy', from: { ip: '185.220.101.47' }, to: { ip: '1.1.1.1' } });
    expect(v.travel[0].speedKmh).toBeGreaterThan(1000);
  });

  it('honours the search and the time range', async () => {
    const alice = await host.handle('views.geo', [{ search: 'user.name:alice' }]);
    expect([...alice.located, ...alice.local].map((s) => s.ip)).toEqual(['10.0.1.10', '203.0.113.9']);
    const early = await host.handle('views.geo', [{ to: '2000-01-01T00:00:00Z' }]);
    expect(early.located).toEqual([]);
  });
});

describe('the map’s home point, kept in the case', () => {
  it('is saved by geo.setHome, survives closing and reopening the case, and draws the arcs', async () => {
    expect(await host.handle('geo.home', [])).toEqual({ home: null });
    expect(await host.handle('geo.setHome', [{ lat: 50.11, lon: 8.68 }])).toEqual({ home: { lat: 50.11, lon: 8.68 } });
    await host.close();
    host = await createHostService({ casePath, rulePaths: [] });
    expect(await host.handle('geo.home', [])).toEqual({ home: { lat: 50.11, lon: 8.68 } });
    const v = await host.handle('views.geo', [{}]);
    expect(v.home).toEqual({ lat: 50.11, lon: 8.68 });
    expect(v.assets.find((a) => a.name === 'web-01')).toMatchObject({ placement: 'home', lat: 50.11, lon: 8.68 });
    expect(v.arcs.map((a) => [a.ip, a.asset])).toEqual([
      ['185.220.101.47', 'web-01'],
      ['1.1.1.1', 'web-01'],
    ]);
    // A query may still ask for none, or for another point, without changing what is saved.
    expect((await host.handle('views.geo', [{ home: null }])).arcs).toEqual([]);
    expect((await host.handle('views.geo', [{ home: { lat: 0, lon: 0 } }])).home).toEqual({ lat: 0, lon: 0 });
    expect(await host.handle('geo.home', [])).toEqual({ home: { lat: 50.11, lon: 8.68 } });
  });

  it('is removed by saving null', async () => {
    expect(await host.handle('geo.setHome', [null])).toEqual({ home: null });
    const v = await host.handle('views.geo', [{}]);
    expect(v.home).toBeNull();
    expect(v.arcs).toEqual([]);
    expect(v.assets.every((a) => a.placement === 'none')).toBe(true);
  });

  it('refuses points out of range at the contract, and in the host as well', async () => {
    expect(validateArgs('geo.setHome', [{ lat: 50, lon: 8 }])).toBeNull();
    expect(validateArgs('geo.setHome', [null])).toBeNull();
    expect(validateArgs('geo.setHome', [{ lat: 90, lon: -180 }])).toBeNull();
    for (const bad of [{ lat: 91, lon: 0 }, { lat: 0, lon: -180.5 }, { lat: Number.NaN, lon: 0 }, { lat: '50', lon: 8 }, { lat: 1 }, { lat: 1, lon: 2, x: 3 }, [1, 2], 'home']) {
      expect(validateArgs('geo.setHome', [bad]), JSON.stringify(bad)).toMatch(/lat: -90\.\.90/);
    }
    expect(validateArgs('geo.setHome', [])).toMatch(/one home point/);
    expect(validateArgs('geo.home', [1])).toMatch(/no arguments/);
    expect(validateArgs('views.geo', [{ home: { lat: 0, lon: 200 } }])).toMatch(/lon: -180\.\.180/);
    await expect(host.handle('geo.setHome', [{ lat: 95, lon: 0 } as never])).rejects.toThrow(/lat: -90\.\.90/);
    expect(await host.handle('geo.home', [])).toEqual({ home: null });
  });
});
