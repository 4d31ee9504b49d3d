import * as platformClient from 'purecloud-platform-client-v2';
import { type RunningGenesysCloudSimulator, startGenesysCloudSimulator } from '../src/server';

/** What the official SDK sees when the org's limit is reached or a fault is injected. */
interface SdkError {
  status: number;
  headers: Record<string, string>;
  body: { code: string; status: number };
}

let sim: RunningGenesysCloudSimulator;
const client = platformClient.ApiClient.instance;
const routing = new platformClient.RoutingApi();

async function failure(promise: Promise<unknown>): Promise<SdkError> {
  try {
    await promise;
  } catch (error) {
    return error as SdkError;
  }
  throw new Error('expected the call to fail');
}

beforeAll(async () => {
  sim = await startGenesysCloudSimulator({ port: 0, rateLimitPerMinute: 2 });
  client.setGateway({ host: '127.0.0.1', protocol: 'http', port: sim.port });
  client.setReturnExtendedResponses(true);
  await client.loginClientCredentialsGrant('bridge-sandbox', 'bridge-sandbox-secret');
});
afterAll(async () => {
  await sim.close();
});

it('hands the SDK a 429 with Retry-After and code too.many.requests', async () => {
  await routing.getRoutingSkills({});
  await routing.getRoutingSkills({});
  const error = await failure(routing.getRoutingSkills({}));
  expect(error.status).toBe(429);
  expect(Number(error.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  expect(error.body).toMatchObject({ code: 'too.many.requests', status: 429 });
});

it('hands the SDK an injected 503', async () => {
  await fetch(`${sim.url}/sim/rate-limit`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ perMinute: 1000 }),
  });
  // A new token starts with a full bucket, so the spent one above cannot make this test flaky.
  await client.loginClientCredentialsGrant('bridge-sandbox', 'bridge-sandbox-secret');
  await fetch(`${sim.url}/sim/faults`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ pathPrefix: '/api/v2/routing/queues', errorRatio: 1, remaining: 1 }),
  });
  const error = await failure(routing.getRoutingQueues({}));
  expect(error.body).toMatchObject({ status: 503, code: 'service.unavailable' });
  await expect(routing.getRoutingQueues({})).resolves.toMatchObject({ status: 200 });
});
