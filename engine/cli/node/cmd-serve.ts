import { createHostService } from '../../host/node/host-service';
import { prepareDefaultCase } from '../../host/node/default-case';
import { rendererDir } from '../../host/node/resources';
import { startWebServer } from '../../host/node/web-server';
import { one, parseArgs, UsageError } from './args';

/** Web mode: serve the workbench on 127.0.0.1 until interrupted. */
export async function cmdServe(argv: string[]): Promise<number> {
  const a = parseArgs(argv, { values: ['case', 'port', 'rules'], bools: [] });
  const portText = one(a, 'port');
  const port = portText === undefined ? 0 : Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be 0..65535, got ${portText}`);
  const casePath = one(a, 'case') ?? (await prepareDefaultCase());
  const service = await createHostService({ casePath, kind: 'web', rulePaths: a.flags.get('rules') });
  const server = await startWebServer({ service, staticDir: rendererDir(), port });
  process.stdout.write(`Vestige web mode: ${server.url}\n`);
  process.stdout.write(`case: ${casePath}\n`);
  await new Promise<void>((done) => {
    const stop = () => done();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  await service.close();
  return 0;
}
