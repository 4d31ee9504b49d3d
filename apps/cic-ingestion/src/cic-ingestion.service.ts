import {
  CicInteractionMirror,
  CicMirror,
  CicStatusMirror,
  isQueueMessage,
  isStatusMessage,
  type CicInteractionFact,
  type AppliedDefault,
  type CicObjectChange,
  type CicStatusChange,
  type Rejection,
} from '@bridge/cic-sync';
import { cicStreamId, eventDefinitionOf, type CicWorkgroup, type Envelope } from '@bridge/contracts';
import type { IcwsIncoming } from '@bridge/icws-client';
import { stableUuid } from '@bridge/messaging';
import { inCausedSpan, traceAttributes } from '@bridge/telemetry';
import { Injectable, Logger } from '@nestjs/common';
import type { Attributes } from '@opentelemetry/api';
import { randomUUID } from 'node:crypto';
import { CicEventLog } from './cic-event-log';
import { appendedEvents, rejectedInput, sessionsOpened } from './ingestion-metrics';
import { QueueWatch } from './queue-watch';
import { StatusBatcher } from './status-batcher';
import { StatusSubscription } from './status-subscription';

const RAW_LOG_LIMIT = 2_000;
/**
 * Events appended per transaction: a snapshot appended whole would hold a second copy of every object in memory
 * and keep the relay from publishing its first event until its last was written.
 */
const APPEND_CHUNK = 1_000;
/**
 * Interaction facts per append, and four times that queued at most behind it: each fact carries the whole
 * interaction (every segment), several times a status fact, so their backlog is held to fewer of them. While the
 * event store is slow the reader waits instead: what the heap holds at a collection sets how far V8 lets it grow
 * next, and the process's peak RSS with it.
 */
const INTERACTION_CHUNK = 250;

/**
 * What cic-ingestion makes of CIC: known state is rebuilt from the event log at start (the log is the one source
 * of truth). Each session's first message per kind is a full snapshot, diffed against known state, so a
 * reconnect or switchover appends exactly what was missed, removals included; later messages are deltas. The
 * ICWS connection that calls it is cic-connection.ts.
 *
 * Status facts (user statuses, status message definitions) go the same way through CicStatusMirror, appended in
 * batches behind the reader (StatusBatcher) so a storm keeps up; a configuration message first waits for the
 * statuses before it, so the log keeps CIC's order. The user-statuses subscription follows the known users.
 */
@Injectable()
export class CicIngestion {
  private readonly logger = new Logger('CicIngestion');
  // Of the objects, only the workgroups are read back (for their queues); the rest are kept as digests.
  private readonly mirror = new CicMirror(stableUuid, new Set(['workgroup']));
  private readonly statusMirror = new CicStatusMirror(stableUuid);
  private readonly statuses = new StatusBatcher<CicStatusChange>(
    (events) => this.appendStatuses(events),
    (error) => {
      this.statusMirror.dropStaged();
      this.logger.warn(`status facts not appended, the session will reconnect: ${String(error)}`);
    },
    { batchSize: APPEND_CHUNK, maxQueued: 5 * APPEND_CHUNK },
  );
  private readonly interactionMirror = new CicInteractionMirror(stableUuid);
  private readonly interactions = new StatusBatcher<CicInteractionFact>(
    (events) => this.appendInteractions(events),
    (error) => {
      this.interactionMirror.dropStaged();
      this.logger.warn(`interaction facts not appended, the session will reconnect: ${String(error)}`);
    },
    { batchSize: INTERACTION_CHUNK, maxQueued: 4 * INTERACTION_CHUNK },
  );
  /** Users or workgroups changed by the parts of a message read so far (see receive). */
  private usersMoved = false;
  private workgroupsMoved = false;
  /** `kind.path` of the defaults already warned about: once per property for the life of the process. */
  private readonly defaultsWarned = new Set<string>();

  constructor(
    private readonly log: CicEventLog,
    private readonly subscription: StatusSubscription,
    private readonly queueWatch: QueueWatch,
  ) {}

  /** Replays the whole event log into known state; returns how many events it read. */
  async rebuild(): Promise<number> {
    let count = 0;
    for await (const event of this.log.readAll()) {
      this.mirror.replay(event);
      this.statusMirror.replay(event);
      this.interactionMirror.replay(event);
      count++;
    }
    this.followUsers();
    this.followQueues();
    this.logger.log(`known state rebuilt from ${count} logged events`);
    return count;
  }

  /** A new ICWS session: its first message per kind is a full snapshot again. */
  sessionOpened(): void {
    sessionsOpened.inc();
    this.mirror.startSession();
    this.statusMirror.startSession();
    this.interactionMirror.startSession();
  }

  /** Resolves once every status and interaction fact received so far is appended. */
  async settled(): Promise<void> {
    await this.statuses.idle();
    await this.interactions.idle();
  }

  /** Appends the CIC events one ICWS message means; skips and logs what it cannot read. */
  async receive(incoming: IcwsIncoming): Promise<void> {
    if (!incoming.ok) return this.reject({ reason: incoming.reason, detail: 'not JSON', raw: incoming.raw });
    if (isStatusMessage(incoming.message)) {
      const decision = this.statusMirror.decide(incoming.message);
      decision.rejections.forEach((rejection) => this.reject(rejection));
      return this.statuses.add(decision.events);
    }
    if (isQueueMessage(incoming.message)) {
      const decision = this.interactionMirror.decide(incoming.message);
      decision.rejections.forEach((rejection) => this.reject(rejection));
      return this.interactions.add(decision.events);
    }
    await this.statuses.idle();
    const decision = this.mirror.decide(incoming.message, incoming.part);
    decision.rejections.forEach((rejection) => this.reject(rejection));
    decision.defaults.forEach((applied) => this.warnDefault(applied));
    if (decision.events.length > 0)
      // Found work starts a trace: a change's events carry it through the event log to Genesys.
      await inCausedSpan('icws message receive', [], { attributes: changeAttributes(decision.events) }, () =>
        this.append(decision.events),
      );
    this.usersMoved ||= decision.events.some((event) => event.kind === 'user');
    this.workgroupsMoved ||= decision.events.some((event) => event.kind === 'workgroup');
    // A snapshot in parts moves the subscriptions once, with its last part: each PUT of the status list is
    // answered with a snapshot of every status on it.
    if (incoming.part && !incoming.part.last) return;
    if (this.usersMoved) this.followUsers();
    if (this.workgroupsMoved) this.followQueues();
    this.usersMoved = this.workgroupsMoved = false;
  }

