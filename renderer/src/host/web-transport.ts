/**
 * Web-mode transport: same-origin POSTs carrying wire envelopes, progress over
 * Server-Sent Events. Auth is the session cookie set when the tokenized URL
 * was opened, so nothing here handles the token.
 */
import type { HostApi, ImportProgress } from '../../../engine/host/contract';
import { decodeEnvelope, encodeEnvelope, WEB } from '../../../engine/host/wire';

type Reply = { ok: true; result: unknown } | { ok: false; error: string };

export interface WebDeps {
  fetch: typeof fetch;
  /** Absent where SSE is unavailable (tests); progress then never fires. */
  EventSource?: new (url: string) => EventSource;
}

export function createWebHost(deps: WebDeps): HostApi {
  const listeners = new Set<(p: ImportProgress) => void>();
  let source: EventSource | null = null;

  // One EventSource shared by all listeners, opened on first subscription.
  const ensureSource = () => {
    if (source || !deps.EventSource) return;
    source = new deps.EventSource(WEB.eventsPath);
    source.onmessage = (e: MessageEvent<string>) => {
      const p = parseProgress(e.data);
      if (p) for (const l of listeners) l(p);
    };
  };

  return {
    async call(channel, ...args) {
      const res = await deps.fetch(WEB.callPath + channel, {
        method: 'POST',
        body: encodeEnvelope(args) as BodyInit,
        headers: { 'content-type': WEB.contentType },
        credentials: 'same-origin',
      });
      const body = new Uint8Array(await res.arrayBuffer());
      let reply: Reply;
      try {
        reply = decodeEnvelope(body) as Reply;
      } catch (e) {
        throw new Error(`${channel}: unreadable reply (HTTP ${res.status}): ${(e as Error).message}`);
      }
      if (!reply || typeof reply !== 'object' || !('ok' in reply)) throw new Error(`${channel}: malformed reply (HTTP ${res.status})`);
      if (!reply.ok) throw new Error(reply.error);
      return reply.result as never;
    },
    onProgress(listener) {
      listeners.add(listener);
      ensureSource();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && source) {
          source.close();
          source = null;
        }
      };
    },
  };
}

/** Progress events come from the network: accept only the expected shape. */
export function parseProgress(data: string): ImportProgress | null {
  let v: unknown;
  try {
    v = JSON.parse(data);
  } catch {
    return null;
  }
  if (!v || typeof v !== 'object') return null;
  const o = v as Record<string, unknown>;
  const num = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? x : 0);
  if (typeof o.jobId !== 'string' || typeof o.file !== 'string') return null;
  return {
    jobId: o.jobId,
    file: o.file,
    bytesDone: num(o.bytesDone),
    bytesTotal: num(o.bytesTotal),
    records: num(o.records),
    done: o.done === true,
    ...(typeof o.error === 'string' ? { error: o.error } : {}),
  };
}
