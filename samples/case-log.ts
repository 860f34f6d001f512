/**
 * The in-memory case every generator writes into: syslog lines and ECS
 * documents per host, in any order. Writers sort by time at the end (a stable
 * sort, so equal stamps keep their generation order and output stays
 * deterministic).
 */
import type { HostInfo } from './pools';
import type { Rng } from './prng';
import { CAPTURE_START } from './pools';

export interface SyslogLine {
  readonly t: number;
  readonly host: string;
  readonly prog: string;
  /** absent for programs that log without one, like sudo's command lines */
  readonly pid?: number;
  readonly msg: string;
}

export interface EcsDoc {
  readonly t: number;
  readonly host: string;
  readonly doc: Record<string, unknown>;
}

export class CaseLog {
  readonly syslog: SyslogLine[] = [];
  readonly ecs: EcsDoc[] = [];

  private readonly sessions = new Map<string, Set<number>>();
  private readonly pids = new Map<string, Set<number>>();

  constructor(private readonly rng: Rng) {}

  line(host: HostInfo, t: number, prog: string, pid: number | undefined, msg: string): void {
    this.syslog.push({ t, host: host.name, prog, pid, msg });
  }

  event(host: HostInfo, t: number, doc: Record<string, unknown>): void {
    this.ecs.push({ t, host: host.name, doc });
  }

  /**
   * A plausible pid for a process started at `t`: Linux hands pids out in
   * rising order, so deriving them from time keeps parents below children
   * without tracking every host's counter across generators. `above` keeps
   * a child forked within the same instant above its parent.
   */
  pid(host: HostInfo, t: number, above = 0): number {
    const taken = this.taken(this.pids, host);
    let pid = Math.max(above + 1, 2000 + Math.floor((t - CAPTURE_START) / 4000) + this.rng.int(0, 3));
    while (taken.has(pid)) pid++;
    taken.add(pid);
    return pid;
  }

  /** A logind session id, rising with time and never reused on one host. */
  session(host: HostInfo, t: number): number {
    const taken = this.taken(this.sessions, host);
    let id = 3 + Math.floor((t - CAPTURE_START) / (20 * 60 * 1000));
    while (taken.has(id)) id++;
    taken.add(id);
    return id;
  }

  private taken(by: Map<string, Set<number>>, host: HostInfo): Set<number> {
    let set = by.get(host.name);
    if (!set) by.set(host.name, (set = new Set<number>()));
    return set;
  }
}
