import {
  canonicalJson,
  isCicEvent,
  keptText,
  MappingPresenceDesired,
  MappingSecondaryStatusDesired,
  targetKindOf,
  targetKinds,
  type BridgeEvent,
  type CicEvent,
  type Envelope,
  type EventDefinition,
} from '@bridge/contracts';
import {
  affectedTargets,
  allTargets,
  desiredStateOf,
  evolve,
  initialCicState,
  needsPublishing,
  parseTargetId,
  targetId,
  type DesiredState,
  type MappingRules,
} from '@bridge/mapping';
import {
  desiredPresenceOf,
  desiredSecondaryStatusOf,
  evolvePresence,
  initialPresenceState,
  isPresenceEvent,
  sequencedPresence,
  type DesiredPresenceState,
  type DesiredSecondaryStatusState,
  type PresenceEvent,
  type PresenceRules,
} from '@bridge/presence-mapping';
import type { TraceCarrier } from '@bridge/telemetry';
import { Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppliedSequences } from './applied-sequences';

/**
 * Reads a stream up to the message that was last when the read began, handing each event with its stream
 * sequence to `onEvent`; returns that last sequence. JetStream in the app (stream-readers.ts).
 */
export type StreamReader = (
  options: { readonly stream: 'CIC' | 'MAPPING'; readonly lastPerSubject: boolean },
  onEvent: (event: BridgeEvent, sequence: number) => void,
) => Promise<number>;

/** Where desired documents go: MAPPING, through the app's EventPublisher, in the trace of their cause. */
export interface DesiredPublisher {
  publish(envelope: Envelope, trace?: TraceCarrier): Promise<unknown>;
}

export interface MappingProjectionOptions {
  readonly rules: MappingRules;
  readonly presence: PresenceRules;
  /** MAPPING_REBUILD: republish every desired document at start, changed or not. */
  readonly rebuild: boolean;
  readonly readStream: StreamReader;
  readonly publisher: DesiredPublisher;
}

/** The event a published document follows from (its causation), in the trace of that event's correlation. */
interface Cause {
  readonly correlationId: string;
  readonly causationId?: string;
  /** Its place in the CIC stream (at start: how far the rebuild read), which sequences presences. */
  readonly sequence: number;
  /** The trace of the change it came from: a batch of many changes publishes each in its own trace. */
  readonly trace?: TraceCarrier;
}

// Publishes in parallel up to this many at a time: a Treat-as-Language toggle can touch thousands of users, and
// one round trip each in series would dominate the change latency. Different targets have different subjects,
// so their relative order does not matter.
const publishBatch = 1024;

/**
 * How long queue documents may be held back while more CIC events are already waiting. A queue's document lists
 * its synced members, and a snapshot lists workgroups before users: published after every batch of member
 * events, each queue would go out once per batch (thousands of documents for nothing). A lone change is never
 * held: nothing is waiting behind it.
 */
const queueHoldMs = 1000;

/**
 * The presence lane's documents beside the targets, in the same records of what is dirty and published: a
 * presence by CIC user id, a secondary status by CIC status id, named as `targetId` names targets (`kind:key`)
 * with kinds no configuration target has, so the names never collide.
 */
const presenceId = (userId: string) => `presence:${userId}`;
const secondaryStatusId = (statusId: string) => `secondaryStatus:${statusId}`;
const presenceDocuments: readonly [string, EventDefinition][] = [
  ['presence:', MappingPresenceDesired],
  ['secondaryStatus:', MappingSecondaryStatusDesired],
];
const queueTargetPrefix = targetId({ kind: 'queue', key: '' });

/**
 * The CIC projection and the record of what was published, kept in memory (one instance of object-mapping per
 * deployment: the projection is not shared). At start it is rebuilt from the streams themselves: the last
 * document per target from MAPPING (what delivery already has), then the CIC stream from the beginning; every
 * target is recomputed and only documents that differ are published. After that each CIC event recomputes only
 * the targets it affects.
 */
export class MappingProjection implements OnApplicationBootstrap {
  private readonly logger = new Logger('MappingProjection');
  private readonly state = initialCicState();
  private readonly presenceState = initialPresenceState();
  /** target id → canonical JSON of the last desired state published for it, flat (keptText): held for every
   * target of the center, so a rope of JSON.stringify's parts would cost several times the text. */
  private readonly published = new Map<string, string>();
  /** Targets whose desired state must be compared and maybe published, each with the event that last touched
   * it; kept until published, so a failed publish is retried on the redelivery even though the event itself is
   * already applied. */
  private readonly dirty = new Map<string, Cause>();
  private readonly applied = new AppliedSequences();
  private started?: Promise<void>;
  /** Since when queue documents are held back (see queueHoldMs). */
  private queuesHeldSince: number | undefined;
  /** Publishes held queue documents if no batch comes to do it (the messages waiting were all invalid, say). */
  private heldRelease: NodeJS.Timeout | undefined;
  /** Flushes run one after another: a batch's and the held documents' release. */
  private flushing: Promise<unknown> = Promise.resolve();
  /** When the start-up rebuild finished. */
  private rebuiltAt: Date | undefined;
  /** When the consumer last handed a batch. */
  private lastAppliedAt: Date | undefined;

