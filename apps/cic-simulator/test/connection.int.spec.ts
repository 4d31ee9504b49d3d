import { startCicSimulator, type RunningCicSimulator } from '../src/server';
import { connect, IC_AUTH, icws, type TestSession } from './icws-test-session';

describe('ICWS connection', () => {
  let simulator: RunningCicSimulator;
  let session: TestSession;

  beforeAll(async () => {
    simulator = await startCicSimulator({ port: 0, logLevel: 'silent' });
    session = await connect(simulator.url);
  });
  afterAll(() => simulator.close());

  it('signs in the admin and answers with tokens, headers, cookie and features', async () => {
    expect(session.body).toMatchObject({
      userID: 'PureCloudAdmin',
      alternateHostList: [],
      features: expect.arrayContaining([{ featureId: 'messaging', version: 2 }]) as unknown,
    });
    expect(session.cookie).toBe(`icws_${session.sessionId}=${session.cookie.split('=')[1]}`);
    const response = await fetch(`${simulator.url}/icws/connection`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': 'en-us' },
      body: JSON.stringify({ __type: IC_AUTH, userID: 'PureCloudAdmin', password: '1234' }),
    });
    expect(response.headers.get('ININ-ICWS-CSRF-Token')).toEqual(expect.any(String));
    expect(response.headers.get('ININ-ICWS-Session-ID')).toEqual(expect.any(String));
  });

  it('requires Accept-Language', async () => {
    const response = await fetch(`${simulator.url}/icws/connection`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ __type: IC_AUTH, userID: 'PureCloudAdmin', password: '1234' }),
    });
    expect(response.status).toBe(400);
  });

  it('signs in any CIC user with their password, and refuses a wrong one with 401', async () => {
    const user = simulator.simulation.center.users.values()[3];
    if (!user) throw new Error('no user');
    await expect(connect(simulator.url, user.id, '1234')).resolves.toMatchObject({
      body: { userID: user.id },
    });
    const response = await fetch(`${simulator.url}/icws/connection`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': 'en-us' },
      body: JSON.stringify({ __type: IC_AUTH, userID: user.id, password: 'wrong' }),
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('ICWS realm="ICWS" location="/ICWS/connection"');
  });

  it.each([
    ['the CSRF header', { 'ININ-ICWS-CSRF-Token': 'nope' }],
    ['the cookie', { cookie: 'icws_x=y' }],
  ])('answers 401 with WWW-Authenticate when %s is wrong', async (_, headers) => {
    const response = await icws(session, 'GET', '/connection', undefined, headers);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain('ICWS');
  });

  it('answers 401 for an unknown session id and 200 for a good session', async () => {
    expect((await icws({ ...session, sessionId: 'nope' }, 'GET', '/connection')).status).toBe(401);
    const response = await icws(session, 'GET', '/connection');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ connectionState: 1 });
  });

  it('signs in once with a one-time auth token', async () => {
    const issued = await icws(session, 'POST', '/connection/unique-auth-token', { authTokenSeed: 'seed-1' });
    const { authToken } = (await issued.json()) as { authToken: string };
    const signIn = () =>
      fetch(`${simulator.url}/icws/connection`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'accept-language': 'en-us' },
        body: JSON.stringify({
          __type: 'urn:inin.com:connection:authTokenConnectionRequestSettings',
          authToken,
          authTokenSeed: 'seed-1',
        }),
      });
    const first = await signIn();
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({ userID: 'PureCloudAdmin' });
    expect((await signIn()).status).toBe(401);
  });

  it('logs off with DELETE, after which the session is unknown', async () => {
    const other = await connect(simulator.url);
    expect((await icws(other, 'DELETE', '/connection')).status).toBe(204);
    expect((await icws(other, 'GET', '/connection')).status).toBe(401);
  });

  it('serves features and version without a session', async () => {
    const features: unknown = await (await fetch(`${simulator.url}/icws/connection/features`)).json();
    expect(features).toMatchObject({
      featureInfoList: expect.arrayContaining([{ featureId: 'messaging', version: 2 }]) as unknown,
    });
    expect((await fetch(`${simulator.url}/icws/connection/version`)).status).toBe(200);
  });
});

describe('ICWS connection advertising messaging v1', () => {
  it('lets clients be tested in polling mode', async () => {
    const simulator = await startCicSimulator({ port: 0, logLevel: 'silent', messagingVersion: 1 });
    try {
      const session = await connect(simulator.url);
      expect(session.body['features']).toContainEqual({ featureId: 'messaging', version: 1 });
      const response = await icws(session, 'GET', '/messaging/messages', undefined, {
        accept: 'text/event-stream',
      });
      expect(response.headers.get('content-type')).toContain('application/json');
    } finally {
      await simulator.close();
    }
  });
});
