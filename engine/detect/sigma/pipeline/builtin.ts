/**
 * The built-in pipelines. Their source of truth is `pipelines/*.yml`;
 * `builtin-data.ts` embeds those files as text so that engine code stays free
 * of file access. `builtin-data.test.ts` fails when they drift apart and
 * rewrites the embed with VESTIGE_UPDATE=1.
 */
import { BUILTIN_PIPELINE_FILES } from './builtin-data';
import { loadPipeline } from './load';
import type { Pipeline } from './types';

let cached: Pipeline[] | null = null;

export function builtinPipelines(): Pipeline[] {
  cached ??= BUILTIN_PIPELINE_FILES.map((f) => loadPipeline(f.text, f.name));
  return cached;
}
