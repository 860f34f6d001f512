/**
 * Public types of the Sigma compiler: what `compileSigma` produces and
 * `runRules` consumes. Plain data (no functions), so compiled rules can be
 * cached or sent to a worker.
 */
import type { SqlParam } from '../../sql/port';
import type { FieldTarget } from './pipeline/types';
import type { Pred } from './backend/ir';
import type { CorrelationType, CountOp, Logsource } from './rule/types';
import type { SigmaError, SigmaErrorClass } from './rule/errors';

export interface CompiledCorrelation {
  readonly type: CorrelationType;
  readonly timespanSeconds: number;
  readonly condition: readonly { readonly op: CountOp; readonly value: number }[];
  readonly groupBy: readonly string[];
  /** Ids of the referenced rules, in order (temporal_ordered). */
  readonly ruleIds: readonly string[];
  /** The query: one row per base-rule match with its group, window aggregate and hit flag. */
  readonly sql: string;
  readonly params: readonly SqlParam[];
}

export interface CompiledRule {
  readonly kind: 'detection' | 'correlation';
  readonly id: string;
  readonly name?: string;
  readonly title: string;
  readonly level: string;
  readonly status: string;
  readonly description: string;
  readonly tags: readonly string[];
  readonly falsepositives: readonly string[];
  readonly logsource: Logsource;
  readonly path: string;
  readonly line: number;
  /** Detection: the WHERE predicate over `events` (logsource scope AND detection), parameters in order. */
  readonly sql: string;
  readonly params: readonly SqlParam[];
  /** Fields the predicates read; `scope` and `pred` refer to them by index. */
  readonly fields: readonly FieldTarget[];
  /** Rules with the same scope key share one scan in `runRules`. */
  readonly scope: { readonly key: string; readonly pred: Pred };
  readonly pred: Pred;
  /** False for a correlation's base rules (unless the correlation says `generate: true`). */
  readonly standalone: boolean;
  readonly correlation?: CompiledCorrelation;
}

export interface CompileOptions {
  /** Values for `%placeholder%` names used with `|expand`. */
  placeholders?: Readonly<Record<string, readonly string[]>>;
  /** Pipelines to use instead of the built-in ones. */
  pipelines?: readonly import('./pipeline/types').Pipeline[];
}

export interface CompileResult {
  rules: CompiledRule[];
  errors: SigmaError[];
}

export type RuleStatus =
  | { status: 'compiled'; id: string; title: string; path: string; line: number }
  | { status: 'refused'; id?: string; title?: string; path: string; line: number; col: number; errorClass: SigmaErrorClass; reason: string };

export interface RuleMatch {
  ruleId: string;
  groupKey: string;
  eventIds: number[];
  firstTime: string | null;
  lastTime: string | null;
}
