/**
 * The explorer's search box (Datadog style), compiled to a SQL predicate over
 * `events` with bound parameters. Suppressions and every view's filter use it.
 *
 *   word  "quoted phrase"       free text: whole words of the message or the raw record (keys too), any case;
 *                               a phrase is its words in a row, whatever separates them (so `web-10` and
 *                               `185.220.101.47` are phrases); `*` and `?` inside a word (`user1*`,
 *                               `*admin*`); a word is letters, digits, `_` and non-ASCII characters
 *                               (rules in search/search-words.ts; a term with no word character is a substring)
 *   field:value                 a core column (`host.name:web-01`, `@user.name:root`) or a raw field
 *                               (`@sshd.method:password`, looked up in `raw` by a bound JSON path)
 *   host: service: source: status:   reserved attributes (mapping in search/search-fields.ts)
 *   field:web*  field:w?b-01    wildcards (`*` any run, `?` one character); `\*` is a literal star
 *   field:*   _exists_:field    the field is present
 *   field:[1000 TO 2000]        inclusive range ({…} exclusive, * open); numbers, times or text
 *   field:>1024  >=  <  <=      comparisons; times are ISO UTC or now-15m / now-2h / now-1d
 *   @source.ip:10.0.0.0/8       CIDR, IPv4 or IPv6 (no inet extension needed)
 *   field:(a OR b)              a group for one field
 *   -term  NOT term             exclusion (events without the field count as not matching, so they stay)
 *   a b  a AND b  a OR b  ( )   juxtaposition is AND; NOT binds tightest, then AND, then OR
 * Field values match whole values, case-insensitively. Values with a colon
 * outside a field value (`fe80::1` as free text) need quotes.
 *
 * A search of one term (a word or phrase, a raw field's value, an IPv4 /8 or
 * /16 of source.ip or destination.ip) is answered from the search index when
 * the case has one (search/search-index-build.ts), with the same results.
 */
import type { SqlParam } from '../sql/port';
import { SearchSyntaxError, type SearchNode } from './search/search-ast';
import { compileNode } from './search/search-compile';
import { parseSearch } from './search/search-parser';

export interface Predicate {
  where: string;
  params: SqlParam[];
}

export { parseSearch, SearchSyntaxError, type SearchNode };

/** Compiles a search; throws SearchSyntaxError (with the column) when it cannot be read. */
export function compileSearch(search: string | undefined | null, now = Date.now()): Predicate {
  if (!search || !search.trim()) return { where: 'TRUE', params: [] };
  const f = compileNode(parseSearch(search), now);
  return { where: f.sql, params: f.params };
}
