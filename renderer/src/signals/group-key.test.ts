import { describe, expect, it } from 'vitest';
import { groupKeyParts } from './group-key';

describe('groupKeyParts', () => {
  it('splits pairs, keeping commas inside values', () => {
    expect(groupKeyParts('host.name=web-01, user.name=deploy')).toEqual([
      { field: 'host.name', value: 'web-01' },
      { field: 'user.name', value: 'deploy' },
    ]);
    expect(groupKeyParts('process.command_line=a, b, c')).toEqual([{ field: 'process.command_line', value: 'a, b, c' }]);
    expect(groupKeyParts('')).toEqual([]);
  });
});
