/**
 * Typed Sigma errors. Every error knows where it came from (file, line,
 * column) and which class of problem it is, so that a rules-folder check can
 * group refusals ("12 rules use the near operator") instead of listing noise.
 */

export interface SourceLoc {
  readonly path: string;
  readonly line: number;
  readonly col: number;
}

/** Classes of refusal; `checkRules` groups by these. */
export type SigmaErrorClass =
  | 'yaml' // not parseable YAML, duplicate keys
  | 'schema' // a required section is missing or has the wrong shape
  | 'condition' // condition grammar, unknown identifiers
  | 'modifier' // unknown modifier or a combination that makes no sense
  | 'value' // a value the modifiers cannot apply to
  | 'regex' // a regular expression outside the Sigma flavour (lookaround, backrefs)
  | 'placeholder' // |expand without placeholder values
  | 'field' // a field name that cannot be addressed safely
  | 'logsource' // logsource with no mapping and no fallback
  | 'correlation' // correlation rule problems (unknown rule reference, bad timespan)
  | 'filter' // filter rule problems
  | 'collection' // multi-document files: actions and collections
  | 'unsupported'; // Sigma v1 syntax we refuse on purpose (aggregations, near)

export class SigmaError extends Error {
  constructor(
    readonly errorClass: SigmaErrorClass,
    message: string,
    readonly loc: SourceLoc,
    /** Id (or title) of the rule being compiled, when known. */
    public ruleRef?: string,
  ) {
    super(message);
    this.name = 'SigmaError';
  }

  /** "path:line:col: message" as compilers print it. */
  override toString(): string {
    return `${this.loc.path}:${this.loc.line}:${this.loc.col}: ${this.errorClass}: ${this.message}`;
  }
}

/** Wraps a foreign exception with the rule it happened in. */
export function wrapForeign(e: unknown, loc: SourceLoc, what: string): SigmaError {
  if (e instanceof SigmaError) return e;
  const msg = e instanceof Error ? e.message : String(e);
  return new SigmaError('schema', `${what}: ${msg}`, loc);
}
