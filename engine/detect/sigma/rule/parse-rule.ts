/**
 * One Sigma YAML document → a typed rule, correlation or filter.
 * How to add a document type: detect it in `parseDocument` by its top-level
 * section, add its interface in `types.ts`, and teach `compile.ts` what to do
 * with it.
 */
import { SigmaError, type SourceLoc } from './errors';
import { parseDetections } from './detection';
import type { ModifierOptions } from './modifiers';
import type { CorrelationRule, CorrelationType, CountOp, FilterRule, Logsource, ParsedDocument, RuleMeta, SigmaRule } from './types';
import { get, str, strList, type YNode } from './ynode';

const CORRELATION_TYPES: readonly CorrelationType[] = ['event_count', 'value_count', 'temporal', 'temporal_ordered', 'value_sum', 'value_avg', 'value_percentile'];
const COUNT_OPS: readonly CountOp[] = ['gt', 'gte', 'lt', 'lte', 'eq', 'neq'];

export function parseDocument(node: YNode, loc: SourceLoc, opts: ModifierOptions): ParsedDocument {
  const meta = parseMeta(node, loc);
  if (get(node, 'correlation')) return parseCorrelation(node, meta);
  if (get(node, 'filter')) return parseFilter(node, meta, opts);
  const detection = get(node, 'detection');
  if (!detection) throw new SigmaError('schema', 'no detection, correlation or filter section', loc, meta.id);
  const logsource = parseLogsource(node, loc);
  const { detections, condition } = parseDetections(detection, ['condition', 'timeframe'], get(detection, 'condition'), opts);
  const rule: SigmaRule = { ...meta, type: 'rule', logsource, detections, condition, taxonomy: str(get(node, 'taxonomy')) ?? 'sigma' };
  return rule;
}

function parseMeta(node: YNode, loc: SourceLoc): RuleMeta {
  const title = str(get(node, 'title'));
  const id = str(get(node, 'id'));
  if (!title) throw new SigmaError('schema', 'missing title', loc, id);
  return {
    id: id ?? `${loc.path}#${loc.line}`,
    name: str(get(node, 'name')),
    title,
    level: str(get(node, 'level')) ?? '',
    status: str(get(node, 'status')) ?? '',
    description: str(get(node, 'description')) ?? '',
    tags: strList(get(node, 'tags')),
    falsepositives: strList(get(node, 'falsepositives')),
    path: loc.path,
    line: loc.line,
  };
}

function parseLogsource(node: YNode, loc: SourceLoc): Logsource {
  const ls = get(node, 'logsource');
  if (!ls || ls.kind !== 'map') throw new SigmaError('schema', 'missing logsource', loc);
  const product = str(get(ls, 'product'))?.toLowerCase();
  const category = str(get(ls, 'category'))?.toLowerCase();
  const service = str(get(ls, 'service'))?.toLowerCase();
  if (!product && !category && !service) throw new SigmaError('schema', 'logsource needs product, category or service', ls.loc);
  return { ...(product ? { product } : {}), ...(category ? { category } : {}), ...(service ? { service } : {}) };
}

/** `30s`, `5m`, `1h`, `7d` (and `1w`, `1M`, `1y` as some tools write them). */
export function parseTimespan(text: string): number | null {
  const m = /^(\d+)\s*([smhdwMy])$/.exec(text.trim());
  if (!m) return null;
  const unit: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800, M: 2592000, y: 31536000 };
  return Number(m[1]) * unit[m[2]];
}

function parseCorrelation(node: YNode, meta: RuleMeta): CorrelationRule {
  const c = get(node, 'correlation')!;
  const fail = (msg: string, at: SourceLoc = c.loc) => new SigmaError('correlation', msg, at, meta.id);
  const type = str(get(c, 'type')) as CorrelationType | undefined;
  if (!type || !CORRELATION_TYPES.includes(type)) throw fail(`unknown correlation type '${type ?? ''}'`);
  const rules = strList(get(c, 'rules'));
  if (rules.length === 0) throw fail('correlation needs rules');
  const span = str(get(c, 'timespan')) ?? str(get(c, 'timeframe'));
  const timespanSeconds = span ? parseTimespan(span) : null;
  if (timespanSeconds === null) throw fail(`timespan '${span ?? ''}' is not like 30s, 5m, 1h or 1d`);
  const condNode = get(c, 'condition');
  const condition: { op: CountOp; value: number }[] = [];
  let field: string | undefined;
  if (condNode?.kind === 'map') {
    for (const e of condNode.entries) {
      if (e.key === 'field') {
        field = strList(e.value)[0];
        continue;
      }
      if (!COUNT_OPS.includes(e.key as CountOp)) throw fail(`unknown condition operator '${e.key}'`, e.keyLoc);
      const v = Number(str(e.value));
      if (!Number.isFinite(v)) throw fail(`condition ${e.key} needs a number`, e.value.loc);
      condition.push({ op: e.key as CountOp, value: v });
    }
  } else if (condNode) throw fail('condition must be a mapping like {gte: 10}', condNode.loc);
  if (condition.length === 0 && type !== 'temporal' && type !== 'temporal_ordered') throw fail(`${type} needs a condition`);
  if (!field && ['value_count', 'value_sum', 'value_avg', 'value_percentile'].includes(type)) throw fail(`${type} needs condition.field`);
  const aliases = new Map<string, Map<string, string>>();
  const aliasNode = get(c, 'aliases');
  if (aliasNode?.kind === 'map') {
    for (const a of aliasNode.entries) {
      const m = new Map<string, string>();
      if (a.value.kind === 'map') for (const r of a.value.entries) m.set(r.key, str(r.value) ?? '');
      aliases.set(a.key, m);
    }
  }
  const gen = get(c, 'generate') ?? get(node, 'generate');
  return {
    ...meta,
    type: 'correlation',
    correlationType: type,
    rules,
    groupBy: strList(get(c, 'group-by')),
    timespanSeconds,
    condition,
    field,
    aliases,
    generate: gen?.kind === 'scalar' && gen.value === true,
  };
}

function parseFilter(node: YNode, meta: RuleMeta, opts: ModifierOptions): FilterRule {
  const f = get(node, 'filter')!;
  if (f.kind !== 'map') throw new SigmaError('filter', 'filter must be a mapping', f.loc, meta.id);
  const logsource = parseLogsource(node, f.loc);
  const rulesNode = get(f, 'rules');
  const rules = rulesNode ? strList(rulesNode) : ['any'];
  const { detections, condition } = parseDetections(f, ['rules', 'condition'], get(f, 'condition'), opts);
  return { ...meta, type: 'filter', logsource, rules, detections, condition };
}
