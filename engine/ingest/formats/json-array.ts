/**
 * A file that is one JSON array of objects (`[{…},{…}]`, exports from SIEMs,
 * EDR consoles and scripts), of any size: elements are cut out of the byte
 * stream by `json-array-splitter.ts` and each is parsed on its own, so memory
 * follows the largest element, not the file. Records are numbered by their
 * position in the array; a bad element is rejected with its byte offset.
 * Fields map like CSV columns (`generic-row.ts`: user mapping, ECS names, aliases).
 */
import type { RecordItem, StreamFormat } from '../format';
import { cloudObjectToEcs } from './cloud';
import { genericRowBuilder } from './generic-row';
import { JsonArrayError, JsonArraySplitter, type SplitElement } from './json-array-splitter';

/** First bytes after an optional BOM and whitespace: `[` then `{` (or `]`). */
function arrayHead(head: Uint8Array): 'objects' | 'empty' | null {
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  const skip = () => {
    while (i < head.length && (head[i] === 0x20 || head[i] === 0x0a || head[i] === 0x0d || head[i] === 0x09)) i++;
  };
  skip();
  if (head[i] !== 0x5b) return null;
  i++;
  skip();
  return head[i] === 0x7b ? 'objects' : head[i] === 0x5d ? 'empty' : null;
}

export const jsonArrayFormat: StreamFormat = {
  kind: 'stream',
  name: 'json-array',
  sniff(head) {
    const h = arrayHead(head);
    return h === 'objects' ? 0.9 : h === 'empty' ? 0.5 : 0;
  },
  async *parse(pieces, ctx) {
    const build = genericRowBuilder(ctx.mapping, 'json');
    const decoder = new TextDecoder('utf-8', { fatal: true });
    const splitter = new JsonArraySplitter();
    const ready: SplitElement[] = [];
    const toItem = (e: SplitElement): RecordItem => {
      const at = (result: RecordItem['result']): RecordItem => ({ result, line: e.index, offset: e.offset });
      if (e.bytes === null) return at({ reject: `element of ${e.size} bytes is larger than the limit` });
      let text: string;
      try {
        text = decoder.decode(e.bytes).trim();
      } catch {
        return at({ reject: 'element is not valid UTF-8' });
      }
      if (text === '') return at({ reject: 'empty array element' });
      let obj: unknown;
      try {
        obj = JSON.parse(text);
      } catch (err) {
        return at({ reject: `invalid JSON element at byte ${e.offset}: ${(err as Error).message.slice(0, 120)}` });
      }
      if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) return at({ reject: 'array element is not a JSON object' });
      // Cloud exports (Okta API pages, gcloud --format=json) keep their own mapping; anything else is generic.
      return at((ctx.mapping ? null : cloudObjectToEcs(obj as Record<string, unknown>, text)) ?? build(obj as Record<string, unknown>, text));
    };
    const fail = (err: unknown) => (err instanceof JsonArrayError ? new JsonArrayError(`${ctx.sourceName}: ${err.reason}`, err.offset) : err);
    for await (const piece of pieces) {
      let err: unknown = null;
      try {
        splitter.push(piece, (e) => ready.push(e));
      } catch (x) {
        err = fail(x);
      }
      // Elements completed before a fatal error are still records.
      for (const e of ready.splice(0)) yield toItem(e);
      if (err) throw err;
    }
    let err: unknown = null;
    try {
      splitter.finish((e) => ready.push(e));
    } catch (x) {
      err = fail(x);
    }
    for (const e of ready.splice(0)) yield toItem(e);
    if (err) throw err;
  },
};
