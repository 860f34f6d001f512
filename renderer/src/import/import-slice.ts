/**
 * Imports: by path in Electron (native dialog), by bytes everywhere else
 * (file picker, drag and drop: each file is handed to the host, then all are
 * imported in one job). A failing file is reported and the rest carry on.
 * Afterwards every view is refreshed.
 */
import type { ImportProgress, ImportReport } from '../../../engine/host/contract';
import { errorText, type SliceCreator } from '../store/app-state';
import type { HostKind } from '../host/get-host';
import type { UploadState } from './import-progress';

export interface ImportSlice {
  /** Electron imports by path through the native dialog; web mode uploads bytes. */
  hostKind: HostKind;
  importing: boolean;
  upload: UploadState | null;
  hostProgress: ImportProgress | null;
  /** When the host's current job was first heard of (ms), for the ETA. */
  jobStartedAt: number | null;
  cancelImport(): Promise<void>;
  /** Per-file outcome of the last import, shown until dismissed. */
  lastReport: ImportReport['sources'] | null;
  importErrors: string[];
  importFiles(files: readonly File[]): Promise<void>;
  /** Dropped files: by path in Electron (folders whole, nothing copied through the page), else as `importFiles`. */
  importDropped(files: readonly File[]): Promise<void>;
  /** Electron: the native dialog, for files or (`folders`) whole folders, imported by path in one call. */
  importViaDialog(folders?: boolean): Promise<void>;
  onHostProgress(p: ImportProgress): void;
  /** Subscribes to the host's progress feed; returns the unsubscribe. */
  watchProgress(): () => void;
  dismissImportReport(): void;
}

export const createImportSlice: SliceCreator<ImportSlice> = ({ host, kind }) => (set, get) => {
  const refreshAll = async () => {
    await Promise.all([get().loadCase(), get().loadSignals()]);
    get().runQuery();
  };

  const begin = () => set({ importing: true, hostProgress: null, lastReport: [], importErrors: [] });
  const record = (r: ImportReport) => set((s) => ({ lastReport: [...(s.lastReport ?? []), ...r.sources] }));
  // The same failure can come both as a progress event and as the call's rejection: show it once.
  const addError = (msg: string) => set((s) => (s.importErrors.includes(msg) ? s : { importErrors: [...s.importErrors, msg] }));
  const fail = (what: string, e: unknown) => {
    const msg = errorText(e);
    addError(msg.startsWith(what) ? msg : `${what}: ${msg}`);
  };

  /** Paths on the host's disk (Electron), imported in one call. */
  const importPaths = async (paths: string[]) => {
    if (get().importing) return;
    begin();
    try {
      record(await host.call('import.paths', paths));
    } catch (e) {
      fail(paths.length === 1 ? paths[0] : `${paths.length} files`, e);
    }
    set({ importing: false, hostProgress: null });
    await refreshAll();
  };

  return {
    hostKind: kind,
    importing: false,
    upload: null,
    hostProgress: null,
    jobStartedAt: null,
    lastReport: null,
    importErrors: [],
    async importFiles(files) {
      if (files.length === 0 || get().importing) return;
      begin();
      const bytesTotal = files.reduce((n, f) => n + f.size, 0);
      let bytesDone = 0;
      // Each file is handed over on its own (a failing one is reported, the rest go on), then all are
      // imported in one job: one transaction group, one search index build, one detection run.
      const staged: string[] = [];
      for (let i = 0; i < files.length; i++) {
        const f = files[i];
        set({ upload: { filesTotal: files.length, filesDone: i, bytesTotal, bytesDone, current: f.name, currentSize: f.size }, hostProgress: null });
        try {
          staged.push((await host.call('import.stage', f.name, new Uint8Array(await f.arrayBuffer()))).path);
        } catch (e) {
          fail(f.name, e);
        }
        bytesDone += f.size;
      }
      set({ upload: null, hostProgress: null });
      if (staged.length > 0) {
        try {
          record(await host.call('import.paths', staged));
        } catch (e) {
          fail(staged.length === 1 ? files[0].name : `${staged.length} files`, e);
        }
      }
      set({ importing: false, hostProgress: null });
      await refreshAll();
    },
    async importViaDialog(folders = false) {
      if (get().importing) return;
      let paths: string[] | null;
      try {
        paths = await (folders ? host.call('dialog.openFiles', { folders: true }) : host.call('dialog.openFiles'));
      } catch (e) {
        set({ importErrors: [`open dialog: ${errorText(e)}`], lastReport: [] });
        return;
      }
      if (paths && paths.length > 0) await importPaths(paths);
    },
    async importDropped(files) {
      const paths = kind === 'electron' && host.pathOf ? files.map((f) => host.pathOf!(f)) : [];
      if (files.length > 0 && paths.length === files.length && paths.every((p): p is string => p !== null)) await importPaths(paths);
      else await get().importFiles(files);
    },
    onHostProgress(p) {
      if (p.error) addError(`${p.file}: ${p.error}`);
      // Progress can outlive the call by a tick; ignore it once we are done.
      if (!get().importing) return;
      const same = get().hostProgress?.jobId === p.jobId && get().hostProgress?.file === p.file;
      set({ hostProgress: p, jobStartedAt: same ? get().jobStartedAt : Date.now() });
    },
    async cancelImport() {
      const job = get().hostProgress?.jobId;
      if (job) await host.call('import.cancel', job);
    },
    watchProgress() {
      return host.onProgress((p) => get().onHostProgress(p));
    },
    dismissImportReport() {
      set({ lastReport: null, importErrors: [] });
    },
  };
};
