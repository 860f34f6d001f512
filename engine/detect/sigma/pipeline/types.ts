/**
 * Processing pipelines (stage 2 of 3): field mappings and logsource filters as
 * data. A pipeline file (`pipelines/*.yml`) says, for the rules it applies to,
 * where each Sigma field lives in our `events` table and which events a
 * logsource means. See `pipelines/README.md` for the file format.
 */
import type { Logsource } from '../rule/types';

/** One place a field's value may be found; candidates are coalesced in order. */
export type Candidate =
  /** An ECS core column of `events` (cast to text when not VARCHAR). */
  | { readonly column: string }
  /** A JSON path into `raw`, e.g. `$.Event.EventData.Image`. */
  | { readonly json: string }
  /** A JSON path with a wildcard (`$.Event.UserData.*.Operation`): the first hit. */
  | { readonly jsonAny: string }
  /** A trusted SQL expression from a pipeline file (never from a rule). */
  | { readonly sql: string };

/** A field as the backend sees it: a stable key and where to read it. */
export interface FieldTarget {
  /** Sigma field name as written in the rule (after taxonomy mapping). */
  readonly name: string;
  readonly candidates: readonly Candidate[];
}

/** Scope condition: every field must equal one of its values (case-insensitive); '*' means present. */
export type ScopeTerm = ReadonlyArray<{ readonly field: FieldTarget; readonly values: readonly string[] }>;

/** Alternatives (OR) of conjunctions; empty list = every event. */
export interface Scope {
  readonly alternatives: readonly ScopeTerm[];
  /** Human/grouping key: rules with the same key share a scan. */
  readonly key: string;
}

export interface LogsourceEntry {
  readonly match: Logsource;
  /** Alternatives; each maps a field to accepted values. */
  readonly when: ReadonlyArray<Readonly<Record<string, readonly string[]>>>;
  readonly fields: Readonly<Record<string, readonly Candidate[]>>;
  /** Also look into `Event.UserData.*.<field>` for unknown fields (Windows channels that log UserData). */
  readonly userData?: boolean;
}

export interface Pipeline {
  readonly name: string;
  /** Higher wins when several pipelines apply. */
  readonly priority: number;
  /** Rules whose logsource matches this apply the pipeline (empty = generic, applies to all). */
  readonly applies: Logsource;
  readonly when: ReadonlyArray<Readonly<Record<string, readonly string[]>>>;
  readonly fields: Readonly<Record<string, readonly Candidate[]>>;
  /** Templates with `{field}` for fields nobody mapped. */
  readonly fallback: readonly Candidate[];
  readonly logsources: readonly LogsourceEntry[];
  /** What to do with a logsource this pipeline has no entry for: refuse it, or filter nothing more. */
  readonly unknownLogsource: 'refuse' | 'product-only';
}
