/**
 * `vestige`: the command-line front over the engine.
 *   vestige import <files or folders…> --case DIR [--json]
 *   vestige hunt <paths…|--case DIR> [--rules PATH…] [--format jsonl|csv] [--out FILE]
 *   vestige query --case DIR "<SQL>" [--format jsonl]
 *   vestige serve [--case DIR] [--port N]
 *   vestige rules check [PATH…] [--case DIR] [--json]
 *   vestige tree --case DIR [--host H] [--event ID] [--limit N] [--json]
 * A failure exits non-zero with one line on stderr.
 */
import { UsageError } from './args';
import { cmdHunt } from './cmd-hunt';
import { cmdImport } from './cmd-import';
import { cmdQuery } from './cmd-query';
import { cmdRules } from './cmd-rules';
import { cmdServe } from './cmd-serve';
import { cmdTree } from './cmd-tree';

const USAGE = `usage:
  vestige import <files or folders…> --case DIR [--json]
  vestige hunt <paths…|--case DIR> [--rules PATH…] [--format jsonl|csv] [--out FILE]
  vestige query --case DIR "<SQL>" [--format jsonl]
  vestige serve [--case DIR] [--port N]
  vestige rules check [PATH…] [--case DIR] [--json]
  vestige tree --case DIR [--host H] [--event ID] [--limit N] [--json]`;

export async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  try {
    switch (cmd) {
      case 'import':
        return await cmdImport(rest);
      case 'hunt':
        return await cmdHunt(rest);
      case 'query':
        return await cmdQuery(rest);
      case 'rules':
        return await cmdRules(rest);
      case 'serve':
        return await cmdServe(rest);
      case 'tree':
        return await cmdTree(rest);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        process.stdout.write(USAGE + '\n');
        return cmd === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command "${cmd}"`);
    }
  } catch (e) {
    const msg = (e as Error).message.split('\n')[0];
    process.stderr.write(`vestige: ${msg}${e instanceof UsageError ? ' (vestige help)' : ''}\n`);
    return e instanceof UsageError ? 2 : 1;
  }
}
