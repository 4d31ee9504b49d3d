import { randomBytes } from 'node:crypto';
import { freePort, startServiceProcess, type Isolation, type ServiceProcess } from '@bridge/testing';
import { hashPassword } from '../src/auth/password-check';

/** The local operator account the console suites sign in with. */
export const LOCAL = { name: 'ops', password: 'operator-pass-1' };

/** A CIC simulator process with a small generated center (PureCloudAdmin is its Master Administrator). */
export async function startCic(): Promise<ServiceProcess> {
  const port = await freePort();
  return startServiceProcess({
    name: 'cic-simulator',
    main: 'apps/cic-simulator/src/main.ts',
    args: ['--port', String(port), '--users', '5', '--workgroups', '1', '--skills', '1', '--wrapups', '1'],
    env: { LOG_LEVEL: 'warn' },
    baseUrl: `http://127.0.0.1:${port}`,
    ready: '/sim/state',
    timeoutMs: 60_000,
  });
}

/** The console as a process inside an isolation, with the local account and CIC sign-in through `cicUrl`. */
export async function startConsole(
  isolation: Isolation,
  cicUrl: string,
  env: Record<string, string> = {},
): Promise<ServiceProcess> {
  const port = await freePort();
  const account = `${LOCAL.name}=${await hashPassword(LOCAL.password, randomBytes(16), 2 ** 14)}`;
  return startServiceProcess({
    name: 'console',
    main: 'apps/console/src/main.ts',
    env: {
      ...isolation.env,
      LOG_LEVEL: 'warn',
      CONSOLE_PORT: String(port),
      CONSOLE_BASE_URL: `http://127.0.0.1:${port}`,
      CONSOLE_OPERATORS: account,
      CIC_SERVERS: cicUrl,
      ...env,
    },
    baseUrl: `http://127.0.0.1:${port}`,
    timeoutMs: 60_000,
  });
}
