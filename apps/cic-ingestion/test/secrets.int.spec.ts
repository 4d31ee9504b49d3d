import {
  createIsolation,
  eventually,
  freePort,
  startServiceProcess,
  type Isolation,
  type ServiceProcess,
} from '@bridge/testing';

/**
 * cic-ingestion as a process against the CIC simulator, at LOG_LEVEL=trace: a refused sign-in is logged and
 * reported by /health, and neither names the password it tried (review S19, T14). Without CIC_PASSWORD the
 * service refuses to start, naming the variable (S10).
 */
const adminPassword = 'cic-admin-pass-3a7e51';
const wrongPassword = 'cic-wrong-pass-b82f09';

let isolation: Isolation;
let cic: ServiceProcess;

beforeAll(async () => {
  isolation = await createIsolation('isecrets');
  const cicPort = await freePort();
  cic = await startServiceProcess({
    name: 'cic-simulator',
    main: 'apps/cic-simulator/src/main.ts',
    args: ['--port', String(cicPort), '--users', '3', '--workgroups', '1', '--skills', '1', '--wrapups', '1'],
    env: { LOG_LEVEL: 'warn', CIC_SIM_ADMIN_PASSWORD: adminPassword },
    baseUrl: `http://127.0.0.1:${cicPort}`,
    ready: '/sim/state',
  });
}, 60_000);

afterAll(async () => {
  await cic?.stop();
  await isolation?.dispose();
});

async function startIngestion(env: Record<string, string>): Promise<ServiceProcess> {
  const port = await freePort();
  return startServiceProcess({
    name: 'cic-ingestion',
    main: 'apps/cic-ingestion/src/main.ts',
    env: { ...env, CIC_INGESTION_PORT: String(port), CIC_SERVERS: cic.baseUrl, LOG_LEVEL: 'trace' },
    baseUrl: `http://127.0.0.1:${port}`,
    // /health answers 503 while CIC refuses the sign-in.
    ready: '/metrics',
  });
}

it('does not log the CIC password when the sign-in is refused', async () => {
  const ingestion = await startIngestion({ ...isolation.env, CIC_PASSWORD: wrongPassword });
  let health = '';
  let live = 0;
  try {
    health = await eventually(async () => {
      const text = await (await fetch(`${ingestion.baseUrl}/health`)).text();
      return /CIC connection down/.test(text) ? text : undefined;
    });
    // Not ready, yet alive: Kubernetes must not restart a pod for an outage of CIC (deploy/k8s liveness).
    live = (await fetch(`${ingestion.baseUrl}/live`)).status;
    await eventually(async () => (/CIC connection lost/.test(ingestion.output()) ? true : undefined));
  } finally {
    await ingestion.stop();
  }
  expect(health).not.toContain(wrongPassword);
  expect(live).toBe(200);
  expect(ingestion.output()).not.toContain(wrongPassword);
  expect(ingestion.output()).not.toContain(adminPassword);
}, 60_000);

it('refuses to start without CIC_PASSWORD, naming it', async () => {
  const env = Object.fromEntries(Object.entries(isolation.env).filter(([name]) => name !== 'CIC_PASSWORD'));
  await expect(startIngestion(env)).rejects.toThrow(/CIC_PASSWORD: .*\(unset\)/);
}, 60_000);
