/**
 * Links process starts into trees. Entity ids win over pids: a start that
 * names its parent's ProcessGuid / entity_id links to exactly that process.
 * Otherwise the parent is found by pid, and because pids are reused it is the
 * latest process with that pid on that host that started before the child and
 * is not known to have exited (Sysmon 5, 4689, auditd exit, ECS end) by then.
 * A parent that was never seen starting becomes a synthetic root, rebuilt
 * from what its children say about it (ParentImage, ParentCommandLine).
 *
 * Input must be in (host, time, event id) order, as `selectProcessRecords` returns it.
 */
import type { ProcessRecord } from './process-records';
import type { ProcessNode } from './tree-types';

export interface LinkedNode extends ProcessNode {
  guid: string | null;
  parent: LinkedNode | null;
  /** Position in start order; parents found by pid always come earlier. */
  order: number;
  record: ProcessRecord | null;
}

export interface LinkResult {
  nodes: LinkedNode[];
  /** Nodes by id, synthetic ones included. */
  byId: Map<string, LinkedNode>;
  roots: LinkedNode[];
}

const hostKey = (r: { host: string | null }) => r.host ?? '';
const guidId = (host: string | null, guid: string) => `g:${host ?? ''}|${guid}`;

function newNode(id: string, r: ProcessRecord | null, order: number, fields?: Partial<ProcessNode>): LinkedNode {
  const n: LinkedNode = {
    id,
    pid: r?.pid ?? null,
    ppid: r?.ppid ?? null,
    parentId: null,
    image: r?.image ?? null,
    commandLine: r?.commandLine ?? null,
    user: r?.user ?? null,
    host: r?.host ?? null,
    time: r?.timeUs == null ? null : new Date(Math.floor(r.timeUs / 1000)).toISOString(),
    eventId: r?.eventId ?? null,
    synthetic: false,
    spoof: null,
    signals: [],
    children: [],
    guid: r?.guid ?? null,
    parent: null,
    order,
    record: r,
  };
  return fields ? Object.assign(n, fields) : n;
}

/** Exit times by entity id and by host+pid, to tell a dead pid from a live one. */
function exitIndex(records: readonly ProcessRecord[]) {
  const byGuid = new Map<string, number>();
  const byPid = new Map<string, number[]>();
  for (const r of records) {
    if (r.kind !== 'exit' || r.timeUs === null) continue;
    if (r.guid) byGuid.set(guidId(r.host, r.guid), r.timeUs);
    if (r.pid !== null) {
      const k = `${hostKey(r)}|${r.pid}`;
      const list = byPid.get(k);
      if (list) list.push(r.timeUs);
      else byPid.set(k, [r.timeUs]);
    }
  }
  return {
    /** Did this process exit before `t`? Only an exit after its own start counts. */
    exitedBefore(n: LinkedNode, t: number): boolean {
      const start = n.record?.timeUs ?? -Infinity;
      const g = n.guid ? byGuid.get(n.id) : undefined;
      if (g !== undefined) return g >= start && g < t;
      const list = byPid.get(`${hostKey(n)}|${n.pid}`);
      return list !== undefined && list.some((x) => x >= start && x < t);
    },
  };
}

export function linkProcesses(records: readonly ProcessRecord[]): LinkResult {
  const nodes: LinkedNode[] = [];
  const byId = new Map<string, LinkedNode>();
  const byPid = new Map<string, LinkedNode[]>();
  for (const r of records) {
    if (r.kind !== 'start') continue;
    const gid = r.guid ? guidId(r.host, r.guid) : null;
    // A repeated entity id (a duplicated record) keeps the first; the copy stands alone by event id.
    const n = newNode(gid && !byId.has(gid) ? gid : `e:${r.eventId}`, r, nodes.length);
    nodes.push(n);
    byId.set(n.id, n);
    if (r.pid !== null) {
      const k = `${hostKey(r)}|${r.pid}`;
      const list = byPid.get(k);
      if (list) list.push(n);
      else byPid.set(k, [n]);
    }
  }
  const exits = exitIndex(records);

  const synthetic = (key: string, child: LinkedNode): LinkedNode => {
    const id = `s:${key}`;
    let s = byId.get(id);
    if (!s) {
      const r = child.record!;
      s = newNode(id, null, -1, { pid: r.ppid, host: r.host, image: r.parentImage, commandLine: r.parentCommandLine, synthetic: true });
      s.guid = r.parentGuid;
      byId.set(id, s);
    }
    return s;
  };

  const byPidBefore = (child: LinkedNode): LinkedNode | null => {
    const r = child.record!;
    const list = byPid.get(`${hostKey(r)}|${r.ppid}`);
    if (!list) return null;
    const t = r.timeUs ?? Infinity;
    for (let i = list.length - 1; i >= 0; i--) {
      const c = list[i];
      if (c.order >= child.order) continue;
      // The latest earlier holder of the pid; if it had exited, every older one had too.
      return exits.exitedBefore(c, t) ? null : c;
    }
    return null;
  };

  for (const n of nodes) {
    const r = n.record!;
    let parent: LinkedNode | null = null;
    if (r.parentGuid) {
      parent = byId.get(guidId(r.host, r.parentGuid)) ?? synthetic(`g:${hostKey(r)}|${r.parentGuid}`, n);
    } else if (r.ppid !== null) {
      parent = byPidBefore(n) ?? synthetic(`p:${hostKey(r)}|${r.ppid}|${(r.parentImage ?? '').toLowerCase()}`, n);
    }
    if (parent === n) parent = null;
    n.parent = parent;
  }
  breakCycles(nodes);

  const roots: LinkedNode[] = [];
  for (const n of byId.values()) {
    n.parentId = n.parent?.id ?? null;
    if (n.parent) n.parent.children.push(n);
    else roots.push(n);
  }
  // Synthetic parents were created in the order their first child was met; give them that place.
  const rank = (n: LinkedNode) => (n.synthetic ? (n.children[0] as LinkedNode).order - 0.5 : n.order);
  roots.sort((a, b) => rank(a) - rank(b));
  return { nodes, byId, roots };
}

/** Entity ids come from the log, so a loop (A's parent is B, B's is A) is possible; cut it at its earliest start. */
function breakCycles(nodes: readonly LinkedNode[]): void {
  const state = new Map<LinkedNode, 1 | 2>(); // 1: on the current walk, 2: known to reach a root
  for (const start of nodes) {
    const path: LinkedNode[] = [];
    let n: LinkedNode | null = start;
    while (n && !state.has(n)) {
      state.set(n, 1);
      path.push(n);
      n = n.parent;
    }
    if (n && state.get(n) === 1) {
      const loop = path.slice(path.indexOf(n));
      loop.reduce((a, b) => (b.order < a.order ? b : a)).parent = null;
    }
    for (const p of path) state.set(p, 2);
  }
}
