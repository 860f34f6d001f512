/**
 * Linux audit logs (/var/log/audit/audit.log, raw or enriched, with or without
 * the `node=` prefix of aggregated logs). The kernel writes one event as
 * several records sharing `audit(time:serial)` (SYSCALL, EXECVE, CWD, PATH…,
 * PROCTITLE, EOE); they are buffered and emitted as one row when the stamp
 * changes, at EOE or at the end, with the line and offset of the first record.
 *
 * Records of one event are adjacent in what auditd writes; when another
 * node's records interleave (remote aggregation), each run becomes its own
 * row rather than the file being held in memory.
 */
import type { Emit, LineFormat, LineParser } from '../format';
import { auditEventRow } from './auditd-event';
import { parseAuditLine, type AuditRecord } from './auditd-record';

const HEAD = /^(?:node=\S+ )?type=[A-Za-z0-9_]+ msg=audit\(\d+\.\d+:\d+\):/;
/** An event with more records than this is emitted in parts, so memory stays bounded. */
const MAX_RECORDS = 1000;

class AuditdParser implements LineParser {
  private records: AuditRecord[] = [];
  private key = '';
  private lineNo = 0;
  private offset = 0;

  line(text: string, lineNo: number, offset: number, emit: Emit): void {
    // `ausearch --raw` output separates events with dashes.
    if (text.trim() === '' || text.startsWith('----')) {
      this.flush(emit);
      return;
    }
    const r = parseAuditLine(text);
    if (typeof r === 'string') {
      emit({ reject: r }, lineNo, offset);
      return;
    }
    const key = `${r.node ?? ''}|${r.stamp}`;
    if (key !== this.key || this.records.length >= MAX_RECORDS) this.flush(emit);
    if (this.records.length === 0) {
      this.key = key;
      this.lineNo = lineNo;
      this.offset = offset;
    }
    this.records.push(r);
    if (r.type === 'EOE') this.flush(emit);
  }

  end(emit: Emit): void {
    this.flush(emit);
  }

  private flush(emit: Emit): void {
    if (this.records.length === 0) return;
    const records = this.records;
    this.records = [];
    this.key = '';
    emit(auditEventRow(records), this.lineNo, this.offset);
  }
}

export const auditdFormat: LineFormat = {
  kind: 'line',
  name: 'auditd',
  sniff(lines) {
    const sample = lines.filter((l) => l.trim() !== '' && !l.startsWith('----')).slice(0, 10);
    if (sample.length === 0) return 0;
    const ok = sample.filter((l) => HEAD.test(l)).length;
    return ok / sample.length >= 0.6 ? 0.95 : 0;
  },
  create: () => new AuditdParser(),
};
