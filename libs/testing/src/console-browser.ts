/**
 * A browser's cookie jar and the requests it makes to the console, without following redirects: the console's
 * suites, the end-to-end suites and its benchmark sign in and read pages through it.
 */
export class ConsoleBrowser {
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

  /** The same browser, its cookies kept, answered by another instance (a load balancer's pick behind one address). */
  at(baseUrl: string): ConsoleBrowser {
    const moved = new ConsoleBrowser(baseUrl);
    for (const [name, value] of this.cookies) moved.cookies.set(name, value);
    return moved;
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }
}
