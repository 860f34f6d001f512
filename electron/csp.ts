/**
 * The renderer's Content-Security-Policy. 'wasm-unsafe-eval' is for Arrow/
 * DuckDB wasm in workers; 'unsafe-inline' styles are needed by Blueprint and
 * the virtualised table's inline positioning. Nothing may load from or talk
 * to the network: connect-src 'self' only.
 */

export const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
].join('; ');

/** Response headers with our CSP replacing any the response carried (in any letter case). */
export function withCsp(headers: Record<string, string[]> | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(headers ?? {})) {
    if (k.toLowerCase() !== 'content-security-policy') out[k] = v;
  }
  out['Content-Security-Policy'] = [CSP];
  return out;
}
