import { ICWS } from '@bridge/cic-sync';
import { DEFAULT_MAX_RESPONSE_BYTES, readTextCapped } from './bounded-body';
import { IcwsConnectError, IcwsHttpError, IcwsSignInRefusedError } from './icws-errors';

/** A CIC user's id and password (§3.1). */
export interface IcwsPasswordCredentials {
  readonly userId: string;
  readonly password: string;
}

/** A one-time token a user's own session issued (§3.1: valid once, for 7 s), with the seed it was asked with. */
export interface IcwsTokenCredentials {
  readonly authToken: string;
  readonly authTokenSeed?: string;
}

export type IcwsCredentials = IcwsPasswordCredentials | IcwsTokenCredentials;

/** Something `connect` noticed and skipped, for the caller to log (this library does not log). */
export interface IcwsWarning {
  readonly type: 'alternateHostIgnored';
  /** The `alternateHostList` entry as the server sent it. */
  readonly host: string;
  /** The server whose 503 named it. */
  readonly namedBy: string;
}

/** How to connect, whoever signs in. */
export interface IcwsConnectSettings {
  readonly applicationName?: string;
  /** Fixed for the life of the session (§3.1); required by the server. */
  readonly language?: string;
  /** The longest answer (or server-sent event) accepted from the server; DEFAULT_MAX_RESPONSE_BYTES if unset. */
  readonly maxResponseBytes?: number;
  /** How long one server may take to answer the connection request before the next one is tried. */
  readonly timeoutMs?: number;
  readonly onWarning?: (warning: IcwsWarning) => void;
}

export type IcwsConnectOptions = IcwsConnectSettings & IcwsCredentials;

/** One ICWS session on one server: what every later request must carry (§3.1). */
export interface IcwsSession {
  readonly baseUrl: string;
  /** The signed-in user: the connect answer's `userID`, else the user id signed in with. */
  readonly userId: string;
  readonly sessionId: string;
  readonly csrfToken: string;
  readonly cookie: string;
  readonly language: string;
  /** Feature id → version, from the connect answer. */
  readonly features: ReadonlyMap<string, number>;
  /** See IcwsConnectOptions.maxResponseBytes. */
  readonly maxResponseBytes?: number;
}

/** The fetch the client calls: Node's global one, or a test's. */
export type Fetch = typeof fetch;

/** The cap that applies to a session's answers. */
export const responseCapOf = (session: { readonly maxResponseBytes?: number | undefined }): number =>
  session.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;

