/**
 * Which index terms stand for a search (search-index-build.ts says what the
 * index holds). Only a search of one term is planned: a free-text word or
 * phrase, a raw field's value, an IPv4 /8 or /16 block of source.ip or
 * destination.ip; anything else is scanned. The decisions mirror
 * search-compile.ts, and search-index.test.ts holds every planned search to
 * the scan's answers.
 */
import { SearchSyntaxError, type SearchTerm } from './search-ast';
import { cidr4Prefix } from './search-compile';
import { resolveField } from './search-fields';
import { parseSearch } from './search-parser';
import { asCidr } from './search-values';
import { queryWords, type QueryWord } from './search-words';
import { fieldTerm, MAX_VALUE_BYTES, PREFIX_COLUMNS, prefixTerm } from './search-index-build';

/** One part of a search: a given term, or the word-index keys a query word matches. */
export type PlanPart = { kind: 'term'; term: string } | { kind: 'word'; word: QueryWord };

export interface IndexPlan {
  /** A block can hold a match only if it has a term of every part. */
  parts: PlanPart[];
  /** An event matches exactly when it has one of the (single) part's terms. */
  exact: boolean;
  /** A raw field: only sources that indexed it are covered. */
  field: string | null;
}

const utf8Bytes = (s: string) => new TextEncoder().encode(s).length;

export function planSearch(search: string | null | undefined): IndexPlan | null {
  if (!search?.trim()) return null;
  let node;
  try {
    node = parseSearch(search);
  } catch (e) {
    if (e instanceof SearchSyntaxError) return null;
    throw e;
  }
  return node.type === 'term' ? planTerm(node) : null;
}

function planTerm(t: SearchTerm): IndexPlan | null {
  const v = t.value;
  if (v.kind !== 'text') return null;
  if (t.field === null) {
    const words = queryWords(v);
    // A word of wildcards only would match every key: no help.
    const parts = words.filter((w) => w.some((c) => typeof c === 'string')).map((word): PlanPart => ({ kind: 'word', word }));
    if (parts.length === 0) return null;
    return { parts, exact: words.length === 1 && parts.length === 1, field: null };
  }
  let ref;
  try {
    ref = resolveField(t.field, t.start);
  } catch (e) {
    if (e instanceof SearchSyntaxError) return null;
    throw e;
  }
  const cidr = v.quoted ? null : asCidr(v.text);
  if (ref.kind === 'raw' && !cidr && !v.wildcard) {
    const value = v.text.toLowerCase();
    if (utf8Bytes(value) > MAX_VALUE_BYTES) return null;
    return { parts: [{ kind: 'term', term: fieldTerm(ref.name, value) }], exact: true, field: ref.name };
  }
  if (ref.kind === 'column' && PREFIX_COLUMNS.includes(ref.name) && cidr?.version === 4) {
    const { bits, prefix } = cidr4Prefix(cidr);
    if (bits === 8 || bits === 16) return { parts: [{ kind: 'term', term: prefixTerm(ref.name, prefix) }], exact: true, field: null };
  }
  return null;
}
