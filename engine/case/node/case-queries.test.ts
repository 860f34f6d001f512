import { describe, expect, it } from 'vitest';
import { sourceNames } from './case-queries';

describe('sourceNames', () => {
  it('adds parent folders only where names collide, archive members included', () => {
    expect(
      sourceNames([
        { path: '/x/sample/web-01/auth.log', member: '' },
        { path: '/x/sample/db-01/auth.log', member: '' },
        { path: '/x/sample/web-01/endpoint.jsonl', member: '' },
        { path: '/y/export.zip', member: 'a/auth.log' },
        { path: '/y/export.zip', member: 'b/auth.log' },
      ]),
    ).toEqual(['web-01/auth.log', 'db-01/auth.log', 'endpoint.jsonl', 'a/auth.log', 'b/auth.log']);
  });
});
