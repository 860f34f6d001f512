/** For tests: a HostApi answering the given channels (any other call throws), recording every call. */
import type { Args, Channel, HostApi, Result } from '../../../engine/host/contract';

export type FakeChannels = Partial<{ [C in Channel]: (...a: Args<C>) => Result<C> }>;

export function fakeHost(impl: FakeChannels): { host: HostApi; calls: [Channel, unknown[]][] } {
  const calls: [Channel, unknown[]][] = [];
  const host: HostApi = {
    async call(channel, ...args) {
      calls.push([channel, args]);
      const f = impl[channel] as ((...a: unknown[]) => unknown) | undefined;
      if (!f) throw new Error(`unexpected ${channel}`);
      return f(...args) as never;
    },
    onProgress: () => () => undefined,
  };
  return { host, calls };
}
