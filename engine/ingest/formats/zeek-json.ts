/**
 * Zeek logs written as JSON lines (Zeek's `LogAscii::use_json`, the
 * json-streaming-logs package with `_path`/`_write_ts`, or pipelines that
 * rename `id.orig_h` to `id_orig_h`). Claimed ahead of generic JSON lines when
 * the objects carry Zeek's signature: `ts` with `uid` or the connection id, or
 * json-streaming's `_path`. The log type comes from `_path`, else from the
 * file name (`dns.json.gz` → zeek.dns).
 */
import { parseObjectLine } from '../json-line';
import { perLine, type LineFormat } from '../format';
import { parseIsoTime } from '../time';
import { normalizeZeekJson, zeekPathFromName, type ZeekRecord } from './zeek-normalize';
import { zeekRow } from './zeek-row';

function looksZeek(o: ZeekRecord): boolean {
  const conn = 'uid' in o || 'id.orig_h' in o || 'id_orig_h' in o;
  return ('ts' in o && conn) || (typeof o._path === 'string' && ('_write_ts' in o || 'ts' in o));
}

const ISO_MICROS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

export const zeekJsonFormat: LineFormat = {
  kind: 'line',
  name: 'zeek-json',
  sniff(lines) {
    const sample = lines.filter((l) => l.trim() !== '').slice(0, 5);
    if (sample.length === 0) return 0;
    let ok = 0;
    for (const l of sample) {
      try {
        const o: unknown = JSON.parse(l);
        if (o !== null && typeof o === 'object' && !Array.isArray(o) && looksZeek(o as ZeekRecord)) ok++;
      } catch {
        /* not JSON: counted as a miss */
      }
    }
    // Above generic JSON lines (0.9), which would also accept these lines.
    return ok / sample.length >= 0.6 ? 0.95 : 0;
  },
  create(ctx) {
    const fallbackPath = zeekPathFromName(ctx.sourceName);
    return perLine((text) => {
      const parsed = parseObjectLine(text);
      if (parsed === null || 'reject' in parsed) return parsed;
      const rec = normalizeZeekJson(parsed.obj as ZeekRecord, fallbackPath);
      if (typeof rec.ts === 'string' && !ISO_MICROS.test(rec.ts)) {
        // Other ISO spellings (fewer digits, an offset) become the common form.
        const p = parseIsoTime(rec.ts);
        if (!p) return { reject: `unreadable ts: ${rec.ts.slice(0, 40)}` };
        const frac = /[.,](\d+)/.exec(rec.ts)?.[1] ?? '';
        rec.ts = p.utc.slice(0, 19) + '.' + frac.padEnd(6, '0').slice(0, 6) + 'Z';
      }
      return zeekRow(rec, String(rec._path));
    });
  },
};
