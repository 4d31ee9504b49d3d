/**
 * What the simulator was asked, for tests and benchmarks that count API calls. Endpoints are keyed by method and
 * path with ids replaced by `{id}`, so "GET /api/v2/routing/queues/{id}/members" counts every queue's members.
 */
export interface LoggedRequest {
  readonly at: string;
  readonly method: string;
  readonly path: string;
  readonly endpoint: string;
  readonly status: number;
  readonly clientId?: string;
  readonly durationMs: number;
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

export class RequestLog {
  private entries: LoggedRequest[] = [];

  constructor(private readonly capacity = 10_000) {}

  add(entry: LoggedRequest): void {
    this.entries.push(entry);
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
  }

  /** Counts per endpoint; `/sim` calls are not logged, so they never disturb a count. */
  summary(): { total: number; byEndpoint: Record<string, number>; byStatus: Record<string, number> } {
    const byEndpoint: Record<string, number> = {};
    const byStatus: Record<string, number> = {};
    for (const e of this.entries) {
      byEndpoint[e.endpoint] = (byEndpoint[e.endpoint] ?? 0) + 1;
      byStatus[String(e.status)] = (byStatus[String(e.status)] ?? 0) + 1;
    }
    return { total: this.entries.length, byEndpoint, byStatus };
  }

  list(): readonly LoggedRequest[] {
    return this.entries;
  }

  clear(): void {
    this.entries = [];
  }
}
