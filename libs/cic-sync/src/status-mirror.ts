import {
  canonicalJson,
  CicStatusMessageChanged,
  CicStatusMessageRemoved,
  cicStatusMessageStreamId,
  CicUserStatusChanged,
  cicUserStatusStreamId,
  type CicStatusMessage,
  type CicUserStatus,
  keptJson,
} from '@bridge/contracts';
import type { LoggedEvent } from './cic-mirror';
import { ICWS } from './icws-names';
import { contentDigest, type EventIdOf } from './cic-object-change';
import { mergeDelta } from './merge-delta';
import {
  parseRemovedStatusId,
  parseStatusEnvelope,
  parseStatusMessage,
  parseUserStatus,
} from './parse-status';
import type { Rejection } from './rejection';

/** A status fact (libs/contracts/src/presence) ready to be wrapped in an envelope and appended to its stream. */
export interface CicStatusChange {
  readonly fact: 'userStatus' | 'statusMessage';
  /** The user id, or the status id. */
  readonly id: string;
  readonly streamId: string;
  /** A digest of the state after the event (a name-based UUID of its canonical JSON); undefined for a removal. */
  readonly digest: string | undefined;
  /** Deterministic: derived from the stream, the previous event's id and the new content. */
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
}

export interface StatusDecision {
  readonly events: readonly CicStatusChange[];
  readonly rejections: readonly Rejection[];
}

/**
 * What the log holds last on one stream: a digest of its content (undefined once removed), all that deciding
 * whether new content changes it needs, and that event's id.
 */
interface Fact {
  readonly digest: string | undefined;
  readonly eventId: string;
}

/**
 * Facts of one sort (user statuses or status messages) by id: those the log holds, under those decided but not
 * yet appended. Staging lets the next message be decided while the previous ones are still being appended (the
 * batches that keep up with a status storm); a failed append drops the staged layer.
 */
class Facts {
  private readonly logged = new Map<string, Fact>();
  private readonly staged = new Map<string, Fact>();

  get(id: string): Fact | undefined {
    return this.staged.get(id) ?? this.logged.get(id);
  }

  log(id: string, fact: Fact): void {
    this.logged.set(id, fact);
    if (this.staged.get(id)?.eventId === fact.eventId) this.staged.delete(id);
  }

  stage(id: string, fact: Fact): void {
    this.staged.set(id, fact);
  }

  dropStaged(): void {
    this.staged.clear();
  }

  /** Ids whose latest fact is present (not removed). */
  present(): string[] {
    const ids = new Set([...this.logged.keys(), ...this.staged.keys()]);
    return [...ids].filter((id) => this.get(id)?.digest !== undefined);
  }
}

type RawItem = Record<string, unknown>;

/**
 * cic-ingestion's status decisions, without I/O (the presence counterpart of CicMirror): what the log knows of
 * each user's status and each status message definition, and the current session's raw user statuses that
 * deltas merge into.
 *
 * Use: `replay` every logged event at start; `startSession` on every (re)connect; `decide` each status message,
 * which stages its events at once so the next message sees them; after the append, `commit` them, or on failure
 * `dropStaged` (the session then reconnects and its snapshots bring back what was lost).
 */
export class CicStatusMirror {
  private readonly userStatuses = new Facts();
  private readonly statusMessages = new Facts();
  /** The session's raw statuses, which deltas merge into, as JSON text (see CicMirror's cache). */
  private readonly session = new Map<string, string>();

  constructor(private readonly eventIdOf: EventIdOf) {}

  replay(event: LoggedEvent): void {
    if (event.type === CicUserStatusChanged.type) {
      const data = CicUserStatusChanged.schema.safeParse(event.data);
      if (data.success)
        this.userStatuses.log(data.data.userStatus.userId, {
          digest: this.digestOf(canonicalJson(data.data.userStatus)),
          eventId: event.id,
        });
    } else if (event.type === CicStatusMessageChanged.type) {
      const data = CicStatusMessageChanged.schema.safeParse(event.data);
      if (data.success)
        this.statusMessages.log(data.data.statusMessage.id, {
          digest: this.digestOf(canonicalJson(data.data.statusMessage)),
          eventId: event.id,
        });
    } else if (event.type === CicStatusMessageRemoved.type) {
      const data = CicStatusMessageRemoved.schema.safeParse(event.data);
      if (data.success) this.statusMessages.log(data.data.id, { digest: undefined, eventId: event.id });
    }
  }

  startSession(): void {
    this.session.clear();
  }

  private digestOf(canonicalContent: string): string {
    return contentDigest(canonicalContent, this.eventIdOf);
  }

  commit(events: readonly CicStatusChange[]): void {
    for (const event of events) {
      this.factsOf(event).log(event.id, { digest: event.digest, eventId: event.eventId });
    }
  }

