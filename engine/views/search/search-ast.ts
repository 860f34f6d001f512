/** The parsed explorer search: a boolean tree of terms, each with its place in the text. */

export type SearchValue =
  /** A word or phrase; an unquoted word with `*` or `?` also has its LIKE `pattern`. */
  | { kind: 'text'; text: string; quoted: boolean; wildcard: boolean; pattern?: string }
  /** `field:*` or `_exists_:field`. */
  | { kind: 'exists' }
  /** `[a TO b]`, `{a TO b}`, `>a`, `<=b`; a missing bound is open. */
  | { kind: 'range'; lo: string | null; hi: string | null; loIncl: boolean; hiIncl: boolean };

export interface SearchTerm {
  type: 'term';
  /** As written (`@user.name`, `host`), or null for free text. */
  field: string | null;
  value: SearchValue;
  /** Offsets of the term in the search text, for error messages. */
  start: number;
  end: number;
}

export type SearchNode =
  | SearchTerm
  | { type: 'and'; items: SearchNode[] }
  | { type: 'or'; items: SearchNode[] }
  | { type: 'not'; item: SearchNode }
  /** An empty search, or a lone `*`. */
  | { type: 'all' };

/** A search the parser or compiler refused, with where (0-based offset) and how long. */
export class SearchSyntaxError extends Error {
  constructor(
    readonly reason: string,
    readonly position: number,
    readonly length = 1,
  ) {
    super(`search syntax error at column ${position + 1}: ${reason}`);
    this.name = 'SearchSyntaxError';
  }
}
