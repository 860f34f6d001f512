/**
 * Builders for ECS documents shaped like Elastic Agent / Auditbeat output:
 * nested objects, `event.category` and `event.type` as arrays. Keys are
 * inserted in a fixed order so JSON.stringify is byte-stable.
 */
import { isoStamp } from './clock';
import type { HostInfo } from './pools';

export interface ProcRef {
  readonly pid: number;
  readonly exe: string;
}

export interface ProcStart extends ProcRef {
  readonly args: readonly string[];
  readonly user: string;
  readonly uid: number;
  readonly parent: ProcRef;
  readonly cwd?: string;
}

/**
 * Datasets as Auditbeat names them (auditd for exec and sockets, file_integrity
 * for the file watcher); the importer keeps a line's own event.dataset, so
 * detection pipelines must recognise these names.
 */
export const DATASETS = { process: 'auditd', file: 'file_integrity', network: 'auditd' } as const;

const baseName = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

function hostObj(host: HostInfo): Record<string, unknown> {
  return { name: host.name, hostname: host.name, ip: [host.ip], os: { type: 'linux', family: 'debian', name: 'Debian GNU/Linux', version: '12' } };
}

function eventObj(category: string, type: string[], action: string, dataset: string): Record<string, unknown> {
  const module = dataset.split('.')[0];
  return { kind: 'event', category: [category], type, action, dataset, module, outcome: 'success' };
}

export function processStart(host: HostInfo, t: number, p: ProcStart): Record<string, unknown> {
  return {
    '@timestamp': isoStamp(t),
    event: eventObj('process', ['start'], 'exec', DATASETS.process),
    host: hostObj(host),
    user: { name: p.user, id: String(p.uid) },
    process: {
      pid: p.pid,
      name: baseName(p.exe),
      executable: p.exe,
      args: [...p.args],
      // Elastic joins argv with single spaces and no quoting; detections
      // written against real agents expect exactly that.
      command_line: p.args.join(' '),
      working_directory: p.cwd ?? '/',
      parent: { pid: p.parent.pid, executable: p.parent.exe, name: baseName(p.parent.exe) },
    },
  };
}

export type FileAction = 'created' | 'updated' | 'deleted' | 'attributes_modified';
const FILE_TYPES: Record<FileAction, string[]> = {
  created: ['creation'],
  updated: ['change'],
  deleted: ['deletion'],
  attributes_modified: ['change'],
};

export function fileEvent(host: HostInfo, t: number, action: FileAction, path: string, user: string, proc: ProcRef): Record<string, unknown> {
  return {
    '@timestamp': isoStamp(t),
    event: eventObj('file', FILE_TYPES[action], action, DATASETS.file),
    host: hostObj(host),
    user: { name: user },
    file: { path, name: baseName(path), directory: path.slice(0, path.lastIndexOf('/')) || '/' },
    process: { pid: proc.pid, name: baseName(proc.exe), executable: proc.exe },
  };
}

export interface Connection {
  readonly srcPort: number;
  readonly dstIp: string;
  readonly dstPort: number;
  readonly domain?: string;
}

export function networkConnect(host: HostInfo, t: number, user: string, proc: ProcRef, c: Connection): Record<string, unknown> {
  const destination: Record<string, unknown> = { ip: c.dstIp, port: c.dstPort };
  if (c.domain) destination.domain = c.domain;
  return {
    '@timestamp': isoStamp(t),
    event: eventObj('network', ['connection', 'start'], 'connected-to', DATASETS.network),
    host: hostObj(host),
    user: { name: user },
    process: { pid: proc.pid, name: baseName(proc.exe), executable: proc.exe },
    source: { ip: host.ip, port: c.srcPort },
    destination,
    network: { direction: c.dstIp.startsWith('10.') ? 'internal' : 'egress', transport: 'tcp' },
  };
}
