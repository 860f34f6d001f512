/**
 * Files of every format the importer reads, for the benchmark's events/s
 * per format: records of our own unit-test fixtures (`ingest/formats/fixtures`,
 * `cloud/fixtures`) repeated, or lines generated here, up to a number of
 * lines or of bytes, whichever comes first. Deterministic.
 */
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const FIXTURES = fileURLToPath(new URL('../../ingest/formats/fixtures/', import.meta.url));
const CLOUD = fileURLToPath(new URL('../../ingest/formats/cloud/fixtures/', import.meta.url));

export interface FormatFixture {
  /** What the benchmark prints. */
  family: string;
  /** File name (the extension says nothing to the importer: formats are sniffed). */
  name: string;
  /** Writes the file; `lines` and `bytes` bound it. */
  write(path: string, lines: number, bytes: number): Promise<void>;
}

async function lines(path: string): Promise<string[]> {
  return (await readFile(path, 'utf8')).split('\n').filter((l) => l.trim() !== '');
}

/** Writes `head`, then `body(k)` for k = 0, 1, … until either bound is reached, then `tail`. */
async function writeRepeated(path: string, lines: number, bytes: number, body: (k: number) => string, head = '', tail = ''): Promise<void> {
  const out = createWriteStream(path);
  let written = head.length;
  let count = 0;
  let buf = head;
  for (let k = 0; count < lines && written < bytes; k++) {
    const piece = body(k);
    buf += piece;
    written += piece.length;
    count += piece.split('\n').length - 1;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await new Promise<void>((r) => out.once('drain', () => r()));
      buf = '';
    }
  }
  buf += tail;
  out.write(buf);
  await new Promise<void>((r) => out.end(() => r()));
}

/** The fixture's lines repeated (each one a record). */
function repeated(family: string, name: string, file: () => Promise<string[]>): FormatFixture {
  return {
    family,
    name,
    async write(path, n, bytes) {
      const body = await file();
      await writeRepeated(path, n, bytes, (k) => body[k % body.length] + '\n');
    },
  };
}

/** A header kept once, then the data lines after it repeated. */
function withHeader(family: string, name: string, file: string, headerLines: number, dataLines: number): FormatFixture {
  return {
    family,
    name,
    async write(path, n, bytes) {
      const all = await lines(file);
      const head = all.slice(0, headerLines).join('\n') + '\n';
      const body = all.slice(headerLines, headerLines + dataLines);
      await writeRepeated(path, n, bytes, (k) => body[k % body.length] + '\n', head);
    },
  };
}

const pad = (x: number) => String(x).padStart(2, '0');

export const FORMAT_FIXTURES: readonly FormatFixture[] = [
  {
    family: 'syslog RFC 5424',
    name: 'syslog5424.log',
    write: (path, n, bytes) =>
      writeRepeated(
        path,
        n,
        bytes,
        (i) =>
          `<34>1 2026-03-14T${pad(i % 24)}:${pad(i % 60)}:${pad((i >> 6) % 60)}.123+02:00 host-${i % 9} sshd ${1000 + (i % 5000)} ID47 - Failed password for invalid user u${i % 700} from 203.0.${(i >> 8) % 256}.${i % 256} port ${1024 + (i % 60000)} ssh2\n`,
      ),
  },
  {
    // Records joined by serial: each copy gets serials of its own.
    family: 'auditd',
    name: 'audit.log',
    async write(path, n, bytes) {
      // The fixture's records, without the line it has that is not one.
      const body = (await lines(FIXTURES + 'auditd.log')).filter((l) => l.includes(' msg=audit('));
      await writeRepeated(path, n, bytes, (k) => body.map((l) => l.replace(/msg=audit\((\d+\.\d+):(\d+)\)/, (_m, t: string, s: string) => `msg=audit(${t}:${Number(s) + k * 100_000})`)).join('\n') + '\n');
    },
  },
  withHeader('IIS W3C', 'u_ex260314.log', FIXTURES + 'iis-w3c.log', 4, 2),
  withHeader('VPC flow v2', 'vpc-flow.log', FIXTURES + 'vpc-flow.log', 1, 3),
  withHeader('VPC flow, custom fields', 'vpc-flow-custom.log', FIXTURES + 'vpc-flow-custom.log', 1, 2),
  repeated('web access (combined)', 'access.log', async () => (await lines(FIXTURES + 'web-access.log')).filter((l) => /^\S+ \S+ \S+ \[[^\]]+\] "(GET|POST)/.test(l))),
  repeated('Windows JSON (evtx_dump)', 'sysmon.jsonl', () => lines(FIXTURES + 'windows-json.jsonl')),
  {
    family: 'Windows JSON (evtx_dump text)',
    name: 'security.txt',
    async write(path, n, bytes) {
      const text = (await readFile(FIXTURES + 'windows-json-pretty.json', 'utf8')).trimEnd() + '\n';
      await writeRepeated(path, n, bytes, () => text);
    },
  },
  repeated('CloudTrail JSON lines', 'cloudtrail.jsonl', () => lines(CLOUD + 'cloudtrail.jsonl')),
  repeated('Okta System Log', 'okta.jsonl', () => lines(CLOUD + 'okta.jsonl')),
  repeated('Azure sign-in and activity', 'azure.jsonl', () => lines(CLOUD + 'azure.jsonl')),
  repeated('GCP audit', 'gcp.jsonl', () => lines(CLOUD + 'gcp-audit.jsonl')),
  repeated('Kubernetes audit', 'k8s-audit.jsonl', () => lines(CLOUD + 'k8s-audit.jsonl')),
  {
    family: 'JSON array',
    name: 'events.json',
    write: (path, n, bytes) =>
      writeRepeated(
        path,
        n,
        bytes,
        (i) =>
          `${i ? ',' : ''}\n  {"timestamp": "2026-03-14T03:${pad(i % 60)}:${pad((i >> 6) % 60)}.120Z", "hostname": "web-${pad(i % 9)}", "username": "user${i % 700}", "src_ip": "185.220.${(i >> 8) % 256}.${i % 256}", "action": "${i % 3 ? 'login' : 'logout'}"}`,
        '[',
        '\n]\n',
      ),
  },
  {
    family: 'TSV',
    name: 'flows.tsv',
    write: (path, n, bytes) =>
      writeRepeated(
        path,
        n,
        bytes,
        (i) => `2026-03-01T00:${pad(i % 60)}:00Z\t10.0.${i % 256}.${(i >> 8) % 256}\t198.51.100.${i % 256}\t${1024 + (i % 60000)}\t443\t${i % 3 ? 'ACCEPT' : 'REJECT'}\n`,
        'timestamp\tsource.ip\tdestination.ip\tsource.port\tdestination.port\tevent.action\n',
      ),
  },
];
