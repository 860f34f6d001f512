/**
 * Free text is matched by words, as Datadog does. A word is a run of word
 * characters: ASCII letters, digits, `_`, and every non-ASCII character;
 * anything else (spaces, punctuation, the quotes and colons of the raw JSON)
 * separates words. So `user17` finds the word user17 in the message or the
 * raw record, not user170; a phrase (`"failed password"`, `web-10`,
 * `185.220.101.47`) finds its words one right after another, whatever
 * separates them; in a word, `*` stands for any run of word characters and
 * `?` for one (`adm?n`, `user1*`, `*admin*` inside longer words). Letters
 * match in any case (RE2's case folding). A term with no word character at
 * all (`"->"`) is a plain substring search.
 *
 * The same definition drives the scan (an RE2 pattern, below) and the search
 * index (engine/views/search/search-index-build.ts splits texts into the same
 * words), which is what makes the index's answers exact.
 */
import type { SearchValue } from './search-ast';
import { likeEscape } from './search-parser';

/** Word characters, as an RE2 class body (codepoints 0x80 and up are all word characters). */
export const WORD_CHARS = '0-9A-Za-z_\\x{80}-\\x{10FFFF}';
const W = `[${WORD_CHARS}]`;
const N = `[^${WORD_CHARS}]`;

const isWordChar = (c: string): boolean => /[0-9A-Za-z_]/.test(c) || c.charCodeAt(0) >= 0x80;

/** One character of a query word: a literal, `*` (any run of word characters) or `?` (one). */
export type WordPart = string | { wild: 'any' | 'one' };
export type QueryWord = readonly WordPart[];

type TextValue = SearchValue & { kind: 'text' };

/**
 * The words of a free-text value, in order. Wildcards are read from the
 * parser's LIKE pattern (`%`, `_`; a literal `%`, `_` or `\` is escaped), so
 * an escaped `\*` stays a literal star, which is a separator.
 */
export function queryWords(v: TextValue): QueryWord[] {
  const chars: WordPart[] = [];
  const p = v.wildcard ? v.pattern! : likeEscape(v.text);
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '\\' && i + 1 < p.length) chars.push(p[++i]);
    else if (c === '%') chars.push({ wild: 'any' });
    else if (c === '_') chars.push({ wild: 'one' });
    else chars.push(c);
  }
  const words: WordPart[][] = [];
  let cur: WordPart[] = [];
  for (const c of chars) {
    if (typeof c !== 'string' || isWordChar(c)) cur.push(c);
    else if (cur.length) {
      words.push(cur);
      cur = [];
    }
  }
  if (cur.length) words.push(cur);
  return words;
}

/** The word as text when it has no wildcard, else null. */
export function literalWord(w: QueryWord): string | null {
  return w.every((c) => typeof c === 'string') ? (w as string[]).join('') : null;
}

/** The word as an RE2 pattern body (word characters need no escaping). */
export function wordRegex(w: QueryWord): string {
  return w.map((c) => (typeof c === 'string' ? c : c.wild === 'any' ? `${W}*` : W)).join('');
}

/** The word as a LIKE pattern with `\` escapes, letters lower-cased (for lower-cased ASCII index keys). */
export function wordLike(w: QueryWord): string {
  return w.map((c) => (typeof c === 'string' ? likeEscape(c.toLowerCase()) : c.wild === 'any' ? '%' : '_')).join('');
}

/** A LIKE pattern as an RE2 search: `%` → `.*`, `_` → `.`, everything else literal. */
export function likeToRegex(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\' && i + 1 < pattern.length) out += pattern[++i].replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    else if (c === '%') out += '.*';
    else if (c === '_') out += '.';
    else out += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return out;
}

/** The longest run of literal characters in any word: every match contains it (a cheap first test). */
function longestLiteral(words: readonly QueryWord[]): string {
  let best = '';
  for (const w of words) {
    let run = '';
    for (const c of [...w, { wild: 'any' as const }]) {
      if (typeof c === 'string') run += c;
      else {
        if (run.length > best.length) best = run;
        run = '';
      }
    }
  }
  return best;
}

/**
 * RE2 patterns for a free-text value: `test` must match somewhere in a text
 * (message or raw) for the value to match it; `first`, when present, is a
 * plain case-insensitive literal that every match contains, checked first
 * because RE2 finds a literal several times faster than the word pattern.
 */
export function freeTextPatterns(v: TextValue): { first: string | null; test: string } {
  const words = queryWords(v);
  if (words.length === 0) return { first: null, test: '(?is)' + likeToRegex(v.pattern ?? likeEscape(v.text)) };
  const test = `(?i)(?:^|${N})${words.map(wordRegex).join(`${N}+`)}(?:${N}|$)`;
  const lit = longestLiteral(words);
  return { first: lit ? '(?i)' + lit : null, test };
}
