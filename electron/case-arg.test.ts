import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCaseArg } from './case-arg';

describe('parseCaseArg', () => {
  it('is null without --case, so the sample case is used', () => {
    expect(parseCaseArg(['/usr/bin/electron', '.', '--no-sandbox'], '/home/u')).toBeNull();
  });

  it('resolves --case DIR and --case=DIR against the working directory', () => {
    expect(parseCaseArg(['electron', '.', '--case', 'cases/ir-42'], '/home/u')).toBe(path.resolve('/home/u', 'cases/ir-42'));
    expect(parseCaseArg(['vestige', '--case=/srv/case'], '/home/u')).toBe(path.resolve('/srv/case'));
  });

  it('refuses --case without a folder instead of silently opening the sample', () => {
    expect(() => parseCaseArg(['electron', '--case'], '/')).toThrow(/needs a folder/);
    expect(() => parseCaseArg(['electron', '--case', '--inspect'], '/')).toThrow(/needs a folder/);
    expect(() => parseCaseArg(['electron', '--case='], '/')).toThrow(/needs a folder/);
  });
});
