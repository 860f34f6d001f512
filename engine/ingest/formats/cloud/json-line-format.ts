/**
 * A JSON-lines format for one family of events (CloudTrail, Okta, …): the
 * family says whether an object is one of its events (`claim`) and how it maps
 * to ECS (`toEcs`); this gives the sniffer and the per-line parser.
 *
 * How to add one: write `claim` (0, or a score above generic jsonl's 0.9 when
 * the object's own keys say which service wrote it) and `toEcs`, then call
 * `jsonFamilyLineFormat`.
 */
import { parseObjectLine } from '../../json-line';
import { perLine, type LineFormat, type ParseResult } from '../../format';
import type { Obj } from './json-fields';

export interface JsonFamily {
  readonly name: string;
  /** 0 when the object is not this family's, else the sniff score (> 0.9, generic jsonl's score). */
  claim(obj: Obj): number;
  /** Maps one event; `raw` is the original record text, kept as the raw column. */
  toEcs(obj: Obj, raw: string): ParseResult;
}

export { parseObjectLine };

/** The family's score for the first lines: the first object decides; unreadable lines (a cut-off last line) are skipped. */
export function sniffJsonLines(lines: readonly string[], claim: (obj: Obj) => number): number {
  let tried = 0;
  for (const l of lines) {
    if (tried >= 5) break;
    const r = l.trim() === '' ? null : parseObjectLine(l);
    if (r === null) continue;
    tried++;
    if ('obj' in r) return claim(r.obj);
  }
  return 0;
}

export function jsonFamilyLineFormat(family: JsonFamily): LineFormat {
  return {
    kind: 'line',
    name: family.name,
    sniff: (lines) => sniffJsonLines(lines, family.claim),
    create: () =>
      perLine((text) => {
        const r = parseObjectLine(text);
        return r === null || 'reject' in r ? r : family.toEcs(r.obj, r.raw);
      }),
  };
}
