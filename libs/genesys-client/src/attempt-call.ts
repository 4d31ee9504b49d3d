import type { AttemptCall } from '@bridge/contracts';
import { GenesysFailure } from './genesys-failure';

/** A request as the client handed it to the SDK: its route, parameters and body, before anything is sent. */
export interface SentRequest {
  readonly method: string;
  readonly path: string;
  readonly pathParams: Readonly<Record<string, unknown>>;
  readonly queryParams: Readonly<Record<string, unknown>>;
  readonly body: unknown;
}

const LIMIT = 500;
const clip = (text: string) => (text.length > LIMIT ? `${text.slice(0, LIMIT - 1)}…` : text);
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The path with its parameters in place, as Genesys received it. */
function pathOf({ path, pathParams }: SentRequest): string {
  return path.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = pathParams[name];
    return typeof value === 'string' || typeof value === 'number' ? encodeURIComponent(value) : whole;
  });
}

/**
 * The query, and the names of the body's fields (a PATCH's replaced paths, an array's length): never a value of
 * the body, so nothing sent in one reaches a record's history.
 */
function requestOf({ queryParams, body }: SentRequest): string | undefined {
  const query = Object.entries(queryParams)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => `${name}=${String(value)}`)
    .join('&');
  const operations = isRecord(body) && Array.isArray(body['Operations']) ? body['Operations'] : undefined;
  const fields = operations
    ? operations
        .map((op: unknown) => (isRecord(op) ? `${String(op['op'])} ${String(op['path'])}` : '?'))
        .join(', ')
    : Array.isArray(body)
      ? `${body.length} item(s)`
      : isRecord(body)
        ? Object.keys(body).join(', ')
        : '';
  const text = [query && `?${query}`, fields && `{ ${fields} }`].filter(Boolean).join(' ');
  return text ? clip(text) : undefined;
}

/** The id of what the answer holds, or how many items, as far as it says. */
function answerOf(body: unknown): string | undefined {
  if (!isRecord(body)) return undefined;
  const items = [body['Resources'], body['entities']].find(Array.isArray);
  if (items) return `${items.length} item(s)`;
  return typeof body['id'] === 'string' ? clip(`id ${body['id']}`) : undefined;
}

/** One request and its answer, or its failure, for the record's history. */
export function attemptCallOf(
  sent: SentRequest,
  durationMs: number,
  answer: { status: number; body: unknown } | GenesysFailure,
): AttemptCall {
  const request = requestOf(sent);
  const summary =
    answer instanceof GenesysFailure ? clip(`${answer.code}: ${answer.message}`) : answerOf(answer.body);
  return {
    method: sent.method,
    path: clip(pathOf(sent)),
    ...(request ? { request } : {}),
    status: answer.status,
    ...(summary ? { answer: summary } : {}),
    durationMs: Math.max(0, Math.round(durationMs)),
  };
}
