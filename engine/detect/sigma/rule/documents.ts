/**
 * Splits a YAML file into Sigma documents. A file holds one rule, or a
 * collection: several rules and correlations separated by `---` (Sigma v2
 * correlations), or Sigma v1 `action:` documents — `global` (merged into every
 * following document), `reset` (forget the global part) and `repeat` (the
 * previous document with this one merged over it). Positions survive merging.
 */
import { LineCounter, parseAllDocuments } from 'yaml';
import { SigmaError, type SourceLoc } from './errors';
import { get, mergeNodes, str, toYNode, without, type YNode } from './ynode';

export interface SigmaDocument {
  readonly node: YNode;
  readonly loc: SourceLoc;
  /** 0-based index of the document in its file. */
  readonly index: number;
}

export function splitDocuments(text: string, path: string): { docs: SigmaDocument[]; errors: SigmaError[] } {
  const lc = new LineCounter();
  const errors: SigmaError[] = [];
  const docs: SigmaDocument[] = [];
  let parsed;
  try {
    parsed = parseAllDocuments(text, { lineCounter: lc, uniqueKeys: true, prettyErrors: false });
  } catch (e) {
    errors.push(new SigmaError('yaml', `not parseable: ${(e as Error).message}`, { path, line: 1, col: 1 }));
    return { docs, errors };
  }
  const list = Array.isArray(parsed) ? parsed : [];
  let global: YNode | null = null;
  let previous: YNode | null = null;
  list.forEach((doc, index) => {
    const start = lc.linePos(doc.range?.[0] ?? 0);
    const loc: SourceLoc = { path, line: start.line, col: start.col };
    if (doc.errors.length > 0) {
      const e = doc.errors[0];
      const p = lc.linePos(e.pos[0]);
      errors.push(new SigmaError('yaml', e.message.split('\n')[0], { path, line: p.line, col: p.col }));
      return;
    }
    if (doc.contents === null) return; // empty document, e.g. a trailing `---`
    const node = toYNode(doc.contents, lc, path, loc);
    if (node.kind !== 'map') {
      errors.push(new SigmaError('schema', 'a Sigma document must be a mapping', node.loc));
      return;
    }
    const action = str(get(node, 'action'));
    if (action === 'global') {
      global = global ? mergeNodes(global, without(node, 'action')) : without(node, 'action');
      return;
    }
    if (action === 'reset') {
      global = null;
      return;
    }
    let body = without(node, 'action');
    if (action === 'repeat') {
      if (!previous) {
        errors.push(new SigmaError('collection', 'action: repeat without a previous document', loc));
        return;
      }
      body = mergeNodes(previous, body);
    } else if (action !== undefined) {
      errors.push(new SigmaError('collection', `unknown collection action '${action}' (expected global, reset or repeat)`, loc));
      return;
    }
    previous = body;
    docs.push({ node: global ? mergeNodes(global, body) : body, loc, index });
  });
  return { docs, errors };
}
