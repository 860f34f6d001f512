/**
 * One line of a Linux audit log: `[node=host ]type=T msg=audit(sec.ms:serial): k=v …`,
 * split into its header and its fields. Values keep the text as written
 * (quotes removed), so `raw` stays faithful; decoding hex is left to the
 * event builder, which knows which fields are untrusted strings.
 */

export interface AuditRecord {
  node: string | null;
  type: string;
  /** `sec.ms:serial` as written inside `audit(…)`. */
  stamp: string;
  /** Event time in epoch milliseconds. */
  ms: number;
  /** Fields in order of appearance; `msg='…'` becomes a nested object. */
  fields: Record<string, string | Record<string, string>>;
  /** Keys (`msg.acct` for nested ones) whose value was written in double quotes. */
  quoted: Set<string>;
}

type Fields = Record<string, string>;

const HEADER = /^(?:node=(\S+) )?type=([A-Za-z0-9_]+) msg=audit\((\d+)\.(\d+):(\d+)\):\s?(.*)$/;
/** key=value where the value is "double", 'single', { braced } (enriched SADDR) or bare. */
const PAIR = /([A-Za-z0-9_[\]-]+)=("[^"]*"|'[^']*'|\{[^}]*\}|\S*)/y;
/** The enriched format (log_format=ENRICHED) appends interpreted fields after a GS character. */
const GS = '\x1d';

export function parseAuditLine(text: string): AuditRecord | string {
  const m = HEADER.exec(text);
  if (!m) return 'not an audit record (expected "type=… msg=audit(time:serial):")';
  const [, node, type, sec, frac, serial, body] = m;
  const ms = Number(sec) * 1000 + Number(frac.padEnd(3, '0').slice(0, 3));
  const fields: AuditRecord['fields'] = {};
  const quoted = new Set<string>();
  parsePairs(body.replace(GS, ' '), fields, quoted, '');
  return { node: node ?? null, type, stamp: `${sec}.${frac}:${serial}`, ms, fields, quoted };
}

function parsePairs(body: string, into: AuditRecord['fields'] | Fields, quoted: Set<string>, prefix: string): void {
  let pos = 0;
  const loose: string[] = [];
  while (pos < body.length) {
    if (body[pos] === ' ') {
      pos++;
      continue;
    }
    PAIR.lastIndex = pos;
    const m = PAIR.exec(body);
    if (m) {
      // Taken before put(): parsing a nested msg='…' reuses the sticky regex.
      pos = PAIR.lastIndex;
      put(into, m[1], m[2], quoted, prefix);
    } else {
      // AVC and some daemon records carry bare words (`avc:  denied  { read } for`): kept as text.
      const end = body.indexOf(' ', pos);
      loose.push(body.slice(pos, end < 0 ? body.length : end));
      pos = end < 0 ? body.length : end;
    }
  }
  if (loose.length) put(into, 'text', loose.join(' '), quoted, prefix);
}

function put(into: AuditRecord['fields'] | Fields, key: string, value: string, quoted: Set<string>, prefix: string): void {
  let k = key;
  for (let i = 2; k in into; i++) k = `${key}_${i}`;
  if (value.startsWith("'") && key === 'msg' && !prefix) {
    // USER_* records nest their own key=value list in msg='…'.
    const inner: Fields = {};
    parsePairs(value.slice(1, -1), inner, quoted, 'msg.');
    (into as AuditRecord['fields'])[k] = inner;
    return;
  }
  if (value[0] === '"') quoted.add(prefix + k);
  into[k] = value.length >= 2 && (value[0] === '"' || value[0] === "'") ? value.slice(1, -1) : value;
}

/**
 * Decodes an untrusted-string field: audit writes it "quoted" when safe, as
 * uppercase hex when it holds spaces, quotes or control bytes, or `(null)`.
 * `literal`: the value was quoted, or is not such a string field; kept as is.
 */
export function decodeAuditString(value: string, literal: boolean): string {
  if (literal || value.length % 2 !== 0 || !/^[0-9A-F]+$/.test(value)) return value === '(null)' ? '' : value;
  const bytes = new Uint8Array(value.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(value.slice(i * 2, i * 2 + 2), 16);
  return new TextDecoder('utf-8').decode(bytes);
}
