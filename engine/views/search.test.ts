import { describe, expect, it } from 'vitest';
import { compileSearch } from './search';

describe('compileSearch', () => {
  it('binds every value and never splices it into SQL', () => {
    const p = compileSearch(`host.name:web-01 -@user.name:root "failed password" "x'); DROP TABLE events; --"`);
    expect(p.where).not.toContain('DROP');
    expect(p.where).not.toContain('web-01');
    expect(p.params).toEqual(['web-01', 'root', '%failed password%', '%failed password%', "%x'); DROP TABLE events; --%", "%x'); DROP TABLE events; --%"]);
    expect(p.where).toContain('NOT coalesce(lower(CAST("user.name" AS VARCHAR)) = lower(?), FALSE)');
  });

  it('turns wildcards into LIKE patterns with escaped % and _', () => {
    const p = compileSearch('process.name:ss*_d');
    expect(p.where).toBe(`coalesce(CAST("process.name" AS VARCHAR) ILIKE ? ESCAPE '\\', FALSE)`);
    expect(p.params).toEqual(['ss%\\_d']);
  });

  it('looks up non-core fields in raw by a bound JSON path', () => {
    const p = compileSearch('sshd.method:password');
    expect(p.where).toContain('json_extract_string(raw, ?)');
    expect(p.params).toEqual(['$."sshd"."method"', 'password']);
  });
});
