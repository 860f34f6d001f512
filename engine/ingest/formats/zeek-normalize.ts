/**
 * One shape for a Zeek record, whichever writer produced it, so that TSV and
 * JSON logs of the same traffic give identical rows and identical `raw`:
 *  - keys as Zeek names them (`id.orig_h`; the `id_orig_h` spelling some
 *    pipelines write is turned back), `_path` first;
 *  - unset fields are absent (Zeek's JSON writer omits them);
 *  - times are ISO 8601 UTC with microseconds, as Zeek's JSON writer prints them;
 *  - fractional numbers are rounded to 6 decimals, the TSV writer's precision;
 *  - strings keep the bytes Zeek's JSON writer would show: valid UTF-8 as text,
 *    control characters other than \t \n \r and invalid bytes as literal `\xHH`.
 */

export type ZeekRecord = Record<string, unknown>;

/**
 * `1521911720.865716` → `2018-03-24T17:15:20.865716Z`, from the digits so no
 * microsecond is lost to float rounding. Negative stamps (seen in NTP fields)
 * count back from 1970; `2.385616957e+09` is read as a number.
 */
export function epochTextToIso(text: string): string | null {
  if (/^-?\d+(\.\d+)?e[+-]?\d+$/i.test(text)) return epochToIso(Number(text));
  const m = /^(-?)(\d+)(?:\.(\d*))?$/.exec(text);
  if (!m) return null;
  const abs = Number(m[2]) * 1e6 + Number((m[3] ?? '').padEnd(6, '0').slice(0, 6));
  const micros = m[1] ? -abs : abs;
  const sec = Math.floor(micros / 1e6);
  const d = new Date(sec * 1000);
  if (Number.isNaN(d.getTime())) return null;
  return d.toISOString().slice(0, 19) + '.' + String(micros - sec * 1e6).padStart(6, '0') + 'Z';
}

export function epochToIso(n: number): string | null {
  return Number.isFinite(n) ? epochTextToIso(n.toFixed(6)) : null;
}

export const round6 = (n: number): number => (Number.isInteger(n) ? n : Number(n.toFixed(6)));

const KEEP_CONTROLS = new Set([9, 10, 13]);
const utf8 = new TextDecoder('utf-8', { fatal: true });
const hex = (b: number) => '\\x' + b.toString(16).padStart(2, '0');

/** Bytes as Zeek's JSON writer shows them (see the header comment). */
function showBytes(bytes: number[]): string {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) {
      out += b < 0x20 && !KEEP_CONTROLS.has(b) ? hex(b) : b === 0x7f ? hex(b) : String.fromCharCode(b);
      i++;
      continue;
    }
    const len = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    try {
      out += utf8.decode(new Uint8Array(bytes.slice(i, i + len)));
      i += len;
    } catch {
      out += hex(b);
      i++;
    }
  }
  return out;
}

/** Undoes the TSV writer's escapes: `\xHH` for bytes, `\\` for a backslash. */
export function unescapeTsv(s: string): string {
  if (!s.includes('\\')) return s;
  const bytes: number[] = [];
  let out = '';
  const flush = () => {
    if (bytes.length) out += showBytes(bytes.splice(0));
  };
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\' && s[i + 1] === 'x' && /^[0-9a-fA-F]{2}$/.test(s.slice(i + 2, i + 4))) {
      bytes.push(parseInt(s.slice(i + 2, i + 4), 16));
      i += 3;
      continue;
    }
    flush();
    if (c === '\\' && s[i + 1] === '\\') i++;
    out += c;
  }
  flush();
  return out;
}

const ID_UNDERSCORE = /^id_(orig|resp)_(h|p)$/;

function roundDeep(v: unknown): unknown {
  if (typeof v === 'number') return round6(v);
  if (Array.isArray(v)) return v.map(roundDeep);
  return v;
}

/** A Zeek JSON object in the common shape; `path` fills `_path` when the record has none. */
export function normalizeZeekJson(obj: ZeekRecord, path: string): ZeekRecord {
  const out: ZeekRecord = { _path: obj._path ?? path };
  for (const [k0, v] of Object.entries(obj)) {
    if (v === null || k0 === '_path') continue;
    const k = k0.replace(ID_UNDERSCORE, 'id.$1_$2');
    out[k] = k === 'ts' && typeof v === 'number' ? epochToIso(v) ?? v : roundDeep(v);
  }
  return out;
}

/** The log type from a file name: `dns.log`, `dns.json.gz`, `dns.2024-04-12-19-29-12.log.gz` → `dns`. */
export function zeekPathFromName(sourceName: string): string {
  const base = sourceName.split(/[\\/]/).pop() ?? '';
  const stem = base.split('.')[0];
  return /^[A-Za-z0-9_-]+$/.test(stem) ? stem : 'unknown';
}
