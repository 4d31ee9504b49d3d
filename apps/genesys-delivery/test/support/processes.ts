import { startServiceProcess, type Isolation, type ServiceProcess } from '@bridge/testing';

/** The Genesys Cloud simulator as a process on `port`, with its own settings (`GC_SIM_*`). */
export function startGenesysSimulator(
  port: number,
  env: Record<string, string> = {},
): Promise<ServiceProcess> {
  return startServiceProcess({
    name: 'genesys-cloud-simulator',
    main: 'apps/genesys-cloud-simulator/src/main.ts',
    env: { GC_SIM_PORT: String(port), ...env },
    baseUrl: `http://127.0.0.1:${port}`,
    ready: '/sim/state',
  });
}

/** genesys-delivery as a process in the isolation, against the simulator at `simUrl`; `env` adds or overrides. */
export function startDelivery(
  isolation: Isolation,
  port: number,
  simUrl: string,
  env: Record<string, string> = {},
): Promise<ServiceProcess> {
  return startServiceProcess({
    name: 'genesys-delivery',
    main: 'apps/genesys-delivery/src/main.ts',
    env: {
      ...isolation.env,
      GENESYS_DELIVERY_PORT: String(port),
      GC_API_URL: simUrl,
      GC_LOGIN_URL: simUrl,
      LOG_LEVEL: 'warn',
      ...env,
    },
    baseUrl: `http://127.0.0.1:${port}`,
  });
}

/** A JSON call to the simulator's API or its `/sim` controls; 204 answers undefined. */
export async function callSimulator(
  sim: ServiceProcess,
  path: string,
  method = 'GET',
  body?: unknown,
): Promise<unknown> {
  const response = await fetch(`${sim.baseUrl}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return response.status === 204 ? undefined : response.json();
}
