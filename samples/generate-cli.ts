/** Usage: npx tsx samples/generate-cli.ts OUTDIR [--seed N] */
import { generateSampleCase } from './generate';

async function main(argv: string[]): Promise<number> {
  const outDir = argv[0];
  const seedAt = argv.indexOf('--seed');
  const seed = seedAt >= 0 ? Number(argv[seedAt + 1]) : undefined;
  if (!outDir || outDir.startsWith('--') || (seed !== undefined && !Number.isInteger(seed))) {
    process.stderr.write('usage: generate-cli OUTDIR [--seed N]\n');
    return 2;
  }
  const { files } = await generateSampleCase(outDir, { seed });
  for (const f of files) process.stdout.write(`${f.sha256}  ${String(f.records).padStart(6)}  ${f.path}\n`);
  const total = files.reduce((n, f) => n + f.records, 0);
  process.stdout.write(`${files.length} files, ${total} records\n`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`sample generation failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