/** An answer's body: JSON when it parses, else its text, undefined when empty; refused over `maxBytes`. */
export async function readBody(response: Response, maxBytes: number, url?: string): Promise<unknown> {
  const text = await readTextCapped(response, maxBytes, url);
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** The URL of an `alternateHostList` entry: `host[:port]`, with the scheme and port of the server that named it. */
export function alternateUrl(from: string, host: string): string {
  const base = new URL(from);
  const url = new URL(`${base.protocol}//${host}`);
  if (!/:\d+$/.test(host)) url.port = base.port;
  return url.origin;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The servers that would receive the admin password in clear text: plain http to anything but this machine. CIC
 * serves https on 8019 (§3.1); the caller decides whether that is worth a warning or a refusal.
 */
export function cleartextServers(servers: readonly string[]): string[] {
  return servers.filter((server) => {
    const url = new URL(server);
    return url.protocol === 'http:' && !LOOPBACK.has(url.hostname);
  });
}

/** The alternate's origin when it is one of the configured servers; undefined for any other (or unreadable) host. */
function configuredAlternate(
  from: string,
  host: string,
  configured: ReadonlySet<string>,
): string | undefined {
  try {
    const url = alternateUrl(from, host);
    return configured.has(url) ? url : undefined;
  } catch {
    return undefined;
  }
}

function alternatesOf(body: unknown): string[] {
  const list =
    typeof body === 'object' && body !== null
      ? (body as Record<string, unknown>)['alternateHostList']
      : undefined;
  return Array.isArray(list) ? list.filter((host): host is string => typeof host === 'string') : [];
}

/** The connection request body (§3.1): exactly one `__type` of settings, by what the caller signs in with. */
function connectionRequest(options: IcwsConnectOptions): Record<string, string> {
  const applicationName = options.applicationName ?? 'Cloud Bridge';
  if ('password' in options)
    return {
      __type: ICWS.connection.icAuthType,
      applicationName,
      userID: options.userId,
      password: options.password,
    };
  return {
    __type: ICWS.connection.authTokenType,
    applicationName,
    authToken: options.authToken,
    ...(options.authTokenSeed === undefined ? {} : { authTokenSeed: options.authTokenSeed }),
  };
}

/** 400, 401 and 403 refuse the request itself, which the other server of the pair would refuse too. */
const REFUSED = new Set([400, 401, 403]);

/**
 * Connects to the first server that accepts, in order. A `503` means "use another server" (§3.1): the
 * `alternateHostList` it names is tried next, then the rest of the configured list (a switchover pair); so does a
 * server that does not answer or answers another error. The credentials follow an alternate only when it is one of
 * `servers` (same scheme, host and port): any server can answer 503, and a host it names is not thereby trusted
 * with a password. Others are reported through `onWarning` and skipped. A refusal (400, 401, 403) ends the round
 * with IcwsSignInRefusedError: the credentials go to no other server, where they would only count as one more
 * failed attempt (and a one-time token is spent anyway).
 */
export async function connect(
  servers: readonly string[],
  options: IcwsConnectOptions,
  fetchFn: Fetch = fetch,
): Promise<IcwsSession> {
  const queue = servers.map((server) => new URL(server).origin);
  const configured = new Set(queue);
  const tried = new Set<string>();
  const attempts: string[] = [];
  const language = options.language ?? 'en-us';
  for (let index = 0; index < queue.length; index++) {
    const baseUrl = queue[index] as string;
    if (tried.has(baseUrl)) continue;
    tried.add(baseUrl);
    try {
      const response = await fetchFn(`${baseUrl}${ICWS.connection.path}?include=${ICWS.connection.include}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', [ICWS.headers.acceptLanguage]: language },
        body: JSON.stringify(connectionRequest(options)),
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      const body = await readBody(response, responseCapOf(options), baseUrl);
      if (response.status === 503) {
        const alternates = alternatesOf(body).flatMap((host) => {
          const url = configuredAlternate(baseUrl, host, configured);
          if (url === undefined)
            options.onWarning?.({ type: 'alternateHostIgnored', host, namedBy: baseUrl });
          return url === undefined ? [] : [url];
        });
        queue.splice(index + 1, 0, ...alternates);
        attempts.push(`${baseUrl}: 503`);
        continue;
      }
      if (REFUSED.has(response.status)) throw new IcwsSignInRefusedError(response.status, baseUrl, body);
      if (!response.ok) throw new IcwsHttpError(response.status, baseUrl, body);
      return {
        ...sessionFrom(baseUrl, response, body, language, 'userId' in options ? options.userId : ''),
        maxResponseBytes: responseCapOf(options),
      };
    } catch (error) {
      if (error instanceof IcwsSignInRefusedError) throw error;
      attempts.push(`${baseUrl}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  throw new IcwsConnectError(attempts);
}

function sessionFrom(
  baseUrl: string,
  response: Response,
  body: unknown,
  language: string,
  signedInAs: string,
): IcwsSession {
  const record = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  const sessionId = text(record['sessionId']) ?? response.headers.get(ICWS.headers.sessionId) ?? '';
  const csrfToken = text(record['csrfToken']) ?? response.headers.get(ICWS.headers.csrfToken) ?? '';
  const userId = text(record['userID']) ?? signedInAs;
  const cookie = response.headers
    .getSetCookie()
    .map((line) => line.split(';')[0]?.trim() ?? '')
    .filter((pair) => pair !== '')
    .join('; ');
  const features = new Map<string, number>();
  const list = record['features'];
  if (Array.isArray(list)) {
    for (const feature of list as unknown[]) {
      if (typeof feature !== 'object' || feature === null) continue;
      const { featureId, version } = feature as Record<string, unknown>;
      if (typeof featureId === 'string' && typeof version === 'number') features.set(featureId, version);
    }
  }
  return { baseUrl, userId, sessionId, csrfToken, cookie, language, features };
}

/** A request on the session: its path below `/icws/{sessionId}`, with the CSRF header and the session cookie. */
export async function sessionFetch(
  session: IcwsSession,
  path: string,
  init: RequestInit & { headers?: Record<string, string> } = {},
  fetchFn: Fetch = fetch,
): Promise<Response> {
  return fetchFn(`${session.baseUrl}${ICWS.basePath}/${encodeURIComponent(session.sessionId)}${path}`, {
    ...init,
    headers: {
      [ICWS.headers.acceptLanguage]: session.language,
      [ICWS.headers.csrfToken]: session.csrfToken,
      Cookie: session.cookie,
      ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...init.headers,
    },
  });
}

/** A PUT of a JSON body on the session (subscriptions); an error answer throws IcwsHttpError. */
export function sessionPut(
  session: IcwsSession,
  path: string,
  body: unknown,
  fetchFn: Fetch = fetch,
): Promise<void> {
  return sessionSend(session, 'PUT', path, body, fetchFn);
}

/** A PUT or POST of a JSON body on the session whose answer is only its status; an error throws IcwsHttpError. */
export async function sessionSend(
  session: IcwsSession,
  method: 'PUT' | 'POST',
  path: string,
  body: unknown,
  fetchFn: Fetch = fetch,
): Promise<void> {
  const response = await sessionFetch(session, path, { method, body: JSON.stringify(body) }, fetchFn);
  const answer = await readBody(response, responseCapOf(session), path);
  if (!response.ok) throw new IcwsHttpError(response.status, path, answer);
}

/** Logs off; best effort, since the session may already be gone. */
export async function disconnect(session: IcwsSession, fetchFn: Fetch = fetch): Promise<void> {
  try {
    await sessionFetch(
      session,
      '/connection',
      { method: 'DELETE', signal: AbortSignal.timeout(2_000) },
      fetchFn,
    );
  } catch {
    // the server is down or already dropped the session: nothing to log off from
  }
}
