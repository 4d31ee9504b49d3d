import { startServiceProcess, type Isolation, type ServiceProcess } from '@bridge/testing';

/** historical-upload as a process in the isolation, against the simulator at `simUrl`; `env` adds or overrides. */
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
