import {
  answersWithoutCredentials,
  ConsoleBrowser,
  createIsolation,
  httpRoutesOf,
  type Isolation,
  type ServiceProcess,
} from '@bridge/testing';
import { AppModule } from '../src/app.module';
import { readConsoleConfig } from '../src/config';
import { LOCAL, startCic, startConsole } from './support';

/**
 * Who may use the console, against the real CIC simulator (ICWS sign-in) and Postgres: every refusal an attacker
 * or a mistaken user meets, and the way in for a CIC Master Administrator and a local operator.
 */
let isolation: Isolation;
let cic: ServiceProcess;
let console_: ServiceProcess;
let plainCicUser: string;

beforeAll(async () => {
  isolation = await createIsolation('consoleauth');
  cic = await startCic();
  console_ = await startConsole(isolation, cic.baseUrl);
  const center = (await (await fetch(`${cic.baseUrl}/sim/center`)).json()) as { users: { id: string }[] };
  plainCicUser = center.users.find((user) => user.id !== 'PureCloudAdmin')?.id ?? '';
}, 120_000);

afterAll(async () => {
  await Promise.allSettled([console_?.stop(), cic?.stop()]);
  await isolation?.dispose();
});

const json = (csrf?: string, extra: Record<string, string> = {}) => ({
  'Content-Type': 'application/json',
  ...(csrf ? { 'X-CSRF-Token': csrf } : {}),
  ...extra,
});

/** Whether the operator activity holds an entry by `actor` whose action and detail contain these. */
async function audited(
  browser: ConsoleBrowser,
  actor: string,
  action: string,
  detail: string,
): Promise<boolean> {
  return (await activity(browser)).some(
    (entry) => entry.actor === actor && entry.action === action && entry.detail.includes(detail),
  );
}

async function activity(
  browser: ConsoleBrowser,
): Promise<{ actor: string; action: string; detail: string }[]> {
  return (await (await browser.request('/api/activity?source=operator&limit=50')).json()) as {
    actor: string;
    action: string;
    detail: string;
  }[];
}

describe('without a session', () => {
  it('refuses every API read and command, and sends a page to the sign-in', async () => {
    const anonymous = new ConsoleBrowser(console_.baseUrl);
    for (const path of ['/api/health', '/api/status', '/api/records', '/api/activity', '/api/config'])
      expect((await anonymous.request(path)).status).toBe(401);
    const post = await anonymous.request('/api/sync/pause', { method: 'POST', headers: json(), body: '{}' });
    expect(post.status).toBe(401);
    const page = await anonymous.request('/records');
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/sign-in');
  });

  it('refuses every route its controllers declare but the sign-in, the assets and the probes', async () => {
    const open = new Set([
      'GET /sign-in',
      'POST /sign-in',
      'GET /assets/console.css',
      'GET /assets/console.js',
      'GET /live',
      'GET /health',
      'GET /metrics',
    ]);
    // The routes as Nest's router reads them from the controllers, so a new one cannot be left out here.
    const config = readConsoleConfig({ ...isolation.env, CONSOLE_PORT: new URL(console_.baseUrl).port });
    const routes = httpRoutesOf(AppModule.register(config));
    const names = routes.map((route) => `${route.method} ${route.path}`);
    expect(names).toEqual(
      expect.arrayContaining(['POST /api/sync/pause', 'POST /api/projection/rebuild', 'GET /']),
    );
    expect(names.filter((name) => open.has(name)).sort()).toEqual([...open].sort());

    const answers = await answersWithoutCredentials(
      console_.baseUrl,
      routes.filter((route) => !open.has(`${route.method} ${route.path}`)),
    );
    // A page a browser opens is sent to the sign-in; everything else is refused outright.
    const refused = (answer: (typeof answers)[number]) =>
      answer.method === 'GET' && !answer.path.startsWith('/api/')
        ? answer.status === 303 && answer.location === '/sign-in'
        : answer.status === 401;
    expect(answers.filter((answer) => !refused(answer))).toEqual([]);
  }, 60_000);

  it('refuses a sign-in form that does not carry its token', async () => {
    const browser = new ConsoleBrowser(console_.baseUrl);
    const response = await browser.request('/sign-in', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: 'forged', name: LOCAL.name, password: LOCAL.password }).toString(),
    });
    expect(response.status).toBe(403);
    expect(browser.cookie('console_session')).toBeUndefined();
  });
});

