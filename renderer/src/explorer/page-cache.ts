/**
 * The explorer never holds the whole result: rows arrive in fixed pages as the
 * table scrolls, and pages far from the viewport are dropped (Perspective's
 * habit: the UI holds descriptors and small pages).
 */

export const PAGE_SIZE = 200;
/** Pages kept around the viewport; older ones are evicted. */
export const MAX_PAGES = 12;

export type Pages<R> = Readonly<Record<number, readonly R[]>>;

/** Page indexes covering rows [first, last] (inclusive), within total. */
export function pagesForRange(first: number, last: number, total: number, pageSize = PAGE_SIZE): number[] {
  if (total <= 0 || last < first) return [];
  const a = Math.max(0, Math.floor(first / pageSize));
  const b = Math.min(Math.floor((total - 1) / pageSize), Math.floor(Math.max(first, last) / pageSize));
  const out: number[] = [];
  for (let p = a; p <= b; p++) out.push(p);
  return out;
}

/** Of the pages needed, those neither cached nor already being fetched. */
export function missingPages<R>(needed: readonly number[], pages: Pages<R>, inflight: ReadonlySet<number>): number[] {
  return needed.filter((p) => pages[p] === undefined && !inflight.has(p));
}

/** The row at an absolute index, or undefined while its page is not loaded. */
export function rowAt<R>(pages: Pages<R>, index: number, pageSize = PAGE_SIZE): R | undefined {
  const page = pages[Math.floor(index / pageSize)];
  return page ? page[index % pageSize] : undefined;
}

/** Offset/limit for a page, the last one trimmed to the total. */
export function pageRequest(page: number, total: number | null, pageSize = PAGE_SIZE): { offset: number; limit: number } {
  const offset = page * pageSize;
  const limit = total === null ? pageSize : Math.max(1, Math.min(pageSize, total - offset));
  return { offset, limit };
}

/** Adds a page and evicts the ones farthest from it beyond `max`. */
export function withPage<R>(pages: Pages<R>, page: number, rows: readonly R[], max = MAX_PAGES): Pages<R> {
  const next: Record<number, readonly R[]> = { ...pages, [page]: rows };
  const keys = Object.keys(next).map(Number);
  if (keys.length <= max) return next;
  keys.sort((a, b) => Math.abs(b - page) - Math.abs(a - page));
  for (const k of keys.slice(0, keys.length - max)) delete next[k];
  return next;
}
