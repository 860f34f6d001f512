import { describe, expect, it } from 'vitest';
import { rejectionWhere } from './rejection-where';

describe('rejectionWhere', () => {
  it('prefers the line, then the offset, after the archive member', () => {
    expect(rejectionWhere({ member: 'logs/a.json', line: 12, offset: 300 })).toBe('logs/a.json line 12');
    expect(rejectionWhere({ member: '', line: null, offset: 4096 })).toBe('offset 4096');
    expect(rejectionWhere({ member: '', line: null, offset: null })).toBe('');
  });
});
