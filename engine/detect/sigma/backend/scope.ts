/**
 * Logsource scope → predicate: alternatives of conjunctions of
 * "field equals one of these values" (case-insensitive). A value ending in
 * `.*` is a prefix (`linux.*`), a lone `*` means the field is present.
 */
import type { Scope } from '../pipeline/types';
import type { Dialect } from './dialect';
import { tpl, useField, type ConversionState } from './convert';
import type { Pred } from './ir';

export function scopePred(scope: Scope, st: ConversionState): Pred {
  if (scope.alternatives.length === 0) return { op: 'const', value: true };
  const d: Dialect = st.dialect;
  return {
    op: 'or',
    args: scope.alternatives.map((term) => ({
      op: 'and',
      args: term.map(({ field, values }) => {
        const f = { f: useField(st, field) };
        return {
          op: 'or',
          args: values.map((v): Pred => {
            if (v === '*') return tpl(d.notNull, f);
            if (v.endsWith('.*')) return tpl(d.startswith, { ...f, lower: true }, [v.slice(0, -1).toLowerCase()]);
            if (v.startsWith('*.')) return tpl(d.endswith, { ...f, lower: true }, [v.slice(1).toLowerCase()]);
            // Digits need no case folding (EventIDs), which keeps the common filter cheap.
            return /^\d+$/.test(v) ? tpl(d.eq, f, [v]) : tpl(d.eq, { ...f, lower: true }, [v.toLowerCase()]);
          }),
        } satisfies Pred;
      }),
    })),
  };
}
