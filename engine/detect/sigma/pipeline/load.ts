/**
 * Reads a pipeline file (YAML, see pipelines/README.md) into a `Pipeline`.
 * Pipelines are our own data, but they are still checked: a typo in a
 * candidate kind should fail loudly at load, not compile to NULL.
 */
import { parse } from 'yaml';
import type { Candidate, LogsourceEntry, Pipeline } from './types';
import type { Logsource } from '../rule/types';

export class PipelineError extends Error {
  constructor(message: string, readonly pipeline: string) {
    super(`pipeline ${pipeline}: ${message}`);
    this.name = 'PipelineError';
  }
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export function loadPipeline(text: string, source: string): Pipeline {
  const doc: unknown = parse(text);
  if (!isObj(doc)) throw new PipelineError('not a mapping', source);
  const name = typeof doc.name === 'string' ? doc.name : source;
  const fail = (msg: string) => new PipelineError(msg, name);
  const candidates = (v: unknown, where: string): Candidate[] => {
    if (!Array.isArray(v)) throw fail(`${where}: expected a list of candidates`);
    return v.map((c) => {
      if (!isObj(c)) throw fail(`${where}: candidate must be a mapping`);
      const [k, ...rest] = Object.keys(c);
      if (rest.length > 0 || typeof c[k] !== 'string') throw fail(`${where}: candidate must have exactly one of column, json, jsonAny, sql`);
      if (k === 'column') return { column: c[k] as string };
      if (k === 'json') return { json: c[k] as string };
      if (k === 'jsonAny') return { jsonAny: c[k] as string };
      if (k === 'sql') return { sql: c[k] as string };
      throw fail(`${where}: unknown candidate kind '${k}'`);
    });
  };
  const fieldMap = (v: unknown, where: string): Record<string, Candidate[]> => {
    if (v === undefined || v === null) return {};
    if (!isObj(v)) throw fail(`${where}: expected a mapping of field → candidates`);
    const out: Record<string, Candidate[]> = {};
    for (const [f, c] of Object.entries(v)) out[f] = candidates(c, `${where}.${f}`);
    return out;
  };
  const whenList = (v: unknown, where: string): Record<string, string[]>[] => {
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) throw fail(`${where}: expected a list of alternatives`);
    return v.map((alt) => {
      if (!isObj(alt)) throw fail(`${where}: alternative must be a mapping`);
      const out: Record<string, string[]> = {};
      for (const [f, vals] of Object.entries(alt)) out[f] = (Array.isArray(vals) ? vals : [vals]).map(String);
      return out;
    });
  };
  const logsource = (v: unknown, where: string): Logsource => {
    if (v === undefined || v === null) return {};
    if (!isObj(v)) throw fail(`${where}: expected a mapping`);
    const pick = (k: string) => (typeof v[k] === 'string' ? { [k]: (v[k] as string).toLowerCase() } : {});
    return { ...pick('product'), ...pick('category'), ...pick('service') };
  };
  const entries: LogsourceEntry[] = (Array.isArray(doc.logsources) ? doc.logsources : []).map((e: unknown, i: number) => {
    if (!isObj(e)) throw fail(`logsources[${i}] must be a mapping`);
    return {
      match: logsource(e.match, `logsources[${i}].match`),
      when: whenList(e.when, `logsources[${i}].when`),
      fields: fieldMap(e.fields, `logsources[${i}].fields`),
      userData: e.userData === true,
    };
  });
  const unknown = doc.unknownLogsource ?? 'product-only';
  if (unknown !== 'refuse' && unknown !== 'product-only') throw fail(`unknownLogsource must be refuse or product-only`);
  return {
    name,
    priority: typeof doc.priority === 'number' ? doc.priority : 0,
    applies: logsource(doc.applies, 'applies'),
    when: whenList(doc.when, 'when'),
    fields: fieldMap(doc.fields, 'fields'),
    fallback: doc.fallback === undefined ? [] : candidates(doc.fallback, 'fallback'),
    logsources: entries,
    unknownLogsource: unknown,
  };
}
