/**
 * What the import progress bar shows, from two feeds: our own upload loop
 * (which file of how many, bytes of finished files) and the host's progress
 * events (bytes parsed and records of the file in work).
 */
import type { ImportProgress } from '../../../engine/host/contract';

export interface UploadState {
  filesTotal: number;
  filesDone: number;
  bytesTotal: number;
  /** Bytes of files fully imported. */
  bytesDone: number;
  /** File being read, sent or parsed now. */
  current: string | null;
  currentSize: number;
}

export interface ProgressView {
  /** 0..1, or null for an indeterminate bar. */
  value: number | null;
  label: string;
}

const fraction = (p: ImportProgress | null) => (p && !p.done && p.bytesTotal > 0 ? Math.min(1, p.bytesDone / p.bytesTotal) : null);

/** Seconds left at the rate seen so far, or null while there is too little to tell. */
export function etaSeconds(done: number, total: number, elapsedMs: number): number | null {
  if (done <= 0 || total <= 0 || elapsedMs < 1000 || done >= total) return null;
  return Math.ceil(((total - done) / done) * (elapsedMs / 1000));
}

export function progressView(upload: UploadState | null, host: ImportProgress | null, elapsedMs = 0): ProgressView {
  const hostFrac = fraction(host);
  const eta = host && !host.done ? etaSeconds(host.bytesDone, host.bytesTotal, elapsedMs) : null;
  const records = (host && !host.done && host.records > 0 ? `, ${host.records} records` : '') + (eta !== null ? `, about ${eta} s left` : '');
  if (upload && upload.filesTotal > 0) {
    const inFile = hostFrac === null ? 0 : hostFrac * upload.currentSize;
    const value = upload.bytesTotal > 0 ? Math.min(1, (upload.bytesDone + inFile) / upload.bytesTotal) : null;
    const which = upload.filesTotal > 1 ? ` (${Math.min(upload.filesDone + 1, upload.filesTotal)}/${upload.filesTotal})` : '';
    return { value, label: `Importing ${upload.current ?? ''}${which}${records}` };
  }
  // Import by path (Electron): only the host knows sizes.
  if (host && !host.done) return { value: hostFrac, label: `Importing ${host.file}${records}` };
  return { value: null, label: 'Importing…' };
}
