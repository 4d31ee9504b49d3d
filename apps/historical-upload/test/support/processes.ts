import { startServiceProcess, type Isolation, type ServiceProcess } from '@bridge/testing';

/** The services this suite runs as processes, each with the isolation's database and NATS. */
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

/** genesys-delivery: it creates the queues in the simulator and the org's rate budget table. */
export function startDelivery(isolation: Isolation, port: number, simUrl: string): Promise<ServiceProcess> {
  return startServiceProcess({
    name: 'genesys-delivery',
    main: 'apps/genesys-delivery/src/main.ts',
    env: {
      ...isolation.env,
      GENESYS_DELIVERY_PORT: String(port),
      GC_API_URL: simUrl,
      GC_LOGIN_URL: simUrl,
      LOG_LEVEL: 'warn',
    },
    baseUrl: `http://127.0.0.1:${port}`,
  });
}

export function startHistoricalUpload(
  isolation: Isolation,
  port: number,
  simUrl: string,
  env: Record<string, string> = {},
): Promise<ServiceProcess> {
  return startServiceProcess({
    name: 'historical-upload',
    main: 'apps/historical-upload/src/main.ts',
    env: {
      ...isolation.env,
      HISTORICAL_UPLOAD_PORT: String(port),
      GC_API_URL: simUrl,
      GC_LOGIN_URL: simUrl,
      HISTORICAL_UPLOAD_SCHEDULE: 'off',
      HISTORICAL_UPLOAD_POLL_MS: '200',
      HISTORICAL_UPLOAD_RETRY_MS: '200',
      GC_TIMEOUT_MS: '6000',
      LOG_LEVEL: 'warn',
      ...env,
    },
    baseUrl: `http://127.0.0.1:${port}`,
  });
}
