/** Golden tests: search text → exact SQL and parameters; and the errors, with their columns. */
import { describe, expect, it } from 'vitest';
import { compileSearch, SearchSyntaxError } from './search';

const NOW = Date.parse('2026-03-10T12:00:00Z');
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
    ['"failed password"', `(message ILIKE ? ESCAPE '\\' OR CAST(raw AS VARCHAR) ILIKE ? ESCAPE '\\')`, ['%failed password%', '%failed password%']],
    ['a OR b c', `((message ILIKE ? ESCAPE '\\' OR CAST(raw AS VARCHAR) ILIKE ? ESCAPE '\\') OR ((message ILIKE ? ESCAPE '\\' OR CAST(raw AS VARCHAR) ILIKE ? ESCAPE '\\') AND (message ILIKE ? ESCAPE '\\' OR CAST(raw AS VARCHAR) ILIKE ? ESCAPE '\\')))`, ['%a%', '%a%', '%b%', '%b%', '%c%', '%c%']],
    ['host:(web-01 OR db-01)', '(lower("host.name") = ? OR lower("host.name") = ?)', ['web-01', 'db-01']],
    ['-(host:a AND @user.name:b)', 'NOT coalesce((lower("host.name") = ? AND lower("user.name") = ?), FALSE)', ['a', 'b']],
  ])('%s', (q, sql, params) => {
    const p = golden(q);
    expect(p.where).toBe(sql);
    expect(p.params).toEqual(params);
  });

  it('compiles CIDR blocks to address arithmetic with the range bound', () => {
    const v4 = golden('@source.ip:10.0.0.0/8');
    expect(v4.where).toContain(`regexp_full_match("source.ip"`);
    expect(v4.params).toEqual([0x0a000000, 0x0affffff]);
    const v6 = golden('@source.ip:2001:db8::/32');
    expect(v6.params).toEqual(['20010db8000000000000000000000000', '20010db8ffffffffffffffffffffffff']);
    // A raw field's path is bound once per use of the field in the template.
    const raw = golden('@client.ip:192.168.0.0/16');
    expect(raw.params.filter((p) => p === '$."client"."ip"').length).toBe(raw.where.split('json_extract_string(raw, ?)').length - 1);
  });

  it('binds every value and never splices it into SQL', () => {
    const p = golden(`host:web-01 -@user.name:root "x'); DROP TABLE events; --" @a.b:"'; --"`);
    expect(p.where).not.toMatch(/DROP|web-01|root|--/);
    expect(p.params).toContain("%x'); DROP TABLE events; --%");
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
