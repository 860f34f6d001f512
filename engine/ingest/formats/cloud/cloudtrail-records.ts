/**
 * CloudTrail as AWS delivers it to S3: one JSON document per object,
 * `{"Records":[{…},{…}]}`, single-line or pretty-printed and often tens of
 * megabytes. The document is never parsed whole: the splitter hands out one
 * element of `Records` at a time. A record's number is its 1-based position in
 * `Records` (line N = `Records[N-1]`), its offset the byte offset of its `{`.
 */
import type { StreamFormat } from '../../format';
import { cloudtrailToEcs } from './cloudtrail';
import { headText, splitJsonRecords } from './json-records';

const START = /^\s*\{\s*"Records"\s*:\s*\[/;
const AWS_SOURCE = /"eventSource"\s*:\s*"[^"]*\.amazonaws\.com"/;

export const cloudtrailRecordsFormat: StreamFormat = {
  kind: 'stream',
  name: 'cloudtrail-records',
  sniff(head) {
    const t = headText(head);
    if (!START.test(t)) return 0;
    // `"Records"` alone is also S3/SNS event notifications; an AWS API source or an empty trail file says CloudTrail.
    return AWS_SOURCE.test(t) || /^\s*\{\s*"Records"\s*:\s*\[\s*\]/.test(t) ? 1 : 0.5;
  },
  parse(pieces) {
    return splitJsonRecords(pieces, { kind: 'records', key: 'Records' }, {
      number: 'index',
      map: cloudtrailToEcs,
      text: () => null,
    });
  },
};
