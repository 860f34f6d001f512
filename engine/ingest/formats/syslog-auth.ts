/**
 * What authentication programs say, turned into ECS columns: sshd logins,
 * sudo, su, PAM sessions, user management. Unknown messages keep only the
 * generic syslog columns.
 */

export interface AuthExtract {
  columns: Record<string, string | number | null>;
  fields: Record<string, string | number | boolean>;
}

const SSH_RESULT = /^(Accepted|Failed) (\S+) for (invalid user )?(.*?) from (\S+) port (\d+)(?: (\S+))?/;
const SSH_INVALID = /^Invalid user (.*?) from (\S+)(?: port (\d+))?/;
const PAM_FAIL = /authentication failure;.*?rhost=(\S*)(?:\s+user=(\S+))?/;
const PAM_SESSION = /^pam_unix\((\S+?):session\): session (opened|closed) for user (\S+?)(?:\(uid=\d+\))?(?: by (\S*?)(?:\(uid=\d+\))?)?$/;
const SUDO = /^\s*(\S+) : (?:(.*?) ; )?TTY=(\S+) ; PWD=(.*?) ; USER=(\S+) ;(?: .*?;)? COMMAND=(.*)$/;
const SU = /^(Successful|FAILED) su for (\S+) by (\S+)/;
const NEW_USER = /^new user: name=([^,]+), UID=(\d+)/;

export function authFields(program: string, msg: string): AuthExtract | null {
  if (program === 'sshd') {
    let m = SSH_RESULT.exec(msg);
    if (m) {
      return {
        columns: {
          'event.category': 'authentication',
          'event.action': 'ssh_login',
          'event.outcome': m[1] === 'Accepted' ? 'success' : 'failure',
          'user.name': m[4],
          'source.ip': m[5],
          'source.port': Number(m[6]),
        },
        fields: { method: m[2], invalid_user: Boolean(m[3]), ...(m[7] ? { protocol: m[7] } : {}) },
      };
    }
    m = SSH_INVALID.exec(msg);
    if (m) {
      return {
        columns: { 'event.category': 'authentication', 'event.action': 'ssh_invalid_user', 'event.outcome': 'failure', 'user.name': m[1], 'source.ip': m[2], 'source.port': m[3] ? Number(m[3]) : null },
        fields: { invalid_user: true },
      };
    }
  }
  const pf = PAM_FAIL.exec(msg);
  if (pf) {
    return {
      columns: { 'event.category': 'authentication', 'event.action': 'authentication_failure', 'event.outcome': 'failure', 'source.ip': pf[1] || null, 'user.name': pf[2] ?? null },
      fields: {},
    };
  }
  const ps = PAM_SESSION.exec(msg);
  if (ps) {
    return {
      columns: { 'event.category': 'session', 'event.action': `session_${ps[2]}`, 'event.outcome': 'success', 'user.name': ps[3] },
      fields: { service: ps[1], ...(ps[4] ? { by: ps[4] } : {}) },
    };
  }
  if (program === 'sudo') {
    const m = SUDO.exec(msg);
    if (m) {
      return {
        columns: { 'event.category': 'process', 'event.action': 'sudo', 'event.outcome': m[2] ? 'failure' : 'success', 'user.name': m[1] },
        fields: { target_user: m[5], command: m[6], tty: m[3], pwd: m[4], ...(m[2] ? { error: m[2] } : {}) },
      };
    }
  }
  if (program === 'su') {
    const m = SU.exec(msg);
    if (m) return { columns: { 'event.category': 'authentication', 'event.action': 'su', 'event.outcome': m[1] === 'Successful' ? 'success' : 'failure', 'user.name': m[3] }, fields: { target_user: m[2] } };
  }
  if (program === 'useradd') {
    const m = NEW_USER.exec(msg);
    if (m) return { columns: { 'event.category': 'iam', 'event.action': 'user_created', 'event.outcome': 'success', 'user.name': m[1] }, fields: { uid: Number(m[2]) } };
  }
  return null;
}
