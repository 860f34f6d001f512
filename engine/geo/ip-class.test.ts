import { describe, expect, it } from 'vitest';
import { classifyIp } from './ip-class';
import { parseIp } from './ip-parse';

describe('parseIp', () => {
  it('reads IPv4 and IPv6 forms, and refuses what is not an address', () => {
    expect(parseIp('8.8.8.8')).toMatchObject({ version: 4 });
    expect(Array.from(parseIp('2001:db8::1')!.bytes)).toEqual([0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(Array.from(parseIp('::ffff:1.2.3.4')!.bytes.slice(10))).toEqual([0xff, 0xff, 1, 2, 3, 4]);
    expect(parseIp('fe80::1%eth0')).toMatchObject({ version: 6 });
    expect(parseIp('[2001:db8::2]')).toMatchObject({ version: 6 });
    for (const bad of ['', 'web-01', '256.1.1.1', '1.2.3', '010.0.0.1', '1::2::3', '1:2:3:4:5:6:7:8:9', '12345::', '1.2.3.4:22', 'x'.repeat(100)]) {
      expect(parseIp(bad), bad).toBeNull();
    }
  });
});

describe('classifyIp', () => {
  const cases: [string, string][] = [
    ['185.220.101.47', 'public'],
    ['8.8.8.8', 'public'],
    ['172.32.0.1', 'public'], // just past 172.16/12
    ['100.128.0.1', 'public'], // just past CGNAT
    ['10.0.1.10', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'private'], // CGNAT
    ['169.254.169.254', 'private'], // link-local (cloud metadata)
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['0.0.0.0', 'reserved'],
    ['192.0.2.5', 'reserved'],
    ['198.51.100.7', 'reserved'],
    ['203.0.113.9', 'reserved'],
    ['198.19.0.1', 'reserved'],
    ['224.0.0.251', 'reserved'],
    ['255.255.255.255', 'reserved'],
    ['2001:4860:4860::8888', 'public'],
    ['2a00:1450::1', 'public'],
    ['::1', 'loopback'],
    ['::', 'reserved'],
    ['2001:db8::1', 'reserved'],
    ['3fff::1', 'reserved'],
    ['fd12:3456::1', 'private'],
    ['fe80::1%eth0', 'private'],
    ['ff02::1', 'reserved'],
    ['64:ff9b::1.2.3.4', 'reserved'], // outside 2000::/3
    ['::ffff:10.1.2.3', 'private'], // mapped: the IPv4 address decides
    ['::ffff:8.8.4.4', 'public'],
    ['web-01', 'invalid'],
    ['<script>', 'invalid'],
  ];
  it.each(cases)('%s is %s', (ip, cls) => expect(classifyIp(ip)).toBe(cls));
});
