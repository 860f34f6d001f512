/** The lint rules that keep imports pointing down really fire (and only where they should). */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './corpus';

const eslint = new ESLint({ cwd: REPO_ROOT });

async function errors(code: string, file: string): Promise<string[]> {
  const [r] = await eslint.lintText(code, { filePath: `${REPO_ROOT}/${file}` });
  return r.messages.filter((m) => m.severity === 2).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('layering lint rules', () => {
  it('engine/ may not import renderer, electron, React or UI code', async () => {
    for (const spec of ['../../renderer/src/app', '../../electron/window', 'electron', 'react', '@blueprintjs/core']) {
      expect(await errors(`import x from '${spec}';\nexport default x;\n`, 'engine/views/probe.ts')).toEqual([expect.stringMatching(/^no-restricted-imports/)]);
    }
  });

  it('neutral engine code may not use Node or DOM globals; engine/**/node/ may use Node', async () => {
    expect(await errors(`import { readFile } from 'node:fs/promises';\nexport { readFile };\n`, 'engine/views/probe.ts')).toEqual([expect.stringMatching(/^no-restricted-imports/)]);
    expect(await errors(`export const x = document.title;\n`, 'engine/views/probe.ts')).toEqual([expect.stringMatching(/^no-restricted-globals/)]);
    expect(await errors(`import { readFile } from 'node:fs/promises';\nexport { readFile };\n`, 'engine/views/node/probe.ts')).toEqual([]);
  });

  it('renderer/ may not import Node, Electron or engine node code', async () => {
    for (const spec of ['node:fs', 'fs', 'electron', '../../engine/host/node/web-server']) {
      expect(await errors(`import x from '${spec}';\nexport default x;\n`, 'renderer/src/probe.ts')).toEqual([expect.stringMatching(/^no-restricted-imports/)]);
    }
    expect(await errors(`import type { HostApi } from '../../engine/host/contract';\nexport type X = HostApi;\n`, 'renderer/src/probe.ts')).toEqual([]);
  });

  it('rejects .only and innerHTML', async () => {
    expect(await errors(`import { it } from 'vitest';\nit.only('x', () => undefined);\n`, 'engine/views/probe.test.ts')).toEqual([expect.stringMatching(/^no-restricted-syntax/)]);
    expect(await errors(`export function f(e: HTMLElement, s: string) { e.innerHTML = s; }\n`, 'renderer/src/probe.ts')).toEqual([expect.stringMatching(/^no-restricted-properties/)]);
  });
});
