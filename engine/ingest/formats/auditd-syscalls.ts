/**
 * Syscall numbers of x86_64 (arch=c000003e, by far the most common in audit
 * logs) that matter to an investigation, and the ECS category of each name.
 * Other architectures, and numbers not listed, keep `syscall_<n>` as action
 * unless the enriched log already names the syscall (`SYSCALL=openat`).
 */

const X86_64: Record<number, string> = {
  0: 'read', 1: 'write', 2: 'open', 3: 'close', 4: 'stat', 5: 'fstat', 6: 'lstat', 9: 'mmap', 10: 'mprotect', 21: 'access',
  41: 'socket', 42: 'connect', 43: 'accept', 44: 'sendto', 45: 'recvfrom', 46: 'sendmsg', 47: 'recvmsg', 49: 'bind', 50: 'listen',
  56: 'clone', 57: 'fork', 58: 'vfork', 59: 'execve', 60: 'exit', 62: 'kill', 76: 'truncate', 77: 'ftruncate', 80: 'chdir',
  82: 'rename', 83: 'mkdir', 84: 'rmdir', 85: 'creat', 86: 'link', 87: 'unlink', 88: 'symlink', 89: 'readlink', 90: 'chmod',
  91: 'fchmod', 92: 'chown', 93: 'fchown', 94: 'lchown', 101: 'ptrace', 105: 'setuid', 106: 'setgid', 113: 'setreuid',
  114: 'setregid', 117: 'setresuid', 119: 'setresgid', 165: 'mount', 166: 'umount2', 175: 'init_module', 176: 'delete_module',
  188: 'setxattr', 200: 'tkill', 234: 'tgkill', 257: 'openat', 258: 'mkdirat', 260: 'fchownat', 263: 'unlinkat', 264: 'renameat',
  265: 'linkat', 266: 'symlinkat', 268: 'fchmodat', 272: 'unshare', 288: 'accept4', 308: 'setns', 313: 'finit_module',
  316: 'renameat2', 319: 'memfd_create', 321: 'bpf', 322: 'execveat', 435: 'clone3', 437: 'openat2',
};

export function syscallName(arch: string | undefined, value: string): string {
  if (!/^\d+$/.test(value)) return value;
  const name = arch === 'c000003e' || arch === 'x86_64' ? X86_64[Number(value)] : undefined;
  return name ?? `syscall_${value}`;
}

const CATEGORY_BY_SYSCALL: Record<string, string> = {};
const groups: Record<string, string[]> = {
  process: ['execve', 'execveat', 'clone', 'clone3', 'fork', 'vfork', 'kill', 'tkill', 'tgkill', 'ptrace', 'exit', 'setuid', 'setgid', 'setreuid', 'setregid', 'setresuid', 'setresgid', 'unshare', 'setns', 'memfd_create'],
  file: ['open', 'openat', 'openat2', 'creat', 'truncate', 'ftruncate', 'rename', 'renameat', 'renameat2', 'mkdir', 'mkdirat', 'rmdir', 'link', 'linkat', 'unlink', 'unlinkat', 'symlink', 'symlinkat', 'chmod', 'fchmod', 'fchmodat', 'chown', 'fchown', 'lchown', 'fchownat', 'setxattr', 'mount', 'umount2'],
  network: ['socket', 'connect', 'accept', 'accept4', 'bind', 'listen', 'sendto', 'recvfrom', 'sendmsg', 'recvmsg'],
  driver: ['init_module', 'finit_module', 'delete_module'],
};
for (const [cat, names] of Object.entries(groups)) for (const n of names) CATEGORY_BY_SYSCALL[n] = cat;

/** Record types that stand for an event of their own (no SYSCALL record). */
const CATEGORY_BY_TYPE: [RegExp, string][] = [
  [/^(USER_AUTH|USER_LOGIN|USER_ACCT|USER_ERR|USER_LOGOUT|CRED_ACQ|CRED_DISP|CRED_REFR|LOGIN|ANOM_LOGIN_.*)$/, 'authentication'],
  [/^(USER_START|USER_END)$/, 'session'],
  [/^(ADD_USER|DEL_USER|ADD_GROUP|DEL_GROUP|USER_MGMT|GRP_MGMT|USER_CHAUTHTOK|GRP_CHAUTHTOK|ACCT_LOCK|ACCT_UNLOCK|ROLE_ASSIGN|ROLE_REMOVE)$/, 'iam'],
  [/^(USER_CMD|SERVICE_START|SERVICE_STOP|EXECVE)$/, 'process'],
  [/^(CONFIG_CHANGE|NETFILTER_CFG|MAC_POLICY_LOAD|MAC_STATUS|DAEMON_CONFIG)$/, 'configuration'],
];

export function auditCategory(syscall: string | null, types: readonly string[]): string | null {
  if (syscall && CATEGORY_BY_SYSCALL[syscall]) return CATEGORY_BY_SYSCALL[syscall];
  for (const t of types) for (const [re, cat] of CATEGORY_BY_TYPE) if (re.test(t)) return cat;
  return null;
}

/** Which side of a SOCKADDR record the peer is on, by syscall. */
export function peerSide(syscall: string | null): 'source' | 'destination' | null {
  if (syscall === 'connect' || syscall === 'sendto' || syscall === 'sendmsg') return 'destination';
  if (syscall === 'accept' || syscall === 'accept4' || syscall === 'recvfrom' || syscall === 'recvmsg') return 'source';
  return null;
}
