/**
 * Sigma v2.1 → DuckDB SQL. Three stages as in pySigma: `rule/` (YAML → typed
 * tree), `pipeline/` + `pipelines/*.yml` (field mappings and logsource
 * filters as data), `backend/` (SQL with bound parameters). `runRules`
 * evaluates compiled rules in shared scans.
 */
export { compileSigma, compileBatch } from './compile';
export { checkRules, summarizeRefusals } from './check';
export { runRules, type RunOptions } from './run';
export type { CompiledRule, CompiledCorrelation, CompileOptions, CompileResult, RuleMatch, RuleStatus } from './types';
export { SigmaError, type SigmaErrorClass, type SourceLoc } from './rule/errors';
