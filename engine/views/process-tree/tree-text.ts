/**
 * The forest as an indented text tree (the CLI's default output). Log text
 * goes to a terminal, so control characters are shown escaped, never sent.
 */
import { walkForest } from './shape-forest';
import type { ProcessForest, ProcessNode } from './tree-types';

/** C0/C1 controls and DEL would let a log line move the cursor or recolour the terminal. */
export function safeText(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

export function nodeLabel(n: ProcessNode): string {
  const parts = [`${n.pid ?? '?'} ${n.image ?? '(unknown image)'}`];
  if (n.synthetic) parts.push('[not seen starting]');
  if (n.time) parts.push(n.time);
  if (n.user) parts.push(`user=${n.user}`);
  if (n.commandLine) parts.push(`cmd=${n.commandLine}`);
  if (n.spoof) {
    const s = n.spoof;
    const by = s.creatorImage ? ` by ${s.creatorPid ?? '?'} ${s.creatorImage}` : s.creatorAccount ? ` by ${s.creatorAccount}` : '';
    const why = s.fields.map((f) => `; ${f.field} ${f.value}, expected ${f.expected} (${f.source})`).join('');
    parts.push(`[${s.reason === 'elevation' ? 'ELEVATED BY UAC' : 'SPOOFED PARENT'}: ${s.reason}${by}${why}]`);
  }
  if (n.signals.length) parts.push(`[signals: ${n.signals.map((s) => s.title).join('; ')}]`);
  return safeText(parts.join('  '));
}

export function forestText(f: ProcessForest): string {
  const lines: string[] = [];
  let host: string | null | undefined;
  // Connectors need to know, for every ancestor, whether more siblings follow.
  const last = new Map<ProcessNode, boolean>();
  const mark = (list: readonly ProcessNode[]) => list.forEach((n, i) => last.set(n, i === list.length - 1));
  // Roots are drawn under a heading per host, so "last" is per host.
  f.roots.forEach((r, i) => last.set(r, f.roots[i + 1]?.host !== r.host));
  const open: boolean[] = [];
  for (const [n, depth] of walkForest(f.roots)) {
    if (depth === 1 && n.host !== host) {
      host = n.host;
      lines.push(`host ${safeText(host ?? '(none)')}`);
    }
    mark(n.children);
    open.length = depth - 1;
    const isLast = last.get(n) ?? true;
    const prefix = open.map((o) => (o ? '│  ' : '   ')).join('');
    lines.push(`${prefix}${isLast ? '└─ ' : '├─ '}${nodeLabel(n)}`);
    open.push(!isLast);
  }
  lines.push(
    `${f.processCount} processes, ${f.nodeCount} nodes shown (${f.syntheticCount} not seen starting), depth ${f.maxDepth}, ${f.spoofedCount} spoofed parent(s)${f.elevatedCount ? `, ${f.elevatedCount} UAC elevation(s)` : ''}${f.truncated ? ', truncated' : ''}`,
  );
  return lines.join('\n') + '\n';
}