describe('sign-in', () => {
  it('refuses a wrong password, says not which part was wrong, and audits the attempt', async () => {
    const browser = new ConsoleBrowser(console_.baseUrl);
    const response = await browser.signIn(LOCAL.name, 'not-the-password');
    expect(response.status).toBe(401);
    expect(await response.text()).toContain('The user name or password is wrong');
    expect(browser.cookie('console_session')).toBeUndefined();

    const operator = new ConsoleBrowser(console_.baseUrl);
    expect((await operator.signIn(LOCAL.name, LOCAL.password)).status).toBe(303);
    expect(await audited(operator, LOCAL.name, 'sign-in refused', 'wrongCredentials')).toBe(true);
  });

  it('refuses a CIC user who is not a Master Administrator, with the right CIC password', async () => {
    const browser = new ConsoleBrowser(console_.baseUrl);
    const response = await browser.signIn(plainCicUser, '1234');
    expect(response.status).toBe(401);
    expect(browser.cookie('console_session')).toBeUndefined();
    const operator = new ConsoleBrowser(console_.baseUrl);
    await operator.signIn(LOCAL.name, LOCAL.password);
    expect(await audited(operator, plainCicUser, 'sign-in refused', 'notAdministrator')).toBe(true);
  });

  it('lets a CIC Master Administrator in with a HttpOnly, SameSite=Strict session cookie', async () => {
    const browser = new ConsoleBrowser(console_.baseUrl);
    const response = await browser.signIn('PureCloudAdmin', '1234');
    expect(response.status).toBe(303);
    const setCookie = response.headers.getSetCookie().find((line) => line.startsWith('console_session='));
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect((await browser.request('/api/status')).status).toBe(200);
    expect(await (await browser.request('/')).text()).toContain('PureCloudAdmin');
  });

  it('locks a name out after repeated failures, even for the right password then', async () => {
    const browser = new ConsoleBrowser(console_.baseUrl);
    for (let i = 0; i < 5; i++)
      expect((await browser.signIn('PureCloudAdmin', `guess-${i}`)).status).toBe(401);
    expect((await browser.signIn('PureCloudAdmin', '1234')).status).toBe(429);
  });
});

describe('a signed-in operator', () => {
  let browser: ConsoleBrowser;
  let csrf: string;

  beforeAll(async () => {
    browser = new ConsoleBrowser(console_.baseUrl);
    expect((await browser.signIn(LOCAL.name, LOCAL.password)).status).toBe(303);
    csrf = await browser.csrfToken();
  });

  it('is refused a command without the CSRF token or with a wrong one, and each refusal is audited', async () => {
    const none = await browser.request('/api/sync/pause', { method: 'POST', headers: json(), body: '{}' });
    const wrong = await browser.request('/api/sync/pause', {
      method: 'POST',
      headers: json('x'.repeat(43)),
      body: '{}',
    });
    expect([none.status, wrong.status]).toEqual([403, 403]);
    const refusals = (await activity(browser)).filter((e) => e.action === 'request refused');
    expect(refusals.length).toBeGreaterThanOrEqual(2);
  });

  it('is refused a command from another origin, or not sent as JSON', async () => {
    const foreign = await browser.request('/api/sync/pause', {
      method: 'POST',
      headers: json(csrf, { Origin: 'https://evil.example' }),
      body: '{}',
    });
    const form = await browser.request('/api/sync/pause', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-CSRF-Token': csrf },
      body: 'reason=x',
    });
    expect([foreign.status, form.status]).toEqual([403, 415]);
  });

  it('gets the command through with the token; a malformed one is refused naming the field', async () => {
    const invalid = await browser.request('/api/quarantine/release', {
      method: 'POST',
      headers: json(csrf),
      body: JSON.stringify({ kind: 'printer' }),
    });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({ ok: false, refusal: { code: 'invalid', field: 'kind' } });
    // No genesys-delivery runs here: the command got past every check and found nobody to answer it.
    const sent = await browser.request('/api/sync/pause', {
      method: 'POST',
      headers: json(csrf),
      body: '{}',
    });
    expect(sent.status).toBe(503);
    expect(await audited(browser, LOCAL.name, 'OperatorSyncPause', 'unavailable')).toBe(true);
  });

  it('refuses a body over the limit', async () => {
    const response = await browser.request('/api/sync/pause', {
      method: 'POST',
      headers: json(csrf),
      body: JSON.stringify({ reason: 'x'.repeat(20_000) }),
    });
    expect(response.status).toBe(413);
  });

  it('signs out, after which the session no longer opens anything', async () => {
    const session = browser.cookie('console_session') ?? '';
    const out = await browser.request('/sign-out', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf }).toString(),
    });
    expect(out.status).toBe(303);
    const replay = await fetch(`${console_.baseUrl}/api/status`, {
      headers: { Cookie: `console_session=${session}` },
    });
    expect(replay.status).toBe(401);
  });
});
