import { type RunningGenesysCloudSimulator, startGenesysCloudSimulator } from '../src/server';
import { send, token } from './http-client';
import { definition, validate } from './openapi';

const SKILLS = '/api/v2/routing/skills';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('rate limit and token lifetime', () => {
  let sim: RunningGenesysCloudSimulator;
  beforeAll(async () => {
    // 5 a minute, and a clock 60× faster: one token comes back every 200 ms of real time.
    sim = await startGenesysCloudSimulator({
      port: 0,
      rateLimitPerMinute: 5,
      clockScale: 60,
      clients: [
        { clientId: 'bridge-sandbox', clientSecret: 'bridge-sandbox-secret' },
        { clientId: 'short', clientSecret: 'lived', accessTokenValiditySeconds: 30 },
      ],
    });
  });
  afterAll(async () => {
    await sim.close();
  });

  it('answers 429 too.many.requests with Retry-After once a token spent its budget, then recovers', async () => {
    const bearer = await token(sim.url);
    for (let i = 0; i < 5; i += 1) expect((await send(sim.url, bearer, 'GET', SKILLS)).status).toBe(200);
    const limited = await send(sim.url, bearer, 'GET', SKILLS);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(validate(limited.body, definition('ErrorBody'))).toEqual([]);
    expect(limited.body).toMatchObject({
      status: 429,
      code: 'too.many.requests',
      message: 'Rate limit exceeded the maximum [5] requests within [60] seconds',
    });
    const other = await token(sim.url);
    expect((await send(sim.url, other, 'GET', SKILLS)).status).toBe(200);
    await sleep(250);
    expect((await send(sim.url, bearer, 'GET', SKILLS)).status).toBe(200);
  });

  it('expires tokens after the client lifetime (on the scaled clock)', async () => {
    const bearer = await token(sim.url, 'short', 'lived');
    expect((await send(sim.url, bearer, 'GET', SKILLS)).status).toBe(200);
    await sleep(600);
    expect((await send(sim.url, bearer, 'GET', SKILLS)).body).toMatchObject({
      status: 401,
      code: 'bad.credentials',
    });
  });

  it('refuses bad client credentials and missing tokens', async () => {
    const response = await fetch(`${sim.url}/oauth/token`, {
      method: 'POST',
      headers: { Authorization: `Basic ${Buffer.from('bridge-sandbox:wrong').toString('base64')}` },
      body: new URLSearchParams({ grant_type: 'client_credentials' }),
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: 'invalid_client' });
    expect((await send(sim.url, undefined, 'GET', SKILLS)).body).toMatchObject({
      status: 401,
      code: 'authentication.required',
    });
  });
});

describe('fault injection, seeding and reset through /sim', () => {
  let sim: RunningGenesysCloudSimulator;
  let bearer = '';
  const addFault = (rule: Record<string, unknown>) => send(sim.url, undefined, 'POST', '/sim/faults', rule);
  beforeAll(async () => {
    sim = await startGenesysCloudSimulator({ port: 0 });
    bearer = await token(sim.url);
  });
  afterAll(async () => {
    await sim.close();
  });
  afterEach(async () => {
    await send(sim.url, undefined, 'DELETE', '/sim/faults');
  });

  it('fails the configured share of requests on a path with 5xx', async () => {
    await addFault({ pathPrefix: SKILLS, errorRatio: 0.5 });
    const statuses = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await send(sim.url, bearer, 'GET', SKILLS)).status);
    expect(statuses).toEqual([200, 503, 200, 503]);
    expect((await send(sim.url, bearer, 'GET', '/api/v2/routing/languages')).status).toBe(200);
  });

  it('adds latency', async () => {
    await addFault({ pathPrefix: SKILLS, latencyMs: 300 });
    const started = Date.now();
    expect((await send(sim.url, bearer, 'GET', SKILLS)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('holds requests open until the client times out, and resets connections', async () => {
    await addFault({ pathPrefix: SKILLS, method: 'GET', timeoutRatio: 1, remaining: 1 });
    await expect(
      fetch(`${sim.url}${SKILLS}`, {
        headers: { Authorization: `Bearer ${bearer}` },
        signal: AbortSignal.timeout(300),
      }),
    ).rejects.toThrow();
    await addFault({ pathPrefix: '/api/v2/routing/languages', resetRatio: 1 });
    await expect(
      fetch(`${sim.url}/api/v2/routing/languages`, { headers: { Authorization: `Bearer ${bearer}` } }),
    ).rejects.toThrow();
    const log = (await send(sim.url, undefined, 'GET', '/sim/requests')).body as {
      entries: { path: string; status: number }[];
    };
    // Both requests were cut off without an answer: the log keeps them with status 0.
    expect(log.entries.filter((e) => e.status === 0).map((e) => e.path)).toEqual([
      SKILLS,
      '/api/v2/routing/languages',
    ]);
  });

  it('seeds foreign objects, dumps state and resets', async () => {
    const seeded = await send(sim.url, undefined, 'POST', '/sim/seed', {
      skills: [{ name: 'Legacy' }],
      queues: [{ name: 'Theirs' }],
      users: [{ userName: 'them@example.com', displayName: 'Them' }],
    });
    expect(seeded.status).toBe(200);
    const queues = await send(sim.url, bearer, 'GET', '/api/v2/routing/queues?name=Theirs');
    expect(queues.body).toMatchObject({ total: 1 });
    const state = (await send(sim.url, undefined, 'GET', '/sim/state')).body as {
      org: { skills: Record<string, { foreign: boolean }> };
    };
    expect(Object.values(state.org.skills)).toEqual([
      expect.objectContaining({ name: 'Legacy', foreign: true }),
    ]);
    expect((await send(sim.url, undefined, 'POST', '/sim/reset')).status).toBe(204);
    const after = (await send(sim.url, undefined, 'GET', '/sim/state')).body as {
      org: { skills: Record<string, unknown> };
    };
    expect(after.org.skills).toEqual({});
    expect((await send(sim.url, undefined, 'GET', '/sim/requests/summary')).body).toMatchObject({ total: 0 });
  });
});
