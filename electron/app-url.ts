/**
 * The renderer's own origin. The UI is served from `app://vestige/` (see
 * app-protocol.ts for why not file://); navigation guards, the IPC sender
 * check and the CSP all key off this one definition.
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'vestige';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** True when `url` is a page of our own app, compared by parsed origin, never by prefix. */
export function isAppUrl(url: string | undefined | null): boolean {
  if (!url) return false;
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}