  /** Appends the changes of one message and commits them to the mirror. */
  private async append(events: readonly CicObjectChange[]): Promise<void> {
    const stamp = stampOf();
    // Chunk by chunk, each appended then committed to the mirror: every event is one object's whole state, so
    // should a later chunk fail, the log and the mirror still agree on what was appended, and the next snapshot
    // (the client reconnects) brings the rest.
    for (let start = 0; start < events.length; start += APPEND_CHUNK) {
      const chunk = events.slice(start, start + APPEND_CHUNK);
      await this.log.record(
        chunk.map((event) => ({
          streamId: cicStreamId(event.kind, event.id),
          envelope: envelopeOf(event, schemaVersionOf(event), stamp),
        })),
      );
      this.mirror.commit(chunk);
      chunk.forEach((event) => appendedEvents.inc({ type: event.type }));
    }
  }

  /** Follows the statuses of every known user; the list is read when the subscription is next sent. */
  private followUsers(): void {
    this.subscription.follow(() => this.mirror.ids('user'));
  }

  /** Watches the queue of every known workgroup that has one (a workgroup without a queue takes no ACD work). */
  private followQueues(): void {
    this.queueWatch.follow(() =>
      ([...this.mirror.current('workgroup').values()] as CicWorkgroup[])
        .filter((workgroup) => workgroup.hasQueue)
        .map((workgroup) => workgroup.id),
    );
  }

  private async appendInteractions(events: readonly CicInteractionFact[]): Promise<void> {
    await inCausedSpan('icws interaction facts receive', [], { attributes: countOf(events) }, () =>
      this.appendFacts(events, this.interactionMirror),
    );
  }

  private async appendStatuses(events: readonly CicStatusChange[]): Promise<void> {
    await inCausedSpan('icws status facts receive', [], { attributes: countOf(events) }, () =>
      this.appendFacts(events, this.statusMirror),
    );
  }

  /** Appends a batch of facts from several messages (the batcher's) and commits them to their mirror. */
  private async appendFacts<Fact extends CicInteractionFact | CicStatusChange>(
    events: readonly Fact[],
    mirror: { commit(events: readonly Fact[]): void },
  ): Promise<void> {
    const stamp = stampOf();
    await this.log.record(
      events.map((event) => ({
        streamId: event.streamId,
        envelope: envelopeOf(event, event.schemaVersion, stamp),
      })),
    );
    mirror.commit(events);
    events.forEach((event) => appendedEvents.inc({ type: event.type }));
  }

  private reject(rejection: Rejection): void {
    rejectedInput.inc({ reason: rejection.reason });
    const raw =
      typeof rejection.raw === 'string' ? rejection.raw : (JSON.stringify(rejection.raw) ?? 'undefined');
    this.logger.warn(
      `skipped ${rejection.kind ?? 'message'}${rejection.id === undefined ? '' : ` ${rejection.id}`}: ` +
        `${rejection.reason} (${rejection.detail}); raw: ${raw.slice(0, RAW_LOG_LIMIT)}`,
    );
  }

  private warnDefault({ kind, property, id }: AppliedDefault): void {
    const key = `${kind}.${property.path}`;
    if (this.defaultsWarned.has(key)) return;
    this.defaultsWarned.add(key);
    this.logger.warn(
      `CIC sent a ${kind} without ${property.path} (first: ${id}); read as ${JSON.stringify(property.default) ?? 'unset'}, ` +
        `${property.meaning}. Warned once` +
        (property.inferred
          ? '; the name is inferred, so if no item ever has it the name may be wrong (libs/cic-sync/src/icws-names.ts)'
          : ''),
    );
  }
}

/** What an operator searches a change's trace by: the kind and CIC id of the object it changed. */
function changeAttributes(events: readonly CicObjectChange[]): Attributes {
  const [first] = events;
  const oneKind = first && events.every((event) => event.kind === first.kind);
  return {
    [traceAttributes.cicCount]: events.length,
    ...(oneKind ? { [traceAttributes.cicKind]: first.kind } : {}),
    ...(first && events.length === 1 ? { [traceAttributes.cicId]: first.id } : {}),
  };
}

function countOf(events: readonly unknown[]): Attributes {
  return { [traceAttributes.cicCount]: events.length };
}

/** One append's correlation id and time, shared by its events. */
function stampOf(): { readonly correlationId: string; readonly occurredAt: string } {
  return { correlationId: randomUUID(), occurredAt: new Date().toISOString() };
}

function envelopeOf(
  event: { readonly eventId: string; readonly type: string; readonly data: unknown },
  schemaVersion: number,
  stamp: ReturnType<typeof stampOf>,
): Envelope {
  return {
    id: event.eventId,
    type: event.type,
    schemaVersion,
    ...stamp,
    source: 'cic-ingestion',
    data: event.data,
  };
}

function schemaVersionOf(event: CicObjectChange): number {
  return eventDefinitionOf(event.type)?.schemaVersion ?? 1;
}
