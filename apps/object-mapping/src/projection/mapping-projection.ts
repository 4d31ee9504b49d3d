import {
  canonicalJson,
  isCicEvent,
  targetKindOf,
  targetKinds,
  type BridgeEvent,
  type CicEvent,
  type Envelope,
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
  type MappingRules,
} from '@bridge/mapping';
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

/** Where desired documents go: MAPPING, through the app's EventPublisher. */
export interface DesiredPublisher {
  publish(envelope: Envelope): Promise<unknown>;
}

export interface MappingProjectionOptions {
  readonly rules: MappingRules;
  /** MAPPING_REBUILD: republish every desired document at start, changed or not. */
  readonly rebuild: boolean;
  readonly readStream: StreamReader;
  readonly publisher: DesiredPublisher;
}

/** The event a published document follows from (its causation), in the trace of that event's correlation. */
interface Cause {
  readonly correlationId: string;
  readonly causationId?: string;
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
 * The CIC projection and the record of what was published, kept in memory (one instance of object-mapping per
 * deployment: the projection is not shared). At start it is rebuilt from the streams themselves: the last
 * document per target from MAPPING (what delivery already has), then the CIC stream from the beginning; every
 * target is recomputed and only documents that differ are published. After that each CIC event recomputes only
 * the targets it affects.
 */
export class MappingProjection implements OnApplicationBootstrap {
  private readonly logger = new Logger('MappingProjection');
  private readonly state = initialCicState();
  /** target id → canonical JSON of the last desired state published for it */
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
  async apply(batch: readonly { event: BridgeEvent; sequence: number }[], moreComing = false): Promise<void> {
    await this.start();
    for (const { event, sequence } of batch) {
      if (!this.applied.has(sequence) && isCicEvent(event))
        this.applyEvent(event, sequence, { correlationId: event.correlationId, causationId: event.id });
      this.applied.add(sequence);
    }
    const now = Date.now();
    const holdQueues = moreComing && now - (this.queuesHeldSince ??= now) < queueHoldMs;
    if (holdQueues) this.releaseHeldLater();
    else this.queuesHeldSince = undefined;
    await this.serially(() =>
      this.flush(false, holdQueues ? (id) => parseTargetId(id).kind !== 'queue' : undefined),
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
      // Secondary statuses are the presence rules' to publish, not this projection's.
      if (kind && kind !== 'secondaryStatus')
        this.published.set(targetId({ kind, key: data.key }), canonicalJson(event.data));
    });
    const previouslyPublished = [...this.published.keys()];
    let events = 0;
    const readUpTo = await readStream({ stream: 'CIC', lastPerSubject: false }, (event, sequence) => {
      if (!isCicEvent(event)) return;
      evolve(this.state, event, sequence);
      events++;
    });
    this.applied.reset(readUpTo);
    // Targets that were published but that CIC no longer knows (removed while we were down) come back as
    // absent; all others are recomputed with the current rules.
    const rebuild = { correlationId: randomUUID() };
    for (const id of previouslyPublished) this.dirty.set(id, rebuild);
    for (const target of allTargets(this.state)) this.dirty.set(targetId(target), rebuild);
    const count = await this.flush(this.options.rebuild);
    this.logger.log(
      `rebuilt from ${events} CIC events (sequence ${readUpTo}) and ${previouslyPublished.length} ` +
        `published documents in ${Date.now() - started} ms; published ${count}` +
        (this.options.rebuild ? ' (MAPPING_REBUILD: every document)' : ' changed documents'),
    );
  }

  private applyEvent(event: CicEvent, sequence: number, cause: Cause): void {
    // affectedTargets reads the state before the event: evolve updates it in place.
    for (const target of affectedTargets(this.state, event)) this.dirty.set(targetId(target), cause);
    evolve(this.state, event, sequence);
  }

  /**
   * Publishes each dirty target (of those `included`) whose desired state differs from the last one published;
   * returns how many. Targets left out stay dirty.
   */
  private async flush(republish = false, included?: (id: string) => boolean) {
    let count = 0;
    const dirty = [...this.dirty].filter(([id]) => !included || included(id));
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
    const target = parseTargetId(id);
    const desired = desiredStateOf(this.state, target, this.options.rules);
    const last = this.published.get(id);
    const publish = republish
      ? last !== undefined || needsPublishing(desired, undefined)
      : needsPublishing(desired, last);
    if (publish) {
      const definition = targetKinds[target.kind].desired;
      const envelope: Envelope = {
        // Random, not derived from the content: the same document may legitimately come back after another
        // (A → B → A) within JetStream's duplicate window, and must not be dropped as a duplicate.
        id: randomUUID(),
        type: definition.type,
        schemaVersion: definition.schemaVersion,
        occurredAt: new Date().toISOString(),
        source: 'object-mapping',
        ...cause,
        data: desired,
      };
      await this.options.publisher.publish(envelope);
      this.published.set(id, canonicalJson(desired));
    }
    // Only the mark this publish answered: a batch applied meanwhile (the held queues' release runs beside the
    // consumer) may have marked the target again with a state this publish did not see.
    if (this.dirty.get(id) === cause) this.dirty.delete(id);
    return publish;
  }
}
