import type { Fetch } from '@bridge/icws-client';
import { IcwsDirectory } from './icws-directory';

type Handler = (url: URL, body: Record<string, unknown>) => Response;

/** A CIC switchover pair (or more) behind one fake fetch, recording every call as `METHOD origin path`. */
function cic(handler: Handler): { fetch: Fetch; calls: string[] } {
  const calls: string[] = [];
  const fetchFn = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : input);
    calls.push(`${init?.method ?? 'GET'} ${url.origin}${url.pathname}`);
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as Record<string, unknown>) : {};
    return handler(url, body);
  }) as Fetch;
  return { fetch: fetchFn, calls };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** An active CIC server: signs `anna.oberg` in by password or by the token `t-1`, and serves her record. */
const active: Handler = (url, body) => {
  if (url.pathname === '/icws/connection') {
    const known =
      (body['userID'] === 'anna.oberg' && body['password'] === 'secret') || body['authToken'] === 't-1';
    return known ? json(201, { sessionId: 's1', csrfToken: 'c1', userID: 'anna.oberg' }) : json(401, {});
  }
  if (url.pathname === '/icws/s1/configuration/users/anna.oberg')
    return json(200, {
      personalInformationProperties: { emailAddress: 'anna@example.com' },
      mailboxProperties: { emailAddress: 'anna.mailbox@example.com' },
    });
  return new Response(null, { status: 204 });
};

const standby = (alternateHostList: string[]): Response =>
  json(503, { message: 'the standby server is not active', alternateHostList });

const anna = {
  kind: 'signedIn',
  identity: {
    userId: 'anna.oberg',
    businessEmail: 'anna@example.com',
    mailboxEmail: 'anna.mailbox@example.com',
  },
};

describe('IcwsDirectory', () => {
  it('signs a user in with their password, reads their own emails and logs off', async () => {
    const { fetch, calls } = cic(active);
    const directory = new IcwsDirectory({ servers: ['http://cic1:8018'], fetch });
    await expect(directory.signIn({ userId: 'anna.oberg', password: 'secret' })).resolves.toEqual(anna);
    expect(calls).toEqual([
      'POST http://cic1:8018/icws/connection',
      'GET http://cic1:8018/icws/s1/configuration/users/anna.oberg',
      'DELETE http://cic1:8018/icws/s1/connection',
    ]);
  });

  it('signs a user in with a one-time auth token, learning who they are from CIC', async () => {
    const posted: Record<string, unknown>[] = [];
    const { fetch } = cic((url, body) => {
      if (url.pathname === '/icws/connection') posted.push(body);
      return active(url, body);
    });
    const directory = new IcwsDirectory({ servers: ['http://cic1:8018'], fetch });
    await expect(directory.signIn({ authToken: 't-1', authTokenSeed: 'seed' })).resolves.toEqual(anna);
    expect(posted).toEqual([
      {
        __type: 'urn:inin.com:connection:authTokenConnectionRequestSettings',
        applicationName: 'Cloud Bridge SSO',
        authToken: 't-1',
        authTokenSeed: 'seed',
      },
    ]);
  });

  it.each([400, 401, 403])(
    'rejects the credentials on a %i without trying them on the other server',
    async (status) => {
      const { fetch, calls } = cic(() => json(status, { message: 'refused' }));
      const directory = new IcwsDirectory({ servers: ['http://cic1:8018', 'http://cic2:8018'], fetch });
      await expect(directory.signIn({ userId: 'anna.oberg', password: 'wrong' })).resolves.toEqual({
        kind: 'rejected',
      });
      expect(calls).toEqual(['POST http://cic1:8018/icws/connection']);
    },
  );

  it('follows a 503 to the alternate host it names when that host is one of CIC_SERVERS', async () => {
    const { fetch, calls } = cic((url, body) =>
      url.hostname === 'cic1' ? standby(['cic2:8018']) : active(url, body),
    );
    // cic2 is configured last: the alternate is tried before the configured order would reach it.
    const servers = ['http://cic1:8018', 'http://cic3:8018', 'http://cic2:8018'];
    const directory = new IcwsDirectory({ servers, fetch });
    await expect(directory.signIn({ userId: 'anna.oberg', password: 'secret' })).resolves.toEqual(anna);
    expect(calls.filter((call) => call.endsWith('/icws/connection'))).toEqual([
      'POST http://cic1:8018/icws/connection',
      'POST http://cic2:8018/icws/connection',
    ]);
  });

  it("does not send the user's password to an alternate host outside CIC_SERVERS, and says so", async () => {
    const { fetch, calls } = cic((url, body) =>
      url.hostname === 'cic1' ? standby(['evil.example:8018']) : active(url, body),
    );
    const warnings: unknown[] = [];
    const directory = new IcwsDirectory({
      servers: ['http://cic1:8018', 'http://cic2:8018'],
      fetch,
      onWarning: (warning) => warnings.push(warning),
    });
    await expect(directory.signIn({ userId: 'anna.oberg', password: 'secret' })).resolves.toEqual(anna);
    expect(calls.some((call) => call.includes('evil.example'))).toBe(false);
    expect(warnings).toEqual([
      { type: 'alternateHostIgnored', host: 'evil.example:8018', namedBy: 'http://cic1:8018' },
    ]);
  });

  it('reports CIC as unavailable, not the credentials as wrong, when no server accepts', async () => {
    const { fetch } = cic((url) => {
      if (url.hostname === 'cic1') throw new TypeError('fetch failed');
      return standby([]);
    });
    const directory = new IcwsDirectory({ servers: ['http://cic1:8018', 'http://cic2:8018'], fetch });
    await expect(directory.signIn({ userId: 'anna.oberg', password: 'secret' })).resolves.toMatchObject({
      kind: 'unavailable',
      detail: expect.stringContaining('http://cic2:8018: 503') as unknown,
    });
  });

  it('refuses an oversized answer as CIC being unavailable', async () => {
    const { fetch } = cic(() => json(201, { sessionId: 's1', padding: 'x'.repeat(2 * 1024 * 1024) }));
    const directory = new IcwsDirectory({ servers: ['http://cic1:8018'], fetch });
    await expect(directory.signIn({ userId: 'anna.oberg', password: 'secret' })).resolves.toMatchObject({
      kind: 'unavailable',
    });
  });

  it("logs off even when the user's record cannot be read", async () => {
    const { fetch, calls } = cic((url, body) =>
      url.pathname.includes('/configuration/') ? json(500, {}) : active(url, body),
    );
    const directory = new IcwsDirectory({ servers: ['http://cic1:8018'], fetch });
    await expect(directory.signIn({ userId: 'anna.oberg', password: 'secret' })).resolves.toMatchObject({
      kind: 'unavailable',
    });
    expect(calls.at(-1)).toBe('DELETE http://cic1:8018/icws/s1/connection');
  });
});
