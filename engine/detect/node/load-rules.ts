/** Reads rule files (.yml/.yaml) from files and folders, recursively, in a stable order. */
import { readdir, readFile, stat } from 'node:fs/promises';
import { dirname, extname, join, relative, sep } from 'node:path';

export interface RuleFile {
  path: string;
  text: string;
  /** Folder relative to the root it was found under (`linux`; '' for a root's own files), for enabling rules by folder. */
  folder: string;
}

export async function loadRuleFiles(paths: readonly string[]): Promise<RuleFile[]> {
  const out: RuleFile[] = [];
  const walk = async (p: string, root: string): Promise<void> => {
    const st = await stat(p);
    if (st.isDirectory()) {
      const names = (await readdir(p)).sort();
      for (const n of names) if (!n.startsWith('.')) await walk(join(p, n), root);
    } else if (['.yml', '.yaml'].includes(extname(p).toLowerCase())) {
      const folder = root === p ? '' : relative(root, dirname(p)).split(sep).join('/');
      out.push({ path: p, text: await readFile(p, 'utf8'), folder });
    }
  };
  for (const p of paths) await walk(p, p);
  return out;
}
