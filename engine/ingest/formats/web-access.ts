/**
 * Web server access logs in the NCSA common and combined formats (Apache,
 * Nginx, Tomcat's AccessLogValve):
 * `1.2.3.4 - frank [10/Oct/2000:13:55:36 -0700] "GET /a.gif HTTP/1.0" 200 2326 "ref" "UA"`.
 *
 * The request is matched lazily up to the `" status bytes` that follows it,
 * because Tomcat writes request lines verbatim: an attacker's `"` inside the
 * URL is common in exactly the logs an investigator reads. Referrer and user
 * agent use Apache's `\"` escaping; anything after them (Nginx extras,
 * `%D`) is kept as `raw.extra`.
 */
import type { EventRow } from '../../schema/ecs';
import { perLine, type LineFormat, type ParseResult } from '../format';
import { MONTHS } from '../time';

const LINE =
  /^(\S+) (\S+) (\S+) \[((\d{1,2})\/([A-Za-z]{3})\/(\d{4}):(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))? ([+-])(\d{2}):?(\d{2}))\] "(.*?)" (\d{3}|-) (\d+|-)(?: "((?:[^"\\]|\\.)*)" "((?:[^"\\]|\\.)*)")?(?: (.*))?$/;
const REQUEST = /^([A-Z][A-Z0-9_-]*) (\S+)(?: (HTTP\/[\d.]+))?$/;
const IP = /^(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*)$/;

const dash = (s: string | undefined): string | null => (s === undefined || s === '-' ? null : s);

function parseAccess(text: string): ParseResult | null {
  if (text.trim() === '') return null;
  const m = LINE.exec(text);
  if (!m) return { reject: 'not a common/combined access log line' };
  const [, client, ident, user, time, day, mon, year, hh, mi, ss, frac, sign, oh, om, request, status, bytes, referrer, agent, extra] = m;
  const month = MONTHS[mon.toLowerCase()];
  if (month === undefined) return { reject: `unknown month "${mon}"` };
  const offsetMin = (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om));
  const ms = Date.UTC(+year, month, +day, +hh, +mi, +ss, frac ? Number(frac.padEnd(3, '0').slice(0, 3)) : 0) - offsetMin * 60000;
  const when = new Date(ms);
  if (Number.isNaN(when.getTime())) return { reject: `unreadable time: ${time}` };
  const req = REQUEST.exec(request);
  const code = status === '-' ? null : Number(status);
  const row: EventRow = {
    '@timestamp': when.toISOString(),
    'event.timezone': `${sign}${oh}:${om}`,
    'event.dataset': 'web.access',
    'event.kind': 'event',
    'event.category': 'web',
    'event.action': 'http_request',
    'event.outcome': code === null ? 'unknown' : code < 400 ? 'success' : 'failure',
    'source.ip': IP.test(client) ? client : null,
    'user.name': dash(user),
    'url.original': req ? req[2] : null,
    message: request,
  };
  const raw: Record<string, string | number | null> = {
    client,
    ident,
    user,
    time,
    request,
    method: req ? req[1] : null,
    url: req ? req[2] : null,
    version: req?.[3] ?? null,
    status: code,
    bytes: bytes === '-' ? null : Number(bytes),
  };
  if (referrer !== undefined) {
    raw.referrer = unescape(referrer);
    raw.user_agent = unescape(agent);
  }
  if (extra !== undefined) raw.extra = extra;
  row.raw = JSON.stringify(raw);
  return row;
}

/** Apache escapes `"` and `\` in logged strings; undo only those two. */
function unescape(s: string): string {
  return s.replace(/\\(["\\])/g, '$1');
}

export const webAccessFormat: LineFormat = {
  kind: 'line',
  name: 'web-access',
  sniff(lines) {
    const sample = lines.filter((l) => l.trim() !== '').slice(0, 10);
    if (sample.length === 0) return 0;
    const ok = sample.filter((l) => LINE.test(l)).length;
    return ok / sample.length >= 0.6 ? 0.85 : 0;
  },
  create: () => perLine(parseAccess),
};
