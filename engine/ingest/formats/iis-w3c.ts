/**
 * IIS logs in the W3C extended format. The columns are whatever the last
 * `#Fields:` directive says (IIS rewrites the header block when it restarts
 * or the field set changes); `#Software`, `#Version`, `#Date` and remarks
 * emit nothing. Values are space-separated, IIS writes spaces as '+' and
 * empty values as '-'. Times are UTC by definition of the format.
 *
 * raw: every column under its W3C name as written, plus the decoded user
 * agent, so `raw->>'$."cs(User-Agent)"'` and `raw->>'$.user_agent'` both work.
 */
import type { EventRow } from '../../schema/ecs';
import { perLine, type LineFormat, type ParseResult } from '../format';
import { parseIsoTime } from '../time';

/** What IIS 8.5+ writes by default, used when a file was cut before its header. */
const DEFAULT_FIELDS = 'date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken'.split(' ');
const DATA = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:\.\d+)? \S+ \S+/;
const W3C_HEADER = /^#(Software|Version|Date|Fields|Remark|Start-Date|End-Date):/;

const dash = (s: string | undefined): string | null => (s === undefined || s === '-' || s === '' ? null : s);
const num = (s: string | undefined): number | null => (s !== undefined && /^\d+$/.test(s) ? Number(s) : null);

class IisParser {
  private fields: string[] | null = null;
  private headerDate: string | null = null;

  parseLine(text: string): ParseResult | null {
    if (text.trim() === '') return null;
    if (text.startsWith('#')) {
      if (text.startsWith('#Fields:')) this.fields = text.slice(8).trim().split(/\s+/);
      else if (text.startsWith('#Date:')) this.headerDate = text.slice(6).trim().split(' ')[0] ?? null;
      return null;
    }
    const values = text.trim().split(' ');
    const fields = this.fields ?? (values.length === DEFAULT_FIELDS.length ? DEFAULT_FIELDS : null);
    if (!fields) return { reject: 'W3C line before any #Fields header (and not the IIS default columns)' };
    if (values.length !== fields.length) return { reject: `expected ${fields.length} fields (per #Fields), got ${values.length}` };
    const f: Record<string, string> = {};
    fields.forEach((name, i) => (f[name] = values[i]));
    const date = f.date ?? this.headerDate;
    const t = date && f.time ? parseIsoTime(`${date} ${f.time}Z`) : null;
    if (!t) return { reject: `unreadable time: ${date ?? '(no date)'} ${f.time ?? '(no time)'}` };
    const status = num(f['sc-status']);
    const stem = dash(f['cs-uri-stem']);
    const query = dash(f['cs-uri-query']);
    const agent = dash(f['cs(User-Agent)']);
    const row: EventRow = {
      '@timestamp': t.utc,
      'event.timezone': 'Z',
      'event.dataset': 'iis.access',
      'event.kind': 'event',
      'event.category': 'web',
      'event.action': 'http_request',
      'event.outcome': status === null ? 'unknown' : status < 400 ? 'success' : 'failure',
      'source.ip': dash(f['c-ip']),
      'source.port': num(f['c-port']),
      'destination.ip': dash(f['s-ip']),
      'destination.port': num(f['s-port']),
      'user.name': dash(f['cs-username']),
      'host.name': dash(f['s-computername']),
      'url.original': stem === null ? null : query === null ? stem : `${stem}?${query}`,
      message: [dash(f['cs-method']), stem, status].filter((x) => x !== null).join(' '),
    };
    const raw: Record<string, string> = { ...f };
    if (agent !== null) raw.user_agent = agent.replace(/\+/g, ' ');
    row.raw = JSON.stringify(raw);
    return row;
  }
}

export const iisW3cFormat: LineFormat = {
  kind: 'line',
  name: 'iis-w3c',
  sniff(lines) {
    const sample = lines.filter((l) => l.trim() !== '').slice(0, 20);
    if (sample.some((l) => l.startsWith('#Fields:')) && sample.some((l) => W3C_HEADER.test(l) && !l.startsWith('#Fields:'))) return 0.95;
    if (sample.some((l) => /^#Fields:.*\bdate\b.*\btime\b/.test(l) || /^#Fields:\s+time\b/.test(l))) return 0.9;
    // A file cut after its header: only the IIS default column layout is recognised.
    const ok = sample.filter((l) => DATA.test(l) && l.trim().split(' ').length === DEFAULT_FIELDS.length).length;
    return sample.length > 0 && ok / sample.length >= 0.6 ? 0.6 : 0;
  },
  create() {
    const p = new IisParser();
    return perLine((text) => p.parseLine(text));
  },
};
