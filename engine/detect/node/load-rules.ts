/** Reads rule files (.yml/.yaml) from files and folders, recursively, in a stable order. */
import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';

export interface RuleFile {
  path: string;
  text: string;
}

export async function loadRuleFiles(paths: readonly string[]): Promise<RuleFile[]> {
  const out: RuleFile[] = [];
  const walk = async (p: string): Promise<void> => {
    const st = await stat(p);
    if (st.isDirectory()) {
      const names = (await readdir(p)).sort();
      for (const n of names) if (!n.startsWith('.')) await walk(join(p, n));
    } else if (['.yml', '.yaml'].includes(extname(p).toLowerCase())) {
      out.push({ path: p, text: await readFile(p, 'utf8') });
    }
  };
  for (const p of paths) await walk(p);
  return out;
}
