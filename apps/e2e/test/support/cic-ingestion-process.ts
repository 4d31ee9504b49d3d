import { startServiceProcess, type Isolation, type ServiceProcess } from '@bridge/testing';

/** cic-ingestion as its own process inside `isolation`, reading `cicServers` (a switchover pair, primary first). */
export function startCicIngestion(options: {
  isolation: Isolation;
  cicServers: readonly string[];
  port: number;
  logLevel?: string;
}): Promise<ServiceProcess> {
  return startServiceProcess({
    name: 'cic-ingestion',
    main: 'apps/cic-ingestion/src/main.ts',
    env: {
      ...options.isolation.env,
      CIC_INGESTION_PORT: String(options.port),
      CIC_SERVERS: options.cicServers.join(','),
      LOG_LEVEL: options.logLevel ?? 'warn',
    },
    baseUrl: `http://127.0.0.1:${options.port}`,
  });
}

/** A `/sim` request to the CIC simulator (its README); throws on an error answer, naming the request. */
export async function simRequest(
  cic: ServiceProcess,
  method: string,
  path: string,
  body?: unknown,
): Promise<void> {
  const response = await fetch(`${cic.baseUrl}/sim${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} /sim${path}: ${response.status} ${await response.text()}`);
}
