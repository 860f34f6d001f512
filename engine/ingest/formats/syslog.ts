/**
 * Syslog files: RFC 3164 (`Mar 14 03:12:45 host prog[pid]: msg`, also with a
 * high-precision ISO stamp as rsyslog writes it) and RFC 5424.
 *
 * Year inference (RFC 3164 stamps carry no year): the reference time is the
 * file's modification time (or the import time). The first line takes the
 * reference's year, or the year before when its month/day lies after the
 * reference; afterwards each step back in month (Dec → Jan) starts a new
 * year. So a file spanning New Year, written until its mtime, gets the right
 * years; the chosen year is visible in `raw.year_inferred`.
 */
import type { EventRow } from '../../schema/ecs';
import { perLine, type LineFormat, type ParseContext, type ParseResult } from '../format';
import { MONTHS, parseIsoTime } from '../time';
import { authFields } from './syslog-auth';

const RFC3164 = /^(?:<(\d{1,3})>)?([A-Z][a-z]{2})\s+(\d{1,2})\s+(\d{2}):(\d{2}):(\d{2})\s+(\S+)\s+(.*)$/;
const ISO_HDR = /^(?:<(\d{1,3})>)?(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2}))\s+(\S+)\s+(.*)$/;
const RFC5424 = /^<(\d{1,3})>1\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(-|(?:\[(?:[^\]\\]|\\.)*\])+)\s?(.*)$/;
// A tag is a program name, optionally `(module)`, a version (`syslogd 1.4.1`) or login(1)'s `-- user`, then `[pid]`.
const TAG = /^((?:-- )?[^\s:[\]]+(?:\([^)]*\))?(?: \d+(?:\.\d+)+)?)(?:\[(\d+)\])?:\s?(.*)$/;

/** Programs whose lines belong to the authentication log. */
const AUTH_PROGRAMS = /^(sshd|sudo|su|login|passwd|useradd|userdel|usermod|groupadd|chpasswd|systemd-logind|CRON|cron|polkitd|pkexec|gdm-password|unix_chkpwd)(\(|$)/;

interface Tagged {
  program: string | null;
  pid: number | null;
  message: string;
}

function splitTag(rest: string): Tagged {
  const m = TAG.exec(rest);
  if (!m) return { program: null, pid: null, message: rest };
  return { program: m[1], pid: m[2] ? Number(m[2]) : null, message: m[3] };
}

function baseRow(utc: string, zone: string | null, host: string, t: Tagged, raw: Record<string, unknown>): EventRow {
  const auth = t.program ? AUTH_PROGRAMS.test(t.program) : false;
  const prog = t.program?.replace(/\(.*\)$/, '') ?? null;
  const row: EventRow = {
    '@timestamp': utc,
    'event.timezone': zone,
    'event.dataset': auth ? 'linux.auth' : 'linux.syslog',
    'host.name': host,
    'process.name': prog,
    'process.pid': t.pid,
    message: t.message,
  };
  const extra = prog ? authFields(prog, t.message) : null;
  if (extra) {
    for (const [k, v] of Object.entries(extra.columns)) row[k as keyof EventRow] = v;
    if (prog && Object.keys(extra.fields).length) raw[prog] = extra.fields;
  }
  row.raw = JSON.stringify(raw);
  return row;
}

class SyslogParser {
  private year: number | null = null;
  private lastMonth = -1;

  constructor(private readonly ctx: ParseContext) {}

  parseLine(text: string): ParseResult | null {
    if (text.trim() === '') return null;
    let m = RFC5424.exec(text);
    if (m) {
      const t = parseIsoTime(m[2]);
      if (!t) return { reject: `unreadable RFC 5424 time: ${m[2].slice(0, 40)}` };
      const tagged: Tagged = { program: m[4] === '-' ? null : m[4], pid: /^\d+$/.test(m[5]) ? Number(m[5]) : null, message: m[8] };
      const raw: Record<string, unknown> = { pri: Number(m[1]), timestamp: m[2], host: m[3], program: tagged.program, procid: m[5], msgid: m[6], structured_data: m[7], message: m[8] };
      return baseRow(t.utc, t.zone, m[3], tagged, raw);
    }
    m = ISO_HDR.exec(text);
    if (m) {
      const t = parseIsoTime(m[2]);
      if (!t) return { reject: `unreadable time: ${m[2]}` };
      const tagged = splitTag(m[4]);
      const raw: Record<string, unknown> = { timestamp: m[2], host: m[3], program: tagged.program, pid: tagged.pid, message: tagged.message };
      if (m[1]) raw.pri = Number(m[1]);
      return baseRow(t.utc, t.zone, m[3], tagged, raw);
    }
    m = RFC3164.exec(text);
    if (!m) return { reject: 'not a syslog line (no RFC 3164 or RFC 5424 header)' };
    const month = MONTHS[m[2].toLowerCase()];
    if (month === undefined) return { reject: `unknown month "${m[2]}"` };
    const year = this.inferYear(month, Number(m[3]));
    const ms = Date.UTC(year, month, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
    const tagged = splitTag(m[8]);
    const raw: Record<string, unknown> = { timestamp: `${m[2]} ${m[3]} ${m[4]}:${m[5]}:${m[6]}`, year_inferred: year, host: m[7], program: tagged.program, pid: tagged.pid, message: tagged.message };
    if (m[1]) raw.pri = Number(m[1]);
    return baseRow(new Date(ms).toISOString(), null, m[7], tagged, raw);
  }

  private inferYear(month: number, day: number): number {
    const ref = this.ctx.referenceTime;
    if (this.year === null) {
      const refMonth = ref.getUTCMonth();
      const after = month > refMonth || (month === refMonth && day > ref.getUTCDate() + 1);
      this.year = ref.getUTCFullYear() - (after ? 1 : 0);
    } else if (this.lastMonth >= 0 && month < this.lastMonth - 5) {
      this.year++;
    }
    this.lastMonth = month;
    return this.year;
  }
}

export const syslogFormat: LineFormat = {
  kind: 'line',
  name: 'syslog',
  sniff(lines) {
    const sample = lines.filter((l) => l.trim() !== '').slice(0, 10);
    if (sample.length === 0) return 0;
    const ok = sample.filter((l) => RFC5424.test(l) || ISO_HDR.test(l) || RFC3164.test(l)).length;
    return ok / sample.length >= 0.6 ? 0.8 : 0;
  },
  create: (ctx) => {
    const p = new SyslogParser(ctx);
    return perLine((text) => p.parseLine(text));
  },
};
