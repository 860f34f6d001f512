/**
 * The DuckDB dialect as a table of templates (pySigma's TextQueryBackend
 * tokens). `{f}` is the field expression, `{lf}` the lower-cased field,
 * `{g}`/`{lg}` a second field (fieldref), `?` a bound parameter. Every value
 * from a rule is a parameter; templates only hold our own constants.
 *
 * How to add a dialect: copy this table, change the templates, and pass it to
 * `convertRule` through the ConversionState.
 */
export interface Dialect {
  readonly and: string;
  readonly or: string;
  /** NULL (a missing field) must count as "no match" before negation. */
  readonly not: string;
  readonly true: string;
  readonly false: string;
  readonly eq: string;
  readonly like: string;
  readonly contains: string;
  readonly startswith: string;
  readonly endswith: string;
  readonly isNull: string;
  readonly notNull: string;
  readonly regex: string;
  readonly cmp: Readonly<Record<'lt' | 'lte' | 'gt' | 'gte', string>>;
  readonly timePart: string;
  readonly cidr4: string;
  readonly cidr6: string;
  /** Field-to-field comparisons (fieldref). */
  readonly refEq: string;
  readonly refContains: string;
  readonly refStartswith: string;
  readonly refEndswith: string;
  readonly lower: string;
  readonly coalesce: string;
  readonly column: string;
  readonly castText: string;
  readonly json: string;
  readonly jsonAny: string;
  /** The whole record as text, for keyword search. */
  readonly rawText: string;
  readonly likeEscape: string;
  /**
   * Sub-expressions of the templates above that are costly and shared by many
   * leaves (the address arithmetic of every `cidr` value): the shared scan
   * computes each once per distinct value of a field instead of once per leaf.
   */
  readonly derived: readonly { readonly name: string; readonly tpl: string }[];
}

const IS_IPV4 = "regexp_full_match({f}, '[0-9]{1,3}(\\.[0-9]{1,3}){3}')";
const IS_IPV6 = "contains({lf}, ':') AND regexp_full_match({lf}, '[0-9a-f:]+')";
const IPV4_VALUE =
  "(TRY_CAST(split_part({f}, '.', 1) AS BIGINT) * 16777216 + TRY_CAST(split_part({f}, '.', 2) AS BIGINT) * 65536" +
  " + TRY_CAST(split_part({f}, '.', 3) AS BIGINT) * 256 + TRY_CAST(split_part({f}, '.', 4) AS BIGINT))";

// IPv6 text → 32 hex digits: split around '::', pad the gap with zero groups, pad each group to 4 digits.
const V6_HEAD = "(CASE WHEN split_part({lf}, '::', 1) = '' THEN CAST([] AS VARCHAR[]) ELSE string_split(split_part({lf}, '::', 1), ':') END)";
const V6_TAIL = "(CASE WHEN split_part({lf}, '::', 2) = '' THEN CAST([] AS VARCHAR[]) ELSE string_split(split_part({lf}, '::', 2), ':') END)";
const V6_GROUPS =
  `(CASE WHEN contains({lf}, '::') THEN list_concat(${V6_HEAD}, list_transform(range(8 - len(${V6_HEAD}) - len(${V6_TAIL})), lambda i: '0'), ${V6_TAIL})` +
  " ELSE string_split({lf}, ':') END)";
const IPV6_VALUE =
  `(CASE WHEN len(${V6_GROUPS}) = 8 AND list_bool_and(list_transform(${V6_GROUPS}, lambda g: length(g) BETWEEN 1 AND 4))` +
  ` THEN array_to_string(list_transform(${V6_GROUPS}, lambda g: lpad(g, 4, '0')), '') END)`;

export const DUCKDB: Dialect = {
  and: ' AND ',
  or: ' OR ',
  not: 'NOT coalesce({x}, false)',
  true: 'true',
  false: 'false',
  eq: '{f} = ?',
  like: "{f} LIKE ? ESCAPE '\\'",
  contains: 'contains({f}, ?)',
  startswith: 'starts_with({f}, ?)',
  endswith: 'ends_with({f}, ?)',
  isNull: '{f} IS NULL',
  notNull: '{f} IS NOT NULL',
  regex: 'regexp_matches({f}, ?)',
  cmp: {
    lt: 'TRY_CAST({f} AS DOUBLE) < ?',
    lte: 'TRY_CAST({f} AS DOUBLE) <= ?',
    gt: 'TRY_CAST({f} AS DOUBLE) > ?',
    gte: 'TRY_CAST({f} AS DOUBLE) >= ?',
  },
  timePart: "date_part('{part}', TRY_CAST({f} AS TIMESTAMP))",
  cidr4: `(${IS_IPV4} AND ${IPV4_VALUE} BETWEEN ? AND ?)`,
  cidr6: `(${IS_IPV6} AND ${IPV6_VALUE} BETWEEN ? AND ?)`,
  refEq: '{f} = {g}',
  refContains: 'contains({f}, {g})',
  refStartswith: 'starts_with({f}, {g})',
  refEndswith: 'ends_with({f}, {g})',
  lower: 'lower({x})',
  coalesce: 'coalesce({x})',
  column: '{x}',
  castText: 'CAST({x} AS VARCHAR)',
  json: "json_extract_string(raw, '{x}')",
  jsonAny: "json_extract_string(raw, '{x}')[1]",
  rawText: 'CAST(raw AS VARCHAR)',
  likeEscape: '\\',
  derived: [
    { name: 'is_ip4', tpl: IS_IPV4 },
    { name: 'ip4', tpl: IPV4_VALUE },
    { name: 'is_ip6', tpl: IS_IPV6 },
    { name: 'ip6', tpl: IPV6_VALUE },
  ],
};
