/**
 * What the event-ingestion endpoints remember across calls: the event ids already taken (a retried event is
 * answered as accepted and counted, not applied twice), the newest eventDateTime applied per user and endpoint
 * (an older event is ignored and counted: a user's state must never step back), and counters and delays that
 * tests and benchmarks read through /sim/presence-stats.
 */
export type EventEndpoint = 'presence' | 'routingStatus';

export type Admission = 'apply' | 'duplicate' | 'outOfOrder';

export interface PresenceStats {
  presenceEvents: number;
  routingStatusEvents: number;
  batches: number;
  duplicates: number;
  outOfOrder: number;
  rejected: number;
  /** Receipt time minus eventDateTime of every applied event, in milliseconds. */
  lagMs: { count: number; p50: number; p99: number; max: number };
}

/** One applied event: its endpoint, user, eventDateTime and receipt time (epoch ms). */
export type AppliedEvent = readonly [
  endpoint: EventEndpoint,
  userId: string,
  eventAt: number,
  receivedAt: number,
];

export class EventLedger {
  private readonly seen = new Set<string>();
  private readonly newest = new Map<string, number>();
  private readonly applied: AppliedEvent[] = [];
  private readonly counts = {
    presenceEvents: 0,
    routingStatusEvents: 0,
    batches: 0,
    duplicates: 0,
    outOfOrder: 0,
    rejected: 0,
  };

  batch(): void {
    this.counts.batches += 1;
  }

  reject(): void {
    this.counts.rejected += 1;
  }

  /** Decides what to do with a valid event and, when it is to be applied, records it as applied. */
  admit(
    endpoint: EventEndpoint,
    userId: string,
    eventId: string,
    eventAt: number,
    receivedAt: number,
  ): Admission {
    if (this.seen.has(eventId)) {
      this.counts.duplicates += 1;
      return 'duplicate';
    }
    this.seen.add(eventId);
    const key = `${endpoint}:${userId}`;
    const newest = this.newest.get(key);
    if (newest !== undefined && eventAt < newest) {
      this.counts.outOfOrder += 1;
      return 'outOfOrder';
    }
    this.newest.set(key, eventAt);
    this.counts[endpoint === 'presence' ? 'presenceEvents' : 'routingStatusEvents'] += 1;
    this.applied.push([endpoint, userId, eventAt, receivedAt]);
    return 'apply';
  }

  /** Starts the counters and the applied events afresh (a benchmark's next phase); ids and ordering are kept. */
  resetCounters(): void {
    for (const key of Object.keys(this.counts) as (keyof typeof this.counts)[]) this.counts[key] = 0;
    this.applied.length = 0;
  }

  /** The events applied since the counters were last reset, in the order they were applied. */
  appliedEvents(): readonly AppliedEvent[] {
    return this.applied;
  }

  stats(): PresenceStats {
    const sorted = this.applied
      .map(([, , eventAt, receivedAt]) => receivedAt - eventAt)
      .sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
    return {
      ...this.counts,
      lagMs: { count: sorted.length, p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1] ?? 0 },
    };
  }
}
