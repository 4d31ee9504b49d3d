import { listConfiguration } from './configuration';
import { IcwsConnectError } from './icws-errors';
import { alternateUrl, cleartextServers, connect, type Fetch, type IcwsSession } from './icws-session';
import { retrievalModeOf } from './messages';

type Handler = (url: URL, init: RequestInit) => Response;

function fakeFetch(handler: Handler): { fetch: Fetch; calls: string[] } {
  const calls: string[] = [];
  const fetchFn = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : input);
    calls.push(`${init?.method ?? 'GET'} ${url.origin}${url.pathname}`);
    return handler(url, init ?? {});
  }) as Fetch;
  return { fetch: fetchFn, calls };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

const connected = (messaging: number) =>
  json(
    201,
    { sessionId: 's1', csrfToken: 'c1', features: [{ featureId: 'messaging', version: messaging }] },
    { 'set-cookie': 'icws_s1=abc; Path=/; HttpOnly' },
  );

const credentials = { userId: 'PureCloudAdmin', password: '1234' };

describe('connect', () => {
  it('follows a 503 to the alternate host it names when that host is a configured server', async () => {
    const { fetch, calls } = fakeFetch((url) =>
      url.port === '8018'
        ? json(503, { message: 'switchover', alternateHostList: ['127.0.0.1:8019'] })
        : connected(2),
    );
    const servers = ['http://127.0.0.1:8018', 'http://127.0.0.1:8020', 'http://127.0.0.1:8019'];
    const session = await connect(servers, credentials, fetch);
    expect(calls).toEqual([
      'POST http://127.0.0.1:8018/icws/connection',
      'POST http://127.0.0.1:8019/icws/connection',
    ]);
    expect(session).toMatchObject({
      baseUrl: 'http://127.0.0.1:8019',
      sessionId: 's1',
      csrfToken: 'c1',
      cookie: 'icws_s1=abc',
    });
    expect(retrievalModeOf(session)).toBe('sse');
  });

  it('does not post credentials to an alternateHostList host outside the configured servers', async () => {
    const posted: { origin: string; body: string }[] = [];
    const { fetch } = fakeFetch((url, init) => {
      posted.push({ origin: url.origin, body: typeof init.body === 'string' ? init.body : '' });
      return url.origin === 'http://cic1.example:8018'
        ? json(503, {
            message: 'switchover',
            // another host, the same host on another port, and the right host:port over another scheme
            alternateHostList: ['evil.example', 'cic1.example:9999', 'cic2.example:8019', 'bad host'],
          })
        : connected(1);
    });
    const warnings: unknown[] = [];
    const session = await connect(
      ['http://cic1.example:8018', 'https://cic2.example:8019'],
      { ...credentials, onWarning: (warning) => warnings.push(warning) },
      fetch,
    );
    expect(posted.map((post) => post.origin)).toEqual([
      'http://cic1.example:8018',
      'https://cic2.example:8019',
    ]);
    expect(posted.filter((post) => post.body.includes(credentials.password))).toHaveLength(2);
    expect(session.baseUrl).toBe('https://cic2.example:8019');
    expect(warnings).toEqual(
      ['evil.example', 'cic1.example:9999', 'cic2.example:8019', 'bad host'].map((host) => ({
        type: 'alternateHostIgnored',
        host,
        namedBy: 'http://cic1.example:8018',
      })),
    );
  });

  it('tries the next configured server when one is unreachable, and polls on messaging v1', async () => {
    const { fetch } = fakeFetch((url) => {
      if (url.hostname === 'down.example') throw new TypeError('fetch failed');
      return connected(1);
    });
    const session = await connect(['http://down.example:8018', 'http://up.example:8018'], credentials, fetch);
    expect(session.baseUrl).toBe('http://up.example:8018');
    expect(retrievalModeOf(session)).toBe('polling');
  });

  it('says which servers it tried when none accepts', async () => {
    const { fetch } = fakeFetch(() => json(503, { message: 'down', alternateHostList: [] }));
    await expect(connect(['http://a:1', 'http://b:2'], credentials, fetch)).rejects.toBeInstanceOf(
      IcwsConnectError,
    );
  });

  it('signs in with a one-time auth token and learns the user from the answer', async () => {
    const bodies: unknown[] = [];
    const { fetch } = fakeFetch((_url, init) => {
      bodies.push(JSON.parse(typeof init.body === 'string' ? init.body : '{}'));
      return json(201, { sessionId: 's1', csrfToken: 'c1', userID: 'anna.oberg' });
    });
    const session = await connect(
      ['http://cic:8018'],
      { authToken: 'token-1', authTokenSeed: 'seed-1', applicationName: 'Cloud Bridge SSO' },
      fetch,
    );
    expect(bodies).toEqual([
      {
        __type: 'urn:inin.com:connection:authTokenConnectionRequestSettings',
        applicationName: 'Cloud Bridge SSO',
        authToken: 'token-1',
        authTokenSeed: 'seed-1',
      },
    ]);
    expect(session.userId).toBe('anna.oberg');
  });

  it.each([400, 401, 403])(
    'stops at a %i: the credentials go to no other server of the pair',
    async (status) => {
      const { fetch, calls } = fakeFetch(() => json(status, { message: 'refused' }));
      await expect(connect(['http://a:1', 'http://b:2'], credentials, fetch)).rejects.toMatchObject({
        name: 'IcwsSignInRefusedError',
        status,
      });
      expect(calls).toEqual(['POST http://a:1/icws/connection']);
    },
  );

  it('moves on past a server that answers another error', async () => {
    const { fetch } = fakeFetch((url) => (url.hostname === 'a' ? json(500, {}) : connected(1)));
    const session = await connect(['http://a:1', 'http://b:2'], credentials, fetch);
    expect(session).toMatchObject({ baseUrl: 'http://b:2', userId: 'PureCloudAdmin' });
  });

  it('reads an alternate host without a port on the port of the server that named it', () => {
    expect(alternateUrl('https://cic1.example:8019', 'cic2.example')).toBe('https://cic2.example:8019');
  });
});

describe('cleartextServers', () => {
  it('names the plain-http servers other than this machine, where the password would travel in clear text', () => {
    expect(
      cleartextServers([
        'http://127.0.0.1:8018',
        'http://localhost:8018',
        'https://cic1.example:8019',
        'http://cic2.example:8018',
      ]),
    ).toEqual(['http://cic2.example:8018']);
  });
});

describe('listConfiguration', () => {
  it('pages with Range until Content-Range says the list is done', async () => {
    const ranges: string[] = [];
    const { fetch } = fakeFetch((_url, init) => {
      const range = (init.headers as Record<string, string>)['Range'] ?? '';
      ranges.push(range);
      const [from, to] = range.replace('items=', '').split('-').map(Number) as [number, number];
      const last = Math.min(to, 4);
      const items = Array.from({ length: last - from + 1 }, (_, i) => ({
        configurationId: { id: `u${from + i}` },
      }));
      return json(200, { items }, { 'Content-Range': `items ${from}-${last}/5` });
    });
    const session: IcwsSession = {
      baseUrl: 'http://cic',
      sessionId: 's',
      csrfToken: 'c',
      cookie: 'k=v',
      language: 'en-us',
      userId: 'PureCloudAdmin',
      features: new Map(),
    };
    const items = await listConfiguration(session, 'users', { select: ['*'], pageSize: 2 }, fetch);
    expect(items).toHaveLength(5);
    expect(ranges).toEqual(['items=0-1', 'items=2-3', 'items=4-5']);
  });
});
