import type { Isolation } from './isolation';
import { startServiceProcess, type ServiceProcess } from './service-process';

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
  return startGenesysCaller('genesys-delivery', 'GENESYS_DELIVERY_PORT', isolation, port, simUrl, env);
}

/**
 * historical-upload as a process in the isolation, against the simulator at `simUrl`; `env` adds or overrides,
 * `timeoutMs` bounds its start (startServiceProcess's default when unset).
 */
export function startHistoricalUpload(
  isolation: Isolation,
  port: number,
  simUrl: string,
  env: Record<string, string> = {},
  timeoutMs?: number,
): Promise<ServiceProcess> {
  return startGenesysCaller(
    'historical-upload',
    'HISTORICAL_UPLOAD_PORT',
    isolation,
    port,
    simUrl,
    env,
    timeoutMs,
  );
}

/** A service that calls Genesys Cloud, as a process in the isolation, against the simulator at `simUrl`. */
function startGenesysCaller(
  name: string,
  portVariable: string,
  isolation: Isolation,
  port: number,
  simUrl: string,
  env: Record<string, string>,
  timeoutMs?: number,
): Promise<ServiceProcess> {
  return startServiceProcess({
    name,
    main: `apps/${name}/src/main.ts`,
    env: {
      ...isolation.env,
      [portVariable]: String(port),
      GC_API_URL: simUrl,
      GC_LOGIN_URL: simUrl,
      LOG_LEVEL: 'warn',
      ...env,
    },
    baseUrl: `http://127.0.0.1:${port}`,
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
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
