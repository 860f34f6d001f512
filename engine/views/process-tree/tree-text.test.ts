import { describe, expect, it } from 'vitest';
import { linkProcesses } from './link-processes';
import { ordered, start } from './record-fixture';
import { shapeForest } from './shape-forest';
import { forestText, safeText } from './tree-text';

describe('forestText', () => {
  it('draws an indented tree with connectors, host headings and a summary', () => {
    const recs = ordered([start(1, 1, null, '/sbin/init'), start(2, 10, 1, '/a'), start(3, 11, 10, '/b'), start(4, 20, 1, '/c')]);
    const text = forestText(shapeForest({ ...linkProcesses(recs), hosts: [], signalsByEvent: new Map() }, {}));
    const lines = text.split('\n').map((l) => l.replace(/ {2}\d{4}-.*$/, ''));
    expect(lines.slice(0, 5)).toEqual(['host h1', '└─ 1 /sbin/init', '   ├─ 10 /a', '   │  └─ 11 /b', '   └─ 20 /c']);
    expect(text).toContain('4 processes, 4 nodes shown (0 not seen starting), depth 2');
  });

  it('never sends a log\'s control characters to the terminal', () => {
    expect(safeText('evil\u001b[31mred\u0007\u009b')).toBe('evil\\x1b[31mred\\x07\\x9b');
    const recs = [start(1, 1, null, '/bin/sh', { commandLine: 'echo \u001b]0;pwned\u0007' })];
    expect(forestText(shapeForest({ ...linkProcesses(recs), hosts: [], signalsByEvent: new Map() }, {}))).not.toMatch(/[\u001b\u0007]/);
  });
});
