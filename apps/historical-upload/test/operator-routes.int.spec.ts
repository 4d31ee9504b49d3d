import { OperatorUploadStatusRead } from '@bridge/contracts';
import { connectNats, sendOperatorCommandToEvery, Topology, type NatsConnection } from '@bridge/messaging';
import {
  createIsolation,
  freePort,
  httpRoutesOf,
  operatorRoutesLetThrough,
  probeRoutes,
  routeName,
  startHistoricalUpload,
  startGenesysSimulator,
  type HttpRoute,
  type Isolation,
  type ServiceProcess,
} from '@bridge/testing';
import { AppModule } from '../src/app.module';
import { readHistoricalUploadConfig } from '../src/config';

/**
 * Every HTTP route historical-upload's module declares, read from its controllers' metadata rather than listed by
 * hand, refuses a caller without the operator token or with a wrong one; only the probes answer anyone. Its
 * status read, the one operator command it answers on NATS, names the process and its settings for the console.
 */
let isolation: Isolation;
let sim: ServiceProcess;
let upload: ServiceProcess;
let routes: HttpRoute[];
let nats: NatsConnection;

beforeAll(async () => {
  isolation = await createIsolation('uploadroutes');
  const [simPort, port] = [await freePort(), await freePort()];
  sim = await startGenesysSimulator(simPort);
  upload = await startHistoricalUpload(isolation, port, sim.baseUrl);
  const config = readHistoricalUploadConfig({
    ...isolation.env,
    HISTORICAL_UPLOAD_PORT: String(port),
    GC_API_URL: sim.baseUrl,
    GC_LOGIN_URL: sim.baseUrl,
  });
  routes = httpRoutesOf(AppModule.register(config));
}, 120_000);

afterAll(async () => {
  await Promise.allSettled([upload?.stop(), sim?.stop(), nats?.close()]);
  await isolation?.dispose();
});

it('reads the operator routes from the controllers, the commands among them', () => {
  const names = routes.map(routeName);
  expect(names).toEqual(
    expect.arrayContaining([
      'POST /historical-upload/runs',
      'POST /historical-upload/projection/rebuild',
      'GET /historical-upload/jobs/x',
    ]),
  );
  expect(names.filter((name) => probeRoutes.includes(name)).sort()).toEqual([...probeRoutes].sort());
});

it('refuses every operator route without the operator token', async () => {
  const { calls, letThrough } = await operatorRoutesLetThrough(upload.baseUrl, routes);
  expect(calls).toBe((routes.length - probeRoutes.length) * 2);
  expect(letThrough).toEqual([]);
}, 60_000);

it('answers the status read on NATS with its process, its projection lag and no job yet', async () => {
  nats = await connectNats(isolation.natsUrl, 'upload-operator-test');
  const answers = await sendOperatorCommandToEvery(
    nats,
    new Topology(isolation.namespace),
    OperatorUploadStatusRead,
    { operator: 'admin' },
    2_000,
  );
  expect(answers).toHaveLength(1);
  expect(answers[0]).toMatchObject({
    ok: true,
    result: {
      process: { service: 'historical-upload' },
      projection: { backlog: 0, lagSeconds: 0 },
    },
  });
  expect(answers[0]?.ok && answers[0].result.inFlight).toBeUndefined();
});

it('answers its effective settings with where each came from, secrets without their value', async () => {
  const [answer] = await sendOperatorCommandToEvery(
    nats,
    new Topology(isolation.namespace),
    OperatorUploadStatusRead,
    { operator: 'admin' },
    2_000,
  );
  const settings = answer?.ok ? answer.result.settings : undefined;
  expect(settings).toEqual(
    expect.arrayContaining([
      { name: 'GC_API_URL', value: sim.baseUrl, secret: false, source: 'environment' },
      { name: 'GC_CLIENT_SECRET', secret: true, source: 'environment' },
      { name: 'HISTORICAL_UPLOAD_DAILY_AT', value: '02:00', secret: false, source: 'default' },
    ]),
  );
  expect(JSON.stringify(answer)).not.toContain(isolation.env['GC_CLIENT_SECRET'] ?? 'unset');
});
