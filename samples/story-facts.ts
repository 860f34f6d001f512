/**
 * The attack in the sample case, as constants the generator, its tests and
 * the docs share. Times are UTC, on the night of Saturday 14 March 2026.
 */
import { at } from './clock';

export const ATTACKER_IP = '185.220.101.47';
/** Where the attacker's download server and the mining pools resolve (documentation range). */
export const STAGING = { ip: '203.0.113.66', url: 'http://203.0.113.66/x/xmrig' } as const;
export const POOLS = {
  primary: { domain: 'pool.minexmr.com', ip: '203.0.113.77', port: 443 },
  fallback: { domain: 'pool.supportxmr.com', ip: '203.0.113.78', port: 3333 },
} as const;

export const WALLET = '48edfHu7V9Z84YzzMa6fUueoELZ9ZRXq9VetWzYGzKt52XU5xvqgzYnDK9URnRoJMk1j8nLwEVsaSWJ4fhdUyZijBGUicoD';
export const MINER_PATH = '/tmp/xmrig';
export const MINER_ARGS: readonly string[] = [
  MINER_PATH, '-o', `${POOLS.primary.domain}:${POOLS.primary.port}`, '-o', `${POOLS.fallback.domain}:${POOLS.fallback.port}`,
  '-u', WALLET, '-k', '--tls', '--donate-level', '1', '-B',
];
export const MINER_COMMAND_LINE = MINER_ARGS.join(' ');

export const BACKDOOR_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIH7qkR2vZ0t8mYc4Lw9sJx3NfB6pQeD1aGu5oK2iVhTz root@vps-4471';
export const BACKDOOR_FINGERPRINT = 'SHA256:VtX9o2Wd1mN6qR4bE8yK0cJ5hL3sF7gA2uP9iZ1nQxM';
export const CRON_ENTRY = `*/10 * * * * pgrep -x xmrig >/dev/null || ${MINER_COMMAND_LINE}`;

export const TIMELINE = {
  bruteForceStart: at('2026-03-14T02:47:13Z'),
  /** the wordlist narrows to the one account that answers differently */
  focusOnDeploy: at('2026-03-14T03:04:30Z'),
  bruteForceEnd: at('2026-03-14T03:11:40Z'),
  acceptedLogin: at('2026-03-14T03:11:52Z'),
  sudoList: at('2026-03-14T03:13:21.415Z'),
  sudoRootShell: at('2026-03-14T03:14:05.204Z'),
  download: at('2026-03-14T03:15:02.318Z'),
  chmod: at('2026-03-14T03:15:40.127Z'),
  minerStart: at('2026-03-14T03:15:58.846Z'),
  authorizedKeys: at('2026-03-14T03:17:10.532Z'),
  cronPersistence: at('2026-03-14T03:18:02.771Z'),
  rootShellExit: at('2026-03-14T03:18:55Z'),
  logout: at('2026-03-14T03:19:10Z'),
  /** the primary pool stops answering and xmrig fails over to port 3333 */
  poolFailover: at('2026-03-14T09:12:00Z'),
  /** the miner dies; the cron entry brings it back */
  minerRestart: at('2026-03-15T04:00:00Z'),
  returnVisit: at('2026-03-15T02:41:17Z'),
  triage: at('2026-03-16T09:02:44Z'),
} as const;
