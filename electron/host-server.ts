/**
 * Host-process end of host-protocol.ts: answers main's requests from a
 * `HostService`. Listening starts at once, before the service is ready
 * (opening a case can take a while), so early calls simply wait for it; if it
 * fails to start, every call is answered with that failure.
 */
import { isChannel, type Args, type Channel, type ImportProgress } from '../engine/host/contract';
import type { HostService } from '../engine/host/service';
import type { ParentSide, ToHost } from './host-protocol';

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export function serveHost(port: ParentSide, ready: Promise<HostService>, exit: (code: number) => void): void {
  const service = ready.catch((err: unknown) => {
    throw new Error(`host failed to start: ${message(err)}`);
  });
  // Keep an unhandled rejection from killing the process before any call arrives.
  service.then(
    (s) => s.onProgress((progress: ImportProgress) => port.post({ type: 'progress', progress })),
    (err: unknown) => console.error('[vestige host]', err),
  );

  const answer = (id: number, work: Promise<unknown>) =>
    work.then(
      (value) => port.post({ type: 'reply', id, ok: true, value }),
      (err: unknown) => port.post({ type: 'reply', id, ok: false, error: message(err) }),
    );

  port.onMessage((msg: ToHost) => {
    if (msg.type === 'call') {
      // Main validated the arguments; the channel check guards against a mismatched build.
      const work = isChannel(msg.channel)
        ? service.then((s) => s.handle(msg.channel, msg.args as Args<Channel>))
        : Promise.reject(new Error(`unknown channel: ${String(msg.channel)}`));
      void answer(msg.id, work);
    } else if (msg.type === 'close') {
      void answer(
        msg.id,
        service.then(
          (s) => s.close(),
          () => undefined,
        ),
      ).then(() => exit(0));
    }
  });
}
