/** One JSON-lines record: the object, a rejection with its reason, or null for a blank line. */
export function parseObjectLine(text: string): { obj: Record<string, unknown>; raw: string } | { reject: string } | null {
  const raw = text.trim();
  if (raw === '') return null;
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch (e) {
    return { reject: `invalid JSON: ${(e as Error).message.slice(0, 120)}` };
  }
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? { obj: v as Record<string, unknown>, raw } : { reject: 'not a JSON object' };
}
