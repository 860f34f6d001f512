/**
 * Reads a user's field mapping (YAML) for generic CSV/TSV and JSON sources
 * into a `FieldMapping`, checking everything up front so that a typo fails
 * once, with its file and line, instead of rejecting every record. The format
 * (also in `MAPPING.md`):
 *
 *   dataset: acme.firewall          # event.dataset (default: csv / json)
 *   time:
 *     field: Date                   # the time column (default: a column named time, timestamp, date…)
 *     format: "%d/%m/%Y %H:%M:%S"   # iso (default) | epoch_s | epoch_ms | epoch_us | a %-pattern
 *     zone: Europe/Paris            # for times without an offset: UTC (default) | +02:00 | IANA name
 *   fields:                         # ECS core column: source field (dotted path into nested JSON)
 *     source.ip: SrcIP
 *     user.name: Account
 *   auto: true                      # also map ECS-named and alias columns (default true)
 */
import { LineCounter, isMap, isScalar, parseDocument, type Node, type Pair } from 'yaml';
import { CORE_COLUMNS } from '../schema/ecs';
import { checkZone, timeReader } from './formats/time-pattern';
import type { FieldMapping } from './mapping';

export interface MappingFileError {
  file: string;
  line: number;
  col: number;
  message: string;
}

/** Core columns a mapping may fill: not the ones Vestige computes, and time goes under `time:`. */
export const MAPPABLE = CORE_COLUMNS.map((c) => c.name as string).filter((n) => !n.startsWith('vestige.') && n !== 'event.id' && n !== 'raw' && n !== '@timestamp');

const TOP = ['dataset', 'time', 'fields', 'auto'];
const TIME = ['field', 'format', 'zone'];

export function parseMappingFile(text: string, file: string): { mapping: FieldMapping | null; errors: MappingFileError[] } {
  const lc = new LineCounter();
  const errors: MappingFileError[] = [];
  const at = (node: Node | Pair | null | undefined, message: string) => {
    const range = node && 'range' in node ? node.range : node && 'key' in node && isScalar(node.key) ? node.key.range : null;
    const p = lc.linePos(range?.[0] ?? 0);
    errors.push({ file, line: p.line, col: p.col, message });
  };
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true, prettyErrors: false });
  for (const e of doc.errors) {
    const p = lc.linePos(e.pos[0]);
    errors.push({ file, line: p.line, col: p.col, message: e.message.split('\n')[0] });
  }
  if (errors.length) return { mapping: null, errors };
  const root = doc.contents;
  if (!isMap(root)) {
    at(root, 'a mapping file must be a YAML mapping (dataset:, time:, fields:, auto:)');
    return { mapping: null, errors };
  }
  const mapping: FieldMapping = { fields: {} };
  const text1 = (node: unknown, what: string): string | null => {
    if (isScalar(node) && typeof node.value === 'string' && node.value.trim() !== '') return node.value;
    if (isScalar(node) && typeof node.value === 'number') return String(node.value);
    at(node as Node, `${what} must be a non-empty text`);
    return null;
  };
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (!TOP.includes(key)) {
      at(pair.key as Node, `unknown key "${key}" (expected ${TOP.join(', ')})`);
      continue;
    }
    const v = pair.value as Node | null;
    if (key === 'dataset') mapping.dataset = text1(v, 'dataset') ?? undefined;
    else if (key === 'auto') {
      if (isScalar(v) && typeof v.value === 'boolean') mapping.autoMap = v.value;
      else at(v, 'auto must be true or false');
    } else if (key === 'fields') {
      if (!isMap(v)) {
        at(v ?? pair.key as Node, 'fields must map ECS columns to source fields, e.g. "source.ip: SrcIP"');
        continue;
      }
      for (const f of v.items) {
        const col = isScalar(f.key) ? String(f.key.value) : '';
        if (col === '@timestamp') at(f.key as Node, 'the time field goes under time: field:, not fields:');
        else if (!MAPPABLE.includes(col)) at(f.key as Node, `"${col}" is not an ECS core column (${MAPPABLE.slice(0, 6).join(', ')}, …)`);
        else {
          const src = text1(f.value, `the source field for ${col}`);
          if (src) mapping.fields[col] = src;
        }
      }
    } else if (key === 'time') {
      if (!isMap(v)) {
        at(v ?? pair.key as Node, 'time must be a mapping with field:, format:, zone:');
        continue;
      }
      for (const t of v.items) {
        const tk = isScalar(t.key) ? String(t.key.value) : '';
        if (!TIME.includes(tk)) {
          at(t.key as Node, `unknown key "time.${tk}" (expected ${TIME.join(', ')})`);
          continue;
        }
        const val = text1(t.value, `time.${tk}`);
        if (val === null) continue;
        try {
          if (tk === 'field') mapping.fields['@timestamp'] = val;
          else if (tk === 'format') {
            timeReader(val); // throws on an unknown format or directive
            mapping.timeFormat = val;
          } else {
            checkZone(val);
            mapping.timeZone = val;
          }
        } catch (e) {
          at(t.value as Node, (e as Error).message);
        }
      }
    }
  }
  return errors.length ? { mapping: null, errors } : { mapping, errors };
}

/** `file:line:col: message`, one per line, for the CLI and the import dialog. */
export function formatMappingErrors(errors: readonly MappingFileError[]): string {
  return errors.map((e) => `${e.file}:${e.line}:${e.col}: ${e.message}`).join('\n');
}
