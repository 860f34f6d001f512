/**
 * The host side of the contract: one open case, its DuckDB, imports and
 * detection. Electron's utility process and the web-mode server both serve
 * exactly this; transports only validate arguments and forward.
 */
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { caseInfo, listRejections, listSignals } from '../../case/node/case-queries';
import { openCase, type OpenCase } from '../../case/node/case-store';
import { importFiles } from '../../case/node/import-files';
import { setSourceSkew } from '../../case/node/skew';
import { runDetection } from '../../detect/run-detection';
import { loadRuleFiles } from '../../detect/node/load-rules';
import { detectHandlers } from '../../detect/node/detect-handlers';
import { eventHistogram, eventPage } from '../../views/events-view';
import { explorerHandlers } from '../../views/search/explorer-handlers';
import { lazyGeo } from '../../geo/node/lazy-geo';
import { geoView } from '../../views/geo/geo-view';
import { loadGeoHome, saveGeoHome } from '../../views/geo/geo-home';
import { timeline } from '../../views/timeline/timeline-query';
import { entityGraph, expandEntity } from '../../views/graph/graph-query';
import { buildProcessForest } from '../../views/process-tree/process-tree';
import type { Args, Channel, HostContract, ImportNote, ImportProgress, ImportReport, Result } from '../contract';
import type { HostService } from '../service';
import { builtinRulesDir } from './resources';

export interface HostServiceOptions {
  casePath: string;
  /** Rule files or folders; default: the built-in pack. */
  rulePaths?: string[];
  kind?: 'electron' | 'web';
}

type Handlers = { [C in Channel]: (...args: Args<C>) => Promise<Awaited<ReturnType<HostContract[C]>>> };

export async function createHostService(opts: HostServiceOptions): Promise<HostService> {
  const c: OpenCase = await openCase(opts.casePath);
  const listeners = new Set<(p: ImportProgress) => void>();
  const progress = (p: ImportProgress) => listeners.forEach((l) => l(p));
  const rulePaths = opts.rulePaths ?? [builtinRulesDir()];
  // One DuckDB connection: operations run one at a time, in arrival order.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => undefined);
    return run;
  };

  // `geo` is opened only if an impossible-travel rule is enabled.
  const detect = async () => runDetection(c.port, await loadRuleFiles(rulePaths), { geo });
  const geo = lazyGeo();
  const running = new Map<string, AbortController>();
  let jobs = 0;
  /** Uploaded bytes are kept in the case as evidence, named by content (the name cannot leave the uploads folder). */
  const stage = async (name: string, bytes: Uint8Array): Promise<string> => {
    const safe = name.replace(/[^\w.-]+/g, '_').slice(-120) || 'upload';
    const sha = createHash('sha256').update(bytes).digest('hex');
    const path = join(c.dir, 'uploads', `${sha.slice(0, 12)}-${safe}`);
    await writeFile(path, bytes);
    return path;
  };
  const importAndDetect = async (paths: string[]): Promise<ImportReport> => {
    const notes: ImportNote[] = [];
    const jobId = `import-${++jobs}`;
    const abort = new AbortController();
    running.set(jobId, abort);
    try {
      const sources = await importFiles(c, paths, { onProgress: progress, notes, jobId, signal: abort.signal });
      const d = await detect();
      return { sources, notes, signals: d.signals };
    } finally {
      running.delete(jobId);
    }
  };

  const handlers: Handlers = {
    'host.info': async () => ({ kind: opts.kind ?? 'web', version: '0.1.0' }),
    'case.info': () => caseInfo(c.port, c.dir, c.manifest.name),
    'case.rejections': (sourceId, limit) => listRejections(c.port, sourceId, limit),
    'events.page': (q) => eventPage(c.port, q),
    'events.histogram': (q, buckets) => eventHistogram(c.port, q, buckets),
    'signals.list': () => listSignals(c.port),
    'detect.run': async () => ({ signals: (await detect()).signals }),
    ...detectHandlers(c.port, () => loadRuleFiles(rulePaths)),
    ...explorerHandlers(c.port),
    'import.paths': (paths) => importAndDetect(paths),
    'import.upload': async (name, bytes) => importAndDetect([await stage(name, bytes)]),
    'import.stage': async (name, bytes) => ({ path: await stage(name, bytes) }),
    'sources.setSkew': async (sourceId, skewMs) => {
      await setSourceSkew(c.port, sourceId, skewMs);
      return { skewMs };
    },
    'import.cancel': async (jobId) => {
      const job = running.get(jobId);
      job?.abort();
      return { cancelled: job !== undefined };
    },
    'dialog.openFiles': async () => null,
    'views.geo': async (q) => geoView(c.port, await geo(), q),
    'geo.home': async () => ({ home: await loadGeoHome(c.port) }),
    'geo.setHome': async (home) => ({ home: await saveGeoHome(c.port, home) }),
    'views.timeline': (q) => timeline(c.port, q),
    'views.graph': (q) => entityGraph(c.port, q),
    'views.graphExpand': (entity) => expandEntity(c.port, entity),
    'views.processTree': (q) => buildProcessForest(c.port, q ?? {}),
  };
  // Cancelling must not wait behind the import it cancels.
  const immediate = new Set<Channel>(['import.cancel', 'host.info']);

  return {
    handle<C extends Channel>(channel: C, args: Args<C>): Promise<Result<C>> {
      const fn = handlers[channel] as (...a: Args<C>) => Promise<Result<C>>;
      return immediate.has(channel) ? fn(...args) : serial(() => fn(...args));
    },
    onProgress(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    close: () => serial(() => c.close()),
  };
}
