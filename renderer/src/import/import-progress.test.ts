import { describe, expect, it } from 'vitest';
import type { ImportProgress } from '../../../engine/host/contract';
import { progressView, type UploadState } from './import-progress';

const upload: UploadState = { filesTotal: 2, filesDone: 1, bytesTotal: 1000, bytesDone: 600, current: 'b.log', currentSize: 400 };
const hostP = (over: Partial<ImportProgress>): ImportProgress => ({ jobId: 'j', file: 'b.log', bytesDone: 0, bytesTotal: 0, records: 0, done: false, ...over });

describe('progressView', () => {
  it('counts finished files plus the parsed part of the current one', () => {
    expect(progressView(upload, hostP({ bytesDone: 200, bytesTotal: 400, records: 17 }))).toEqual({ value: 0.8, label: 'Importing b.log (2/2), 17 records' });
  });
  it('falls back to finished files while the host is silent', () => {
    expect(progressView(upload, null).value).toBe(0.6);
    expect(progressView({ ...upload, filesTotal: 1, filesDone: 0, bytesDone: 0, bytesTotal: 400 }, null).label).toBe('Importing b.log');
  });
  it('uses host progress alone for imports by path', () => {
    expect(progressView(null, hostP({ file: '/x/auth.log', bytesDone: 1, bytesTotal: 4 }))).toEqual({ value: 0.25, label: 'Importing /x/auth.log' });
  });
  it('is indeterminate with nothing to go on', () => {
    expect(progressView(null, hostP({ done: true }))).toEqual({ value: null, label: 'Importing…' });
  });
});

describe('etaSeconds', () => {
  it('extrapolates the rate so far and stays quiet until it can tell', async () => {
    const { etaSeconds } = await import('./import-progress');
    expect(etaSeconds(25, 100, 10_000)).toBe(30);
    expect(etaSeconds(25, 100, 500)).toBeNull();
    expect(etaSeconds(0, 100, 10_000)).toBeNull();
    expect(etaSeconds(100, 100, 10_000)).toBeNull();
  });
});
