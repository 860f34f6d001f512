/**
 * The typed Sigma rule tree (stage 1 of 3: parse → pipeline → backend).
 * Modifiers are applied while parsing, as pySigma does, so that later stages
 * see typed match values (wildcard strings, regexes, CIDR ranges, comparisons)
 * rather than modifier names.
 */
import type { SourceLoc } from './errors';

/** A piece of a Sigma string: literal text or a wildcard. */
export type StrPart = string | { readonly wild: '*' | '?' };

export type TimePart = 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';
export type CmpOp = 'lt' | 'lte' | 'gt' | 'gte';

export type MatchValue =
  | { readonly t: 'str'; readonly parts: readonly StrPart[]; readonly cased: boolean }
  /** A YAML number: compared as its text (EventID 4624 matches 4624 and "4624"). */
  | { readonly t: 'num'; readonly value: number; readonly text: string }
  | { readonly t: 'bool'; readonly value: boolean }
  | { readonly t: 'null' }
  | { readonly t: 're'; readonly pattern: string; readonly flags: string }
  | { readonly t: 'cidr'; readonly version: 4 | 6; readonly lo: string; readonly hi: string; readonly text: string }
  | { readonly t: 'cmp'; readonly op: CmpOp; readonly value: number }
  | { readonly t: 'exists'; readonly value: boolean }
  | { readonly t: 'fieldref'; readonly field: string; readonly mode: 'eq' | 'contains' | 'startswith' | 'endswith'; readonly cased: boolean }
  /** Alternatives produced by one source value (windash, base64offset, placeholders): OR'ed. */
  | { readonly t: 'any'; readonly values: readonly MatchValue[] };

export interface DetectionItem {
  /** null for keyword (field-less) search. */
  readonly field: string | null;
  readonly values: readonly MatchValue[];
  /** `all` modifier: values are AND'ed instead of OR'ed. */
  readonly all: boolean;
  /** `neq`: the item is negated (a missing field counts as "different"). */
  readonly neq: boolean;
  /** Time modifier: compare a part of the field's date instead of the field. */
  readonly timePart?: TimePart;
  readonly loc: SourceLoc;
}

/** A search identifier's body: a map is AND of items, a list of maps is OR. */
export type Detection =
  | { readonly kind: 'and' | 'or'; readonly items: readonly Detection[]; readonly loc: SourceLoc }
  | { readonly kind: 'item'; readonly item: DetectionItem };

export type ConditionNode =
  | { readonly op: 'and' | 'or'; readonly args: readonly ConditionNode[] }
  | { readonly op: 'not'; readonly arg: ConditionNode }
  | { readonly op: 'ref'; readonly name: string };

export interface Logsource {
  readonly product?: string;
  readonly category?: string;
  readonly service?: string;
}

export interface RuleMeta {
  readonly id: string;
  readonly name?: string;
  readonly title: string;
  readonly level: string;
  readonly status: string;
  readonly description: string;
  readonly tags: readonly string[];
  readonly falsepositives: readonly string[];
  readonly path: string;
  readonly line: number;
}

export interface SigmaRule extends RuleMeta {
  readonly type: 'rule';
  readonly logsource: Logsource;
  readonly detections: ReadonlyMap<string, Detection>;
  readonly condition: ConditionNode;
  readonly taxonomy: string;
}

export type CorrelationType =
  | 'event_count'
  | 'value_count'
  | 'temporal'
  | 'temporal_ordered'
  | 'value_sum'
  | 'value_avg'
  | 'value_percentile';

export type CountOp = 'gt' | 'gte' | 'lt' | 'lte' | 'eq' | 'neq';

export interface CorrelationRule extends RuleMeta {
  readonly type: 'correlation';
  readonly correlationType: CorrelationType;
  /** Referenced rules by id or name, in the order given (temporal_ordered). */
  readonly rules: readonly string[];
  readonly groupBy: readonly string[];
  readonly timespanSeconds: number;
  /** Conjunction of comparisons; empty for temporal without condition (all rules). */
  readonly condition: readonly { readonly op: CountOp; readonly value: number }[];
  readonly field?: string;
  /** alias → (rule id or name → field) */
  readonly aliases: ReadonlyMap<string, ReadonlyMap<string, string>>;
  readonly generate: boolean;
}

export interface FilterRule extends RuleMeta {
  readonly type: 'filter';
  readonly logsource: Logsource;
  readonly rules: readonly string[];
  readonly detections: ReadonlyMap<string, Detection>;
  readonly condition: ConditionNode;
}

export type ParsedDocument = SigmaRule | CorrelationRule | FilterRule;
