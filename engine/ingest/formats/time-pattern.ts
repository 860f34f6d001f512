/**
 * Times in user-declared shapes, for generic CSV/JSON sources: strftime-like
 * patterns (`%d/%m/%Y %H:%M:%S`), epoch units, and a default zone (fixed
 * offset or IANA name) for stamps that carry none. Only the directives below
 * exist; an unknown one is an error when the mapping is loaded, not a silent
 * mismatch on every record.
 */
import { MONTHS, parseEpoch, parseIsoTime, type ParsedTime } from '../time';

const DIRECTIVES: Record<string, { re: string; key: string }> = {
  Y: { re: '(\\d{4})', key: 'Y' },
  y: { re: '(\\d{2})', key: 'y' },
  m: { re: '(\\d{1,2})', key: 'm' },
  d: { re: '(\\d{1,2})', key: 'd' },
  e: { re: '\\s?(\\d{1,2})', key: 'd' },
  H: { re: '(\\d{1,2})', key: 'H' },
  I: { re: '(\\d{1,2})', key: 'I' },
  M: { re: '(\\d{2})', key: 'M' },
  S: { re: '(\\d{2})', key: 'S' },
  f: { re: '(\\d{1,9})', key: 'f' },
  p: { re: '([AaPp][Mm])', key: 'p' },
  b: { re: '([A-Za-z]{3,9})', key: 'b' },
  z: { re: '(Z|[+-]\\d{2}:?\\d{2})', key: 'z' },
};

export type TimeReader = (v: unknown) => ParsedTime | null;

/** Compiles a pattern; throws an Error naming the bad directive. */
export function compileTimePattern(pattern: string): (s: string) => ParsedTime | null {
  const keys: string[] = [];
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '%') {
      const d = pattern[++i];
      if (d === '%') re += '%';
      else if (d !== undefined && DIRECTIVES[d]) {
        re += DIRECTIVES[d].re;
        keys.push(DIRECTIVES[d].key);
      } else throw new Error(`unknown time directive %${d ?? ''} (known: ${Object.keys(DIRECTIVES).map((k) => '%' + k).join(' ')} %%)`);
    } else if (/\s/.test(c)) re += '\\s+';
    else re += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  if (!keys.includes('Y') && !keys.includes('y')) throw new Error('a time pattern needs a year (%Y or %y)');
  const rx = new RegExp(`^\\s*${re}\\s*$`);
  return (s) => {
    const m = rx.exec(s);
    if (!m) return null;
    const g: Record<string, string> = {};
    keys.forEach((k, i) => (g[k] = m[i + 1]));
    const year = g.Y ? +g.Y : 2000 + +g.y;
    const month = g.b ? MONTHS[g.b.slice(0, 3).toLowerCase()] : g.m ? +g.m - 1 : 0;
    if (month === undefined || month < 0 || month > 11) return null;
    let hour = g.H ? +g.H : g.I ? +g.I % 12 : 0;
    if (g.p && g.p.toLowerCase() === 'pm') hour += 12;
    const ms = g.f ? Number((g.f + '00').slice(0, 3)) : 0;
    const t = Date.UTC(year, month, g.d ? +g.d : 1, hour, g.M ? +g.M : 0, g.S ? +g.S : 0, ms);
    if (Number.isNaN(t) || new Date(t).getUTCDate() !== (g.d ? +g.d : 1)) return null;
    const iso = new Date(t).toISOString();
    return g.z ? parseIsoTime(iso.slice(0, -1) + g.z) : { utc: iso, zone: null };
  };
}

/** A reader for one mapping's time format; throws on an unknown format or directive. */
export function timeReader(format = 'iso'): TimeReader {
  const num = (v: unknown): number | null => {
    const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(v) ? Number(v) : NaN;
    return Number.isFinite(n) ? n : null;
  };
  const at = (ms: number | null): ParsedTime | null => {
    if (ms === null) return null;
    const d = new Date(ms);
    return Number.isNaN(d.getTime()) ? null : { utc: d.toISOString(), zone: 'Z' };
  };
  switch (format) {
    case 'iso':
      return (v) => {
        const n = num(v);
        if (n !== null) return parseEpoch(n);
        return typeof v === 'string' ? parseIsoTime(v) : null;
      };
    case 'epoch_s':
      return (v) => at(num(v) === null ? null : num(v)! * 1000);
    case 'epoch_ms':
      return (v) => at(num(v));
    case 'epoch_us':
      return (v) => at(num(v) === null ? null : num(v)! / 1000);
    default: {
      if (!format.includes('%')) throw new Error(`unknown time format "${format}" (iso, epoch_s, epoch_ms, epoch_us or a %-pattern)`);
      const p = compileTimePattern(format);
      return (v) => (typeof v === 'string' ? p(v) : null);
    }
  }
}

const FIXED = /^([+-])(\d{2}):?(\d{2})$/;

/** Throws when a zone is neither UTC, a fixed offset nor an IANA name this runtime knows. */
export function checkZone(zone: string): void {
  if (/^(utc|z|gmt)$/i.test(zone) || FIXED.test(zone)) return;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    throw new Error(`unknown time zone "${zone}" (use UTC, +02:00 or an IANA name such as Europe/Paris)`);
  }
}

/** Offset of an IANA zone at an instant, in minutes east of UTC. */
function ianaOffset(zone: string, utcMs: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
  }).formatToParts(new Date(utcMs));
  const v = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  return Math.round((Date.UTC(v('year'), v('month') - 1, v('day'), v('hour'), v('minute'), v('second')) - Math.floor(utcMs / 1000) * 1000) / 60000);
}

/**
 * Re-reads a zone-less time (parsed as if UTC) as wall-clock time in `zone`.
 * For IANA zones the offset is the one in force at that moment (DST aware;
 * in the repeated hour the first occurrence wins).
 */
export function applyZone(t: ParsedTime, zone: string | undefined): ParsedTime {
  if (t.zone !== null || !zone || /^(utc|z|gmt)$/i.test(zone)) return t;
  const local = Date.parse(t.utc);
  const f = FIXED.exec(zone);
  let off: number;
  if (f) off = (f[1] === '-' ? -1 : 1) * (+f[2] * 60 + +f[3]);
  else {
    const guess = ianaOffset(zone, local);
    off = ianaOffset(zone, local - guess * 60000);
  }
  return { utc: new Date(local - off * 60000).toISOString(), zone };
}
