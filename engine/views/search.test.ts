/** Golden tests: search text → exact SQL and parameters; and the errors, with their columns. */
import { describe, expect, it } from 'vitest';
import { compileSearch, SearchSyntaxError } from './search';

const NOW = Date.parse('2026-03-10T12:00:00Z');
/** Word and separator classes of the free-text patterns (search/search-words.ts). */
const W = '[0-9A-Za-z_\\x{80}-\\x{10FFFF}]';
const N = '[^0-9A-Za-z_\\x{80}-\\x{10FFFF}]';
const TEXT = `((regexp_matches(message, ?) AND regexp_matches(message, ?)) OR (regexp_matches(CAST(raw AS VARCHAR), ?) AND regexp_matches(CAST(raw AS VARCHAR), ?)))`;
const words = (first: string, ...ws: string[]) => {
  const test = `(?i)(?:^|${N})${ws.join(`${N}+`)}(?:${N}|$)`;
  return [`(?i)${first}`, test, `(?i)${first}`, test];
};
const golden = (q: string) => compileSearch(q, NOW);
const errorOf = (q: string) => {
  try {
    compileSearch(q, NOW);
  } catch (e) {
    if (e instanceof SearchSyntaxError) return { position: e.position, reason: e.reason };
    throw e;
  }
  throw new Error(`no error for ${q}`);
};

describe('compileSearch golden', () => {
  it.each([
    ['', 'TRUE', []],
    ['*', 'TRUE', []],
    ['host:web-01', 'lower("host.name") = ?', ['web-01']],
    ['host.name:WEB-01', 'lower("host.name") = ?', ['web-01']],
    ['@user.name:root', 'lower("user.name") = ?', ['root']],
    ['host:web*', `"host.name" ILIKE ? ESCAPE '\\'`, ['web%']],
    ['host:w?b_1\\*', `"host.name" ILIKE ? ESCAPE '\\'`, ['w_b\\_1*']],
    ['-host:web*', `NOT coalesce("host.name" ILIKE ? ESCAPE '\\', FALSE)`, ['web%']],
    ['NOT @user.name:root', 'NOT coalesce(lower("user.name") = ?, FALSE)', ['root']],
    ['source:auth', '(lower("event.dataset") = ? OR starts_with(lower("event.dataset"), ?) OR ends_with(lower("event.dataset"), ?))', ['auth', 'auth.', '.auth']],
    ['service:sshd', '(lower("process.name") = ? OR lower("event.dataset") = ?)', ['sshd', 'sshd']],
    ['status:error', '(lower("log.level") IN (?, ?, ?, ?, ?, ?, ?, ?, ?) OR lower("event.outcome") = ?)', ['error', 'err', 'critical', 'crit', 'alert', 'emerg', 'emergency', 'fatal', 'severe', 'failure']],
    ['@source.port:[1000 TO 2000]', '("source.port" >= ? AND "source.port" <= ?)', [1000, 2000]],
    ['@source.port:{1000 TO *]', '"source.port" > ?', [1000]],
    ['@source.port:>=1024', '"source.port" >= ?', [1024]],
    ['@source.port:22', '"source.port" = ?', [22]],
    ['@http.status:<500', 'TRY_CAST(json_extract_string(raw, ?) AS DOUBLE) < ?', ['$."http"."status"', 500]],
    ['@timestamp:[2026-03-01 TO 2026-03-02T10:00]', '("@timestamp" >= ?::TIMESTAMP AND "@timestamp" <= ?::TIMESTAMP)', ['2026-03-01T00:00:00.000Z', '2026-03-02T10:00:00.000Z']],
    ['@timestamp:>now-1h', '"@timestamp" > ?::TIMESTAMP', ['2026-03-10T11:00:00.000Z']],
    ['@sshd.method:password', 'lower(json_extract_string(raw, ?)) = ?', ['$."sshd"."method"', 'password']],
    ['@sshd.method:*', 'json_extract(raw, ?) IS NOT NULL', ['$."sshd"."method"']],
    ['_exists_:user.name', `("user.name" IS NOT NULL AND "user.name" <> '')`, []],
    ['"failed password"', TEXT, words('password', 'failed', 'password')],
    ['adm?n*.php', TEXT, words('adm', `adm${W}n${W}*`, 'php')],
    ['a OR b c', `(${TEXT} OR (${TEXT} AND ${TEXT}))`, [...words('a', 'a'), ...words('b', 'b'), ...words('c', 'c')]],
    // No word character: a plain substring.
    ['"->"', `(regexp_matches(message, ?) OR regexp_matches(CAST(raw AS VARCHAR), ?))`, ['(?is)->', '(?is)->']],
    ['host:(web-01 OR db-01)', '(lower("host.name") = ? OR lower("host.name") = ?)', ['web-01', 'db-01']],
    ['-(host:a AND @user.name:b)', 'NOT coalesce((lower("host.name") = ? AND lower("user.name") = ?), FALSE)', ['a', 'b']],
  ])('%s', (q, sql, params) => {
    const p = golden(q);
    expect(p.where).toBe(sql);
    expect(p.params).toEqual(params);
  });

  it('compiles CIDR blocks to address arithmetic with the range bound', () => {
    const v4 = golden('@source.ip:10.0.0.0/8');
    // On an octet boundary the text prefix is the whole test.
    expect(v4.where).toBe('starts_with("source.ip", ?)');
    expect(v4.params).toEqual(['10.']);
    const v12 = golden('@source.ip:172.16.0.0/12');
    expect(v12.where).toContain('starts_with("source.ip", ?) AND (regexp_full_match("source.ip"');
    expect(v12.params).toEqual(['172.', 0xac100000, 0xac1fffff]);
    const v6 = golden('@source.ip:2001:db8::/32');
    expect(v6.params).toEqual(['20010db8000000000000000000000000', '20010db8ffffffffffffffffffffffff']);
    // A raw field's path is bound once per use of the field in the template.
    const raw = golden('@client.ip:192.168.0.0/20');
    expect(raw.params.filter((p) => p === '$."client"."ip"').length).toBe(raw.where.split('json_extract_string(raw, ?)').length - 1);
  });

  it('binds every value and never splices it into SQL', () => {
    const p = golden(`host:web-01 -@user.name:root "x'); DROP TABLE events; --" @a.b:"'; --"`);
    expect(p.where).not.toMatch(/DROP|web-01|root|--/);
    expect(p.params).toContain(`(?i)(?:^|${N})x${N}+DROP${N}+TABLE${N}+events(?:${N}|$)`);
  });

  it.each([
    ['host:(a OR b', 5, "missing ')'"],
    ['a AND', 5, 'expected a search term'],
    ['host: web', 0, 'missing value'],
    ['"open', 0, 'unterminated quote'],
    ['@source.port:[1 2]', 16, "expected 'TO'"],
    ['@source.port:[a TO b]', 0, 'needs numbers'],
    ['>5', 0, 'needs a field'],
    ['a )', 2, "unexpected ')'"],
    ['@timestamp:>yesterday', 0, 'needs times'],
  ])('refuses %s at its column', (q, position, reason) => {
    const e = errorOf(q);
    expect(e.position).toBe(position);
    expect(e.reason).toContain(reason);
  });
});
