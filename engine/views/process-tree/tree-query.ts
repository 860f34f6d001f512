/** Arrival check for `views.processTree` arguments (they cross a process boundary). */
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const absent = (v: unknown) => v === undefined || v === null;

export function validProcessTreeQuery(q: unknown): string | null {
  if (q === undefined) return null;
  if (typeof q !== 'object' || q === null || Array.isArray(q)) return 'query must be an object';
  const o = q as Record<string, unknown>;
  if (!absent(o.host) && typeof o.host !== 'string') return 'host must be a string';
  if (!absent(o.rootEventId) && !isInt(o.rootEventId)) return 'rootEventId must be an integer';
  if (!absent(o.eventIds) && !(Array.isArray(o.eventIds) && o.eventIds.length <= 100000 && o.eventIds.every(isInt))) return 'eventIds must be integers';
  if (!absent(o.limit) && !(isInt(o.limit) && o.limit > 0 && o.limit <= 200000)) return 'limit must be 1..200000';
  return null;
}
