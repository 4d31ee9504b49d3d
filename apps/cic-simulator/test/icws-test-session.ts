/**
 * A few fetch helpers for the in-process HTTP tests. Deliberately not the project's ICWS client: the simulator is
 * tested against the reference, not against our own reading of it.
 */
export interface TestSession {
  base: string;
  sessionId: string;
  csrfToken: string;
  cookie: string;
  body: Record<string, unknown>;
  headers: Record<string, string>;
}

export const IC_AUTH = 'urn:inin.com:connection:icAuthConnectionRequestSettings';

export async function connect(
  base: string,
  userID = 'PureCloudAdmin',
  password = '1234',
): Promise<TestSession> {
  const response = await fetch(`${base}/icws/connection?include=features,version`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-language': 'en-us' },
    body: JSON.stringify({ __type: IC_AUTH, applicationName: 'test', userID, password }),
  });
  if (response.status !== 201) throw new Error(`connect failed: ${response.status} ${await response.text()}`);
  const body = (await response.json()) as Record<string, unknown>;
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const csrfToken = String(body['csrfToken']);
  return {
    base,
    sessionId: String(body['sessionId']),
    csrfToken,
    cookie,
    body,
    headers: { 'ININ-ICWS-CSRF-Token': csrfToken, cookie },
  };
}

export async function icws(
  session: TestSession,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${session.base}/icws/${session.sessionId}${path}`, {
    method,
    headers: {
      ...session.headers,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

export async function sim(base: string, method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${base}/sim${path}`, {
    method,
    ...(body === undefined
      ? {}
      : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
}

export async function poll(session: TestSession): Promise<Record<string, unknown>[]> {
  const response = await icws(session, 'GET', '/messaging/messages');
  if (response.status !== 200) throw new Error(`poll failed: ${response.status}`);
  return (await response.json()) as Record<string, unknown>[];
}
