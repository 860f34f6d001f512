/**
 * The process tree as plain data: what `views.processTree` returns and the CLI
 * prints. Nodes nest (`children`), so a forest serialises as it reads.
 */

/** One field of the child's event that disagrees with what the recorded parent (or a known fact) says. */
export interface SpoofField {
  /** The field, as the log names it: `SubjectLogonId`, `ParentProcessGuid`… */
  field: string;
  /** Its value in the child's event. */
  value: string;
  /** What it would be had the recorded parent created the process. */
  expected: string;
  /** Why: where `expected` comes from ("the recorded parent's logon: TargetLogonId of its 4688 (event 17)"). */
  source: string;
}

/** Why a node's recorded parent is doubted, or (`elevation`) known not to be its creator by design. */
export interface SpoofFlag {
  /**
   * `creator-mismatch` (Sysmon): another process held the creation handle on
   * the child while opening the recorded parent for process creation.
   * `parent-image-mismatch`: the event names a parent image that the parent it
   * links to (by entity id) does not have.
   * `creator-logon-mismatch` (Security 4688): the account that called
   * CreateProcess is not the recorded parent's own logon; or, for a Secondary
   * Logon session, the account that asked for it is not.
   * `inherited-token` (4688): an ordinary account created a process that runs
   * under another logon's token, which only the (spoofed) parent can have given it.
   * `elevation`: a UAC elevation: the AppInfo service (SYSTEM) created the
   * process with a full token and named the requester as its parent (Sysmon:
   * appinfo.dll on the stack of its accesses; 4688: SYSTEM created it with
   * TokenElevationType %%1937). By design, not counted as spoofing.
   * (see parent-spoofing.ts and creator-logon.ts)
   */
  reason: 'creator-mismatch' | 'parent-image-mismatch' | 'creator-logon-mismatch' | 'inherited-token' | 'elevation';
  /** The process that really created the child, when known. */
  creatorId: string | null;
  creatorPid: number | null;
  creatorImage: string | null;
  /** The account that created it, when the log says (4688 Subject: DOMAIN\\name, logon id). */
  creatorAccount: string | null;
  /** The fields that disagree, each with where the expected value comes from. */
  fields: SpoofField[];
  /** The events that show it (the child's, the parent's, a Sysmon 10 access, a 4624 logon). */
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
  /** Nodes flagged as spoofed (elevations not counted). */
  spoofedCount: number;
  /** UAC elevations: the parent is the requester, not the creator, by design. */
  elevatedCount: number;
  /**
   * The longest chain of parent→child links between processes seen starting,
   * in the nodes returned (a lone process is 0; synthetic parents do not count).
   */
  maxDepth: number;
  /** True when `limit` cut nodes off. */
  truncated: boolean;
}

export const DEFAULT_TREE_LIMIT = 20000;
