/**
 * The process tree as plain data: what `views.processTree` returns and the CLI
 * prints. Nodes nest (`children`), so a forest serialises as it reads.
 */

/** Why a node's recorded parent is doubted. */
export interface SpoofFlag {
  /**
   * `creator-mismatch`: another process held the creation handle on the child
   * while opening the recorded parent for process creation (see parent-spoofing.ts).
   * `parent-image-mismatch`: the event names a parent image that the parent it
   * links to (by entity id) does not have.
   */
  reason: 'creator-mismatch' | 'parent-image-mismatch';
  /** The process that really created the child, when known. */
  creatorId: string | null;
  creatorPid: number | null;
  creatorImage: string | null;
  /** The Sysmon 10 (or other) events that show it. */
  evidenceEventIds: number[];
}

export interface NodeSignal {
  id: string;
  title: string;
  level: string;
}

export interface ProcessNode {
  /** Stable within one build: `g:<entity id>`, `e:<event id>` or `s:<…>` for a synthetic parent. */
  id: string;
  pid: number | null;
  ppid: number | null;
  /** The node this one hangs under in the forest (null for a root). */
  parentId: string | null;
  image: string | null;
  commandLine: string | null;
  user: string | null;
  host: string | null;
  /** Start time, ISO UTC; null for a synthetic node. */
  time: string | null;
  /** The event that recorded the start; null for a synthetic node. */
  eventId: number | null;
  /** A parent never seen starting, rebuilt from its children's events. */
  synthetic: boolean;
  spoof: SpoofFlag | null;
  signals: NodeSignal[];
  children: ProcessNode[];
}

export interface ProcessTreeQuery {
  host?: string | null;
  /** Only the process this event started, its ancestors and its descendants. */
  rootEventId?: number | null;
  /** Only these processes (by start event) and their ancestors. */
  eventIds?: number[] | null;
  /** At most this many nodes, taken breadth-first (the tops of trees first). */
  limit?: number | null;
}

export interface HostProcessCount {
  host: string;
  processes: number;
}

export interface ProcessForest {
  /** Every host with process starts, for a picker. */
  hosts: HostProcessCount[];
  roots: ProcessNode[];
  /** Nodes in `roots`, synthetic ones included. */
  nodeCount: number;
  /** Nodes built from a start event (before filtering), i.e. processes seen starting. */
  processCount: number;
  syntheticCount: number;
  spoofedCount: number;
  /**
   * The longest chain of parent→child links between processes seen starting,
   * in the nodes returned (a lone process is 0; synthetic parents do not count).
   */
  maxDepth: number;
  /** True when `limit` cut nodes off. */
  truncated: boolean;
}

export const DEFAULT_TREE_LIMIT = 20000;
