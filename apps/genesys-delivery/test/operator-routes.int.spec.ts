import {
  answersWithoutCredentials,
  createIsolation,
  freePort,
  httpRoutesOf,
  startDelivery,
  startGenesysSimulator,
  type HttpRoute,
  type Isolation,
  type ServiceProcess,
} from '@bridge/testing';
import { AppModule } from '../src/app.module';
import { readDeliveryConfig } from '../src/config';

/**
 * Every HTTP route genesys-delivery's module declares, read from its controllers' metadata rather than listed by
 * hand, refuses a caller without the operator token or with a wrong one; only the probes answer anyone.
 */
const open = new Set(['GET /live', 'GET /health', 'GET /metrics']);

let isolation: Isolation;
let sim: ServiceProcess;
let delivery: ServiceProcess;
let routes: HttpRoute[];

beforeAll(async () => {
  isolation = await createIsolation('deliveryroutes');
  const [simPort, port] = [await freePort(), await freePort()];
  sim = await startGenesysSimulator(simPort);
  delivery = await startDelivery(isolation, port, sim.baseUrl);
  const config = readDeliveryConfig({
    ...isolation.env,
    GENESYS_DELIVERY_PORT: String(port),
    GC_API_URL: sim.baseUrl,
    GC_LOGIN_URL: sim.baseUrl,
  });
  routes = httpRoutesOf(AppModule.register(config));
}, 120_000);

afterAll(async () => {
  await Promise.allSettled([delivery?.stop(), sim?.stop()]);
  await isolation?.dispose();
});

it('reads the operator routes from the controllers, the commands among them', () => {
  const names = routes.map((route) => `${route.method} ${route.path}`);
  expect(names).toEqual(
    expect.arrayContaining([
      'POST /replication/backfill',
      'POST /delivery/reprovision',
      'POST /delivery/sync/pause',
      'POST /delivery/sync/resume',
      'POST /delivery/deletions/confirm',
      'POST /delivery/records/retry',
      'GET /delivery/audit',
    ]),
  );
  expect(names.filter((name) => open.has(name)).sort()).toEqual([...open].sort());
});

it('refuses every operator route without the operator token', async () => {
  const operatorRoutes = routes.filter((route) => !open.has(`${route.method} ${route.path}`));
  const answers = await answersWithoutCredentials(delivery.baseUrl, operatorRoutes);
  expect(answers).toHaveLength(operatorRoutes.length * 2);
  expect(answers.filter((answer) => answer.status !== 401)).toEqual([]);
}, 60_000);
