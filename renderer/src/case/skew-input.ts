/** Seconds typed by the analyst → whole milliseconds, or null when it is not a number (or over ten years). */
export function parseSkewSeconds(text: string): number | null {
  const t = text.trim();
  if (!/^[+-]?\d+(\.\d{1,3})?$/.test(t)) return null;
  const ms = Math.round(Number(t) * 1000);
  return Math.abs(ms) <= 10 * 365 * 86_400_000 ? ms : null;
}
