import { freePort, startServiceProcess, type ServiceProcess } from '@bridge/testing';
import type { SyncSystem } from './sync-system';

/**
 * The console as a process beside a running sync system: its isolation, operators signed in through the system's
 * CIC simulator (PureCloudAdmin is its Master Administrator).
 */
export async function startConsoleOf(
  system: SyncSystem,
  env: Record<string, string> = {},
): Promise<ServiceProcess> {
  const port = await freePort();
  return startServiceProcess({
    name: 'console',
    main: 'apps/console/src/main.ts',
    env: {
      ...system.isolation().env,
      LOG_LEVEL: 'warn',
      CONSOLE_PORT: String(port),
      CIC_SERVERS: system.cic.baseUrl,
      ...env,
    },
    baseUrl: `http://127.0.0.1:${port}`,
    timeoutMs: 60_000,
  });
}
