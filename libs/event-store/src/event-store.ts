/** An event about to be stored. `id` makes appends idempotent: storing an id twice is a no-op. */
export interface NewEvent {
  readonly id: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata?: EventMetadata;
}

/** What travels with an event besides its data: envelope fields and the W3C trace context of the append. */
export interface EventMetadata {
  readonly [key: string]: unknown;
  readonly trace?: Readonly<Record<string, string>>;
}

export interface StoredEvent {
  /** Position in the global log: strictly increasing in commit order, with gaps where a transaction failed. */
  readonly position: number;
  readonly id: string;
  readonly streamId: string;
  /** 1 for a stream's first event. */
  readonly streamVersion: number;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: EventMetadata;
  readonly recordedAt: Date;
}

/**
 * The version a writer expects the stream to be at: a number (0 = no events yet), `noStream` (same as 0), or
 * `any` to skip the check.
 */
export type ExpectedVersion = number | 'noStream' | 'any';

export interface AppendRequest {
  readonly streamId: string;
  readonly expectedVersion: ExpectedVersion;
  readonly events: readonly NewEvent[];
}

export interface AppendResult {
  readonly streamId: string;
  /** The stream's version after the append (unchanged when every event was already stored). */
  readonly nextVersion: number;
  /** How many events were new; 0 when the request repeated events already stored. */
  readonly appended: number;
}

/** Another writer moved the stream first. Re-read the stream, decide again, append again. */
export class WrongExpectedVersionError extends Error {
  override readonly name = 'WrongExpectedVersionError';
  constructor(
    readonly streamId: string,
    readonly expectedVersion: ExpectedVersion,
    readonly actualVersion: number,
  ) {
    super(`stream ${streamId} is at version ${actualVersion}, expected ${String(expectedVersion)}`);
  }
}

/** The event store port: the source of truth for everything CIC told the bridge (DESIGN §3). */
export interface EventStore {
  append(
    streamId: string,
    expectedVersion: ExpectedVersion,
    events: readonly NewEvent[],
  ): Promise<AppendResult>;
  /** Appends to several streams in one transaction: all requests succeed or none does. */
  appendMany(requests: readonly AppendRequest[]): Promise<AppendResult[]>;
  readStream(streamId: string, fromVersion?: number): Promise<StoredEvent[]>;
  /** Events after `fromPosition` (exclusive) in global order, at most `batchSize`. */
  readAll(fromPosition: number, batchSize: number): Promise<StoredEvent[]>;
}

/** Decides an append against a stream's current version; shared by every EventStore adapter. */
export function checkExpectedVersion(streamId: string, expected: ExpectedVersion, actual: number): void {
  if (expected === 'any') return;
  const wanted = expected === 'noStream' ? 0 : expected;
  if (wanted !== actual) throw new WrongExpectedVersionError(streamId, expected, actual);
}
