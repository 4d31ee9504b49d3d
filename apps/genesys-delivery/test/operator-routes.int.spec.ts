import {
  createIsolation,
  freePort,
  httpRoutesOf,
  operatorRoutesLetThrough,
  probeRoutes,
  routeName,
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
  const names = routes.map(routeName);
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
  expect(names.filter((name) => probeRoutes.includes(name)).sort()).toEqual([...probeRoutes].sort());
});

it('refuses every operator route without the operator token', async () => {
  const { calls, letThrough } = await operatorRoutesLetThrough(delivery.baseUrl, routes);
  expect(calls).toBe((routes.length - probeRoutes.length) * 2);
  expect(letThrough).toEqual([]);
}, 60_000);
