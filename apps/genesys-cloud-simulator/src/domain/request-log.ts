import { createHash } from 'node:crypto';

/**
 * What the simulator was asked, for tests and benchmarks that count API calls. Endpoints are keyed by method and
 * path with ids replaced by `{id}`, so "GET /api/v2/routing/queues/{id}/members" counts every queue's members.
 * The counts run over every request since the last clear; only the newest entries are kept in full, so a long
 * benchmark is counted exactly without the log growing without bound.
 */
export interface LoggedRequest {
  /** On the simulator's (possibly scaled) clock, like every time the simulator reports. */
  readonly at: string;
  /** Wall-clock epoch milliseconds when the request arrived and when its answer ended: `Retry-After` is in
   * wall-clock seconds, so checking that a client honoured it needs these, not `at`. */
  readonly receivedAtMs: number;
  readonly answeredAtMs: number;
  readonly method: string;
  readonly path: string;
  readonly endpoint: string;
  readonly status: number;
  readonly retryAfterSeconds?: number;
  readonly clientId?: string;
  readonly durationMs: number;
  /** POST, PUT, PATCH and DELETE: a digest of the body as parsed, so a test can tell a call made twice. */
  readonly bodySha256?: string;
}

export interface RequestSummary {
  /** Every request since the last clear. */
  readonly total: number;
  readonly byEndpoint: Record<string, number>;
  readonly byStatus: Record<string, number>;
  /** How many of them `GET /sim/requests` still lists in full (the newest). */
  readonly kept: number;
}

const ID_SEGMENT = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d+)$/i;

export function endpointKey(method: string, path: string): string {
  const normal = path
    .split('?')[0]
    ?.split('/')
    .map((segment) => (ID_SEGMENT.test(segment) ? '{id}' : segment))
    .join('/');
  return `${method.toUpperCase()} ${normal ?? path}`;
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The digest of a mutating request's parsed body (JSON in the order it came, or text); none for a read. */
export function bodyDigest(method: string, body: unknown): string | undefined {
  if (!MUTATING.has(method.toUpperCase())) return undefined;
  const text = typeof body === 'string' ? body : JSON.stringify(body ?? null);
  return createHash('sha256').update(text).digest('hex');
}

export class RequestLog {
  private entries: LoggedRequest[] = [];
  private total = 0;
  private byEndpoint: Record<string, number> = {};
  private byStatus: Record<string, number> = {};

  constructor(private readonly capacity = 10_000) {}

  add(entry: LoggedRequest): void {
    this.total += 1;
    this.byEndpoint[entry.endpoint] = (this.byEndpoint[entry.endpoint] ?? 0) + 1;
    this.byStatus[String(entry.status)] = (this.byStatus[String(entry.status)] ?? 0) + 1;
    this.entries.push(entry);
    // Trimmed in chunks: one splice per request would make a full log quadratic.
    if (this.entries.length > this.capacity * 1.1) this.entries = this.entries.slice(-this.capacity);
  }

  /** Counts per endpoint and status; `/sim` calls are not logged, so they never disturb a count. */
  summary(): RequestSummary {
    return {
      total: this.total,
      byEndpoint: { ...this.byEndpoint },
      byStatus: { ...this.byStatus },
      kept: this.list().length,
    };
  }

  list(): readonly LoggedRequest[] {
    return this.entries.length > this.capacity ? this.entries.slice(-this.capacity) : this.entries;
  }

  clear(): void {
    this.entries = [];
    this.total = 0;
    this.byEndpoint = {};
    this.byStatus = {};
  }
}