  dropStaged(): void {
    this.userStatuses.dropStaged();
    this.statusMessages.dropStaged();
  }

  /** What one status message (its `__type` is a status one: isStatusMessage) means; never throws. */
  decide(raw: unknown): StatusDecision {
    const parsed = parseStatusEnvelope(raw);
    if (!parsed.ok) return { events: [], rejections: [parsed.rejection] };
    const message = parsed.message;
    const events: CicStatusChange[] = [];
    const rejections: Rejection[] = [];
    const emit = (event: CicStatusChange | undefined) => {
      if (!event) return;
      events.push(event);
      this.factsOf(event).stage(event.id, { digest: event.digest, eventId: event.eventId });
    };
    if (message.kind === 'userStatus') {
      for (const item of message.statuses) {
        const whole = this.merged(item, message.isDelta);
        const result = parseUserStatus(whole);
        if (!result.ok) {
          rejections.push(result.rejection);
          continue;
        }
        this.session.set(result.id, keptJson(whole));
        emit(this.userStatusChange(result.value));
      }
      return { events, rejections };
    }
    const seen = new Set<string>();
    for (const item of [...message.added, ...message.changed]) {
      const result = parseStatusMessage(item);
      if (!result.ok) {
        rejections.push(result.rejection);
        // Still held by CIC: a snapshot must not read it as removed.
        if (result.rejection.id !== undefined) seen.add(result.rejection.id);
        continue;
      }
      seen.add(result.id);
      emit(this.statusMessageChange(result.value));
    }
    for (const item of message.removed) {
      const result = parseRemovedStatusId(item);
      if (result.ok) emit(this.statusMessageRemoval(result.id));
      else rejections.push(result.rejection);
    }
    // A snapshot holds every definition: a known one it lacks was removed while we were away.
    if (!message.isDelta)
      for (const id of this.statusMessages.present()) if (!seen.has(id)) emit(this.statusMessageRemoval(id));
    return { events, rejections };
  }

  /** A delta item merged into the session's last raw status of that user, so a partial item reads whole. */
  private merged(item: unknown, isDelta: boolean): unknown {
    if (!isDelta || typeof item !== 'object' || item === null || Array.isArray(item)) return item;
    const userId = (item as RawItem)[ICWS.userStatus.userId];
    const cached = typeof userId === 'string' ? this.session.get(userId) : undefined;
    return cached ? mergeDelta(JSON.parse(cached) as RawItem, item as RawItem) : item;
  }

  private userStatusChange(status: CicUserStatus): CicStatusChange | undefined {
    const streamId = cicUserStatusStreamId(status.userId);
    return this.changed('userStatus', status.userId, streamId, {
      type: CicUserStatusChanged.type,
      schemaVersion: CicUserStatusChanged.schemaVersion,
      data: { userStatus: status },
      content: canonicalJson(status),
    });
  }

  private statusMessageChange(message: CicStatusMessage): CicStatusChange | undefined {
    return this.changed('statusMessage', message.id, cicStatusMessageStreamId(message.id), {
      type: CicStatusMessageChanged.type,
      schemaVersion: CicStatusMessageChanged.schemaVersion,
      data: { statusMessage: message },
      content: canonicalJson(message),
    });
  }

  private statusMessageRemoval(id: string): CicStatusChange | undefined {
    const known = this.statusMessages.get(id);
    if (known?.digest === undefined) return undefined;
    const streamId = cicStatusMessageStreamId(id);
    return {
      fact: 'statusMessage',
      id,
      streamId,
      digest: undefined,
      eventId: this.eventIdOf(`cic|${streamId}|${known.eventId}|removed`),
      type: CicStatusMessageRemoved.type,
      schemaVersion: CicStatusMessageRemoved.schemaVersion,
      data: { id },
    };
  }

  /**
   * The event for new content on a stream, or none when the log already ends with it (a redelivery, a
   * reconnect's snapshot). Chaining on the previous id keeps A → B → A from colliding with the first A.
   */
  private changed(
    fact: CicStatusChange['fact'],
    id: string,
    streamId: string,
    next: { type: string; schemaVersion: number; data: unknown; content: string },
  ): CicStatusChange | undefined {
    const known = (fact === 'userStatus' ? this.userStatuses : this.statusMessages).get(id);
    const digest = this.digestOf(next.content);
    if (known?.digest === digest) return undefined;
    return {
      fact,
      id,
      streamId,
      digest,
      eventId: this.eventIdOf(`cic|${streamId}|${known?.eventId ?? ''}|${next.content}`),
      type: next.type,
      schemaVersion: next.schemaVersion,
      data: next.data,
    };
  }

  private factsOf(event: CicStatusChange): Facts {
    return event.fact === 'userStatus' ? this.userStatuses : this.statusMessages;
  }
}
