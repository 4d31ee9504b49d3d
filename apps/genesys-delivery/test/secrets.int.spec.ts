import { MappingSkillDesired } from '@bridge/contracts';
import {
  createIsolation,
  eventually,
  freePort,
  operatorHeaders,
  operatorToken,
  startServiceProcess,
  type Isolation,
  type ServiceProcess,
  startDelivery,
} from '@bridge/testing';
import { desiredPublisher, type DesiredPublisher } from './support/desired-publisher';
import { createServer, type Server } from 'node:http';

/**
 * genesys-delivery as a process against a stand-in Genesys that refuses it, at LOG_LEVEL=trace: whatever goes
 * wrong, the client secret and the access token reach neither the log nor the record statuses, and the operator
 * token not the log (review S19, T14). A stand-in rather than the simulator, because only a server the test
 * controls knows the token it issued.
 */
const clientSecret = 'gc-client-secret-5d1f0a';
const accessToken = 'gc-access-token-9e3c71b2';

let isolation: Isolation;
let publisher: DesiredPublisher;
let genesys: Server;
let genesysUrl: string;
let oauth: 'refuse' | 'grant' = 'refuse';
const seen = { token: 0, api: 0 };

beforeAll(async () => {
  isolation = await createIsolation('dsecrets');
  genesys = createServer((request, response) => {
    request.resume();
    response.setHeader('Content-Type', 'application/json');
    if (request.url?.startsWith('/oauth/token')) {
      seen.token += 1;
      if (oauth === 'refuse') {
        response.statusCode = 401;
        response.end(JSON.stringify({ error: 'invalid_client', description: 'client not found' }));
      } else
        response.end(JSON.stringify({ access_token: accessToken, token_type: 'bearer', expires_in: 86400 }));
      return;
    }
    seen.api += 1;
    response.statusCode = 500;
    response.end(JSON.stringify({ status: 500, code: 'internal.server.error', message: 'try again later' }));
  });
  const port = await freePort();
  await new Promise<void>((resolve) => genesys.listen(port, '127.0.0.1', resolve));
  genesysUrl = `http://127.0.0.1:${port}`;
  publisher = await desiredPublisher(isolation, 'delivery-secrets-test');
}, 60_000);

afterAll(async () => {
  await publisher?.close();
  await new Promise((resolve) => genesys?.close(resolve));
  await isolation?.dispose();
});

/** Delivery against the stand-in, at trace level: the level that would print a secret if anything did. */
async function startDeliveryAtTrace(): Promise<ServiceProcess> {
  return startDelivery(isolation, await freePort(), genesysUrl, {
    GC_CLIENT_ID: 'bridge-client',
    GC_CLIENT_SECRET: clientSecret,
    GC_RATE_LIMIT_PER_MINUTE: '0',
    DELIVERY_RETRY_BASE_MS: '50',
    DELIVERY_RETRY_MAX_MS: '200',
    LOG_LEVEL: 'trace',
  });
}

/**
 * Starts delivery, publishes a desired skill, waits until its record shows the failure and stops delivery;
 * answers the records and everything delivery printed.
 */
async function failOnce(key: string): Promise<{ records: string; output: string }> {
  const delivery = await startDeliveryAtTrace();
  let records = '';
  try {
    await publisher.publish(MappingSkillDesired, { key, state: 'present', document: { name: key } });
    records = await eventually(async () => {
      const response = await fetch(`${delivery.baseUrl}/delivery/records`, { headers: operatorHeaders });
      const found = (await response.json()) as { key: string; status: string }[];
      return found.some((r) => r.key === key && r.status === 'error') ? JSON.stringify(found) : undefined;
    }, 30_000);
  } finally {
    await delivery.stop();
  }
  return { records, output: delivery.output() };
}

function expectNoSecret(output: string): void {
  expect(output).not.toContain(clientSecret);
  expect(output).not.toContain(Buffer.from(`bridge-client:${clientSecret}`).toString('base64'));
  expect(output).not.toContain(accessToken);
  // The records were read with the operator token, at LOG_LEVEL=trace.
  expect(output).not.toContain(operatorToken);
}

it('neither logs nor stores the client secret when Genesys refuses the OAuth client', async () => {
  oauth = 'refuse';
  const { records, output } = await failOnce('refused');
  expect(seen.token).toBeGreaterThan(0);
  expectNoSecret(records);
  expectNoSecret(output);
}, 60_000);

it('neither logs nor stores the access token or the client secret when API calls fail', async () => {
  oauth = 'grant';
  seen.api = 0;
  const { records, output } = await failOnce('failing');
  expect(seen.api).toBeGreaterThan(0);
  expect(records).toMatch(/500|try again later/);
  expectNoSecret(records);
  expectNoSecret(output);
}, 60_000);

it('refuses to start without GC_CLIENT_SECRET, naming it', async () => {
  const env = Object.fromEntries(
    Object.entries(isolation.env).filter(([name]) => name !== 'GC_CLIENT_SECRET'),
  );
  const port = await freePort();
  const attempt = startServiceProcess({
    name: 'genesys-delivery',
    main: 'apps/genesys-delivery/src/main.ts',
    env: { ...env, GENESYS_DELIVERY_PORT: String(port) },
    baseUrl: `http://127.0.0.1:${port}`,
  });
  await expect(attempt).rejects.toThrow(/GC_CLIENT_SECRET: .*\(unset\)/);
}, 60_000);