  constructor(private readonly options: MappingProjectionOptions) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.start();
  }

  /** Rebuilds once per process; the consumer waits for it, whichever of the two asks first. */
  start(): Promise<void> {
    this.started ??= this.rebuildFromStreams();
    return this.started;
  }

  /**
   * Applies a batch of CIC events from the durable consumer in order, then publishes what changed, once per
   * target: a snapshot lists workgroups before their users, and a queue published after each member's event
   * would be published once per member. Throws to be retried.
   */
  async apply(
    batch: readonly { event: BridgeEvent; sequence: number; trace?: TraceCarrier }[],
    moreComing = false,
  ): Promise<void> {
    await this.start();
    for (const { event, sequence, trace } of batch) {
      const cause = { correlationId: event.correlationId, causationId: event.id, sequence, trace };
      if (!this.applied.has(sequence) && isCicEvent(event)) this.applyEvent(event, sequence, cause);
      else if (!this.applied.has(sequence) && isPresenceEvent(event))
        this.applyPresenceEvent(event, sequence, cause);
      this.applied.add(sequence);
    }
    if (batch.length > 0) this.lastAppliedAt = new Date();
    const now = Date.now();
    const holdQueues = moreComing && now - (this.queuesHeldSince ??= now) < queueHoldMs;
    if (holdQueues) this.releaseHeldLater();
    else this.queuesHeldSince = undefined;
    await this.serially(() =>
      this.flush(false, holdQueues ? (id) => !id.startsWith(queueTargetPrefix) : undefined),
    );
  }

  private releaseHeldLater(): void {
    this.heldRelease ??= setTimeout(() => {
      this.heldRelease = undefined;
      if (this.queuesHeldSince === undefined) return;
      this.queuesHeldSince = undefined;
      // A failure leaves the documents dirty for the next batch.
      this.serially(() => this.flush()).catch((error: unknown) =>
        this.logger.warn(`held queue documents not published yet: ${String(error)}`),
      );
    }, queueHoldMs).unref();
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const run = this.flushing.then(work);
    this.flushing = run.catch(() => undefined);
    return run;
  }

  private async rebuildFromStreams(): Promise<void> {
    const { readStream } = this.options;
    const started = Date.now();
    await readStream({ stream: 'MAPPING', lastPerSubject: true }, (event) => {
      const kind = targetKindOf(event.type);
      const data = event.data as { key: string };
      const document = keptText(canonicalJson(event.data));
      if (kind && kind !== 'secondaryStatus') this.published.set(targetId({ kind, key: data.key }), document);
      else if (event.type === MappingPresenceDesired.type) this.published.set(presenceId(data.key), document);
      else if (event.type === MappingSecondaryStatusDesired.type)
        this.published.set(secondaryStatusId(data.key), document);
    });
    const previouslyPublished = [...this.published.keys()];
    let events = 0;
    const readUpTo = await readStream({ stream: 'CIC', lastPerSubject: false }, (event, sequence) => {
      if (isCicEvent(event)) evolve(this.state, event, sequence);
      else if (isPresenceEvent(event)) evolvePresence(this.presenceState, event, sequence);
      else return;
      events++;
    });
    this.applied.reset(readUpTo);
    // Targets that were published but that CIC no longer knows (removed while we were down) come back as
    // absent; all others are recomputed with the current rules.
    this.markEverythingDirty({ correlationId: randomUUID(), sequence: readUpTo }, previouslyPublished);
    const count = await this.flush(this.options.rebuild);
    this.rebuiltAt = new Date();
    this.logger.log(
      `rebuilt from ${events} CIC events (sequence ${readUpTo}) and ${previouslyPublished.length} ` +
        `published documents in ${Date.now() - started} ms; published ${count}` +
        (this.options.rebuild ? ' (MAPPING_REBUILD: every document)' : ' changed documents'),
    );
  }

  /** Every target, presence and secondary status CIC knows, and `published` ones, to be recomputed. */
  private markEverythingDirty(cause: Cause, published: Iterable<string> = this.published.keys()): number {
    for (const id of published) this.dirty.set(id, cause);
    for (const target of allTargets(this.state)) this.dirty.set(targetId(target), cause);
    for (const userId of this.presenceState.statuses.keys()) this.dirty.set(presenceId(userId), cause);
    for (const message of this.presenceState.messages.values())
      this.dirty.set(secondaryStatusId(message.id), cause);
    return this.dirty.size;
  }

  /**
   * The operator's rebuild (OperatorMappingRebuild): every desired document recomputed from the projection of
   * the CIC log and republished, changed or not, as `MAPPING_REBUILD` does at start. Runs after the start-up
   * rebuild and between the consumer's batches.
   */
  async republishEverything(): Promise<{ published: number; total: number; durationMs: number }> {
    await this.start();
    const started = Date.now();
    return await this.serially(async () => {
      const total = this.markEverythingDirty({
        correlationId: randomUUID(),
        sequence: this.applied.contiguous,
      });
      const published = await this.flush(true);
      return { published, total, durationMs: Date.now() - started };
    });
  }

  /** Where the projection stands, for the operator's status read. */
  status(): { rebuilt: boolean; lastAppliedSequence: number; lastAppliedAt?: Date; dirty: number } {
    return {
      rebuilt: this.rebuiltAt !== undefined,
      lastAppliedSequence: this.applied.contiguous,
      ...(this.lastAppliedAt ? { lastAppliedAt: this.lastAppliedAt } : {}),
      dirty: this.dirty.size,
    };
  }

  private applyEvent(event: CicEvent, sequence: number, cause: Cause): void {
    // affectedTargets reads the state before the event: evolve updates it in place.
    for (const target of affectedTargets(this.state, event)) {
      this.dirty.set(targetId(target), cause);
      // Whether a user is synced decides whether it has a presence: a user becoming synced gets its current one.
      if (target.kind === 'user') this.dirty.set(presenceId(target.key), cause);
    }
    evolve(this.state, event, sequence);
  }

  private applyPresenceEvent(event: PresenceEvent, sequence: number, cause: Cause): void {
    const { users, statusMessages } = evolvePresence(this.presenceState, event, sequence);
    for (const userId of users) this.dirty.set(presenceId(userId), cause);
    for (const statusId of statusMessages) this.dirty.set(secondaryStatusId(statusId), cause);
  }

  /** The desired state of a dirty document and the event that carries it; undefined when there is none yet. */
  private desiredOf(
    id: string,
    cause: Cause,
  ):
    | {
        definition: EventDefinition;
        desired: DesiredState | DesiredPresenceState | DesiredSecondaryStatusState;
      }
    | undefined {
    const lane = presenceDocuments.find(([prefix]) => id.startsWith(prefix));
    if (!lane) {
      const target = parseTargetId(id);
      return {
        definition: targetKinds[target.kind].desired,
        desired: desiredStateOf(this.state, target, this.options.rules),
      };
    }
    const [prefix, definition] = lane;
    const key = id.slice(prefix.length);
    const { presence, rules } = this.options;
    if (definition !== MappingPresenceDesired)
      return { definition, desired: desiredSecondaryStatusOf(this.presenceState, key, presence) };
    const user = desiredStateOf(this.state, { kind: 'user', key }, rules);
    const desired = desiredPresenceOf(this.presenceState, key, user, presence);
    const last = this.published.get(id);
    return (
      desired && {
        definition,
        desired: sequencedPresence(
          desired,
          last === undefined ? undefined : (JSON.parse(last) as DesiredPresenceState),
          cause.sequence,
        ),
      }
    );
  }

  /**
   * Publishes each dirty target (of those `included`) whose desired state differs from the last one published;
   * returns how many. Targets left out stay dirty.
   */
  private async flush(republish = false, included?: (id: string) => boolean) {
    let count = 0;
    const dirty = [...this.dirty]
      .filter(([id]) => !included || included(id))
      // Presences go out last: a configuration change in a status storm's batch would otherwise wait for the
      // publishing of every presence marked before it. Secondary statuses still precede the presences naming them.
      .sort(([a], [b]) => Number(a.startsWith(presenceId(''))) - Number(b.startsWith(presenceId(''))));
    for (let i = 0; i < dirty.length; i += publishBatch) {
      const batch = dirty.slice(i, i + publishBatch);
      const results = await Promise.all(
        batch.map(([id, cause]) => this.publishIfChanged(id, cause, republish)),
      );
      count += results.filter(Boolean).length;
    }
    return count;
  }

  private async publishIfChanged(id: string, cause: Cause, republish: boolean): Promise<boolean> {
    const document = this.desiredOf(id, cause);
    const last = this.published.get(id);
    const publish =
      document !== undefined &&
      (republish
        ? last !== undefined || needsPublishing(document.desired, undefined)
        : needsPublishing(document.desired, last));
    if (publish) {
      const { definition, desired } = document;
      const envelope: Envelope = {
        // Random, not derived from the content: the same document may legitimately come back after another
        // (A → B → A) within JetStream's duplicate window, and must not be dropped as a duplicate.
        id: randomUUID(),
        type: definition.type,
        schemaVersion: definition.schemaVersion,
        occurredAt: new Date().toISOString(),
        source: 'object-mapping',
        correlationId: cause.correlationId,
        ...(cause.causationId && { causationId: cause.causationId }),
        data: desired,
      };
      await this.options.publisher.publish(envelope, cause.trace);
      this.published.set(id, keptText(canonicalJson(desired)));
    }
    // Only the mark this publish answered: a batch applied meanwhile (the held queues' release runs beside the
    // consumer) may have marked the target again with a state this publish did not see.
    if (this.dirty.get(id) === cause) this.dirty.delete(id);
    return publish;
  }
}
