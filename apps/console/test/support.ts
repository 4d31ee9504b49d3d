import { randomBytes } from 'node:crypto';
import { freePort, startServiceProcess, type Isolation, type ServiceProcess } from '@bridge/testing';
import { hashPassword } from '../src/auth/password-check';

/** The local operator account the console suites sign in with. */
export const LOCAL = { name: 'ops', password: 'operator-pass-1' };

/** A CIC simulator process with a small generated center (PureCloudAdmin is its Master Administrator). */
export async function startCic(): Promise<ServiceProcess> {
  const port = await freePort();
  return startServiceProcess({
    name: 'cic-simulator',
    main: 'apps/cic-simulator/src/main.ts',
    args: ['--port', String(port), '--users', '5', '--workgroups', '1', '--skills', '1', '--wrapups', '1'],
    env: { LOG_LEVEL: 'warn' },
    baseUrl: `http://127.0.0.1:${port}`,
    ready: '/sim/state',
    timeoutMs: 60_000,
  });
}

/** The console as a process inside an isolation, with the local account and CIC sign-in through `cicUrl`. */
export async function startConsole(
  isolation: Isolation,
  cicUrl: string,
  env: Record<string, string> = {},
): Promise<ServiceProcess> {
  const port = await freePort();
  const account = `${LOCAL.name}=${await hashPassword(LOCAL.password, randomBytes(16), 2 ** 14)}`;
  return startServiceProcess({
    name: 'console',
    main: 'apps/console/src/main.ts',
    env: {
      ...isolation.env,
      LOG_LEVEL: 'warn',
      CONSOLE_PORT: String(port),
      CONSOLE_BASE_URL: `http://127.0.0.1:${port}`,
      CONSOLE_OPERATORS: account,
      CIC_SERVERS: cicUrl,
      ...env,
    },
    baseUrl: `http://127.0.0.1:${port}`,
    timeoutMs: 60_000,
  });
}

/** A browser's cookie jar and the requests it makes to the console, without following redirects. */
export class Browser {
  private readonly cookies = new Map<string, string>();

  constructor(private readonly baseUrl: string) {}

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0)
      headers.set('Cookie', [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '));
    const response = await fetch(`${this.baseUrl}${path}`, { ...init, headers, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at);
      if (/Max-Age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, pair.slice(at + 1));
    }
    return response;
  }

  /** Opens the sign-in page and submits it; the answer of the submit. */
  async signIn(name: string, password: string): Promise<Response> {
    const form = await (await this.request('/sign-in')).text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form)?.[1] ?? '';
    return this.request('/sign-in', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, name, password }).toString(),
    });
  }

  /** The CSRF token of the signed-in session, as the pages carry it. */
  async csrfToken(): Promise<string> {
    const page = await (await this.request('/settings')).text();
    return /name="csrf-token" content="([^"]+)"/.exec(page)?.[1] ?? '';
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }
}
