// A parent process for service-process.int.spec.ts: starts the Genesys Cloud simulator as a service process,
// prints its URL and waits to be signalled.
import { freePort, startServiceProcess } from '../src/service-process';

async function main(): Promise<void> {
  const port = await freePort();
  const service = await startServiceProcess({
    name: 'genesys-cloud-simulator',
    main: 'apps/genesys-cloud-simulator/src/main.ts',
    env: { GC_SIM_PORT: String(port), LOG_LEVEL: 'warn' },
    baseUrl: `http://127.0.0.1:${port}`,
    ready: '/sim/state',
  });
  process.stdout.write(`${service.baseUrl}\n`);
  setInterval(() => undefined, 60_000);
}

void main();
