import {
  packCalls,
  planConversation,
  resolvedIn,
  retryPolicy,
  type ConversationEventCall,
  type DeliveryFailure,
  type RetrySettings,
} from '@bridge/delivery-planning';
import { GenesysFailure, type GenesysClient } from '@bridge/genesys-client';
import { inCausedSpan, traceAttributes, untraced } from '@bridge/telemetry';
import type { IdMap } from '../persistence/id-map';
import type { ClaimedConversation, ConversationResult, Conversations } from '../persistence/conversations';
import type { LaneActivity } from '../presence/lane-activity';
import { WorkLoops } from '../reconciler/work-loops';

export interface ReplicationLaneOptions {
  /** The most events one events call carries (DELIVERY_REPLICATION_BATCH; Genesys takes 500). */
  readonly batch: number;
  readonly pollMs: number;
  readonly leaseMs: number;
  /** The source the bridge registered (DELIVERY_PRESENCE_SOURCE_NAME): one source for all it sends. */
  readonly sourceName: string;
  readonly retry: RetrySettings;
  /** DELIVERY_REPLICATION_WAIT_MS: the bound on a wait for a queue, agent or wrap-up code not synced yet. */
  readonly waitMs: number;
  readonly waitRecheckMs: number;
}

export type ReplicationGenesys = Pick<GenesysClient, 'presenceSourceNamed' | 'sendConversationEvents'>;

export interface ReplicationLaneLogger {
  warn(fields: object, message: string): void;
}

/** One claimed conversation's events going out now. */
interface Sending {
  readonly conversation: ClaimedConversation;
  readonly calls: readonly ConversationEventCall[];
  readonly skipped: readonly string[];
  readonly reasons: readonly string[];
}

/**
 * The calls one claim may fill: a backlogged lane claims this many calls' worth of events at once, so the claim
 * and the finish (two statements) are paid once per several calls. Kept small so that the claimed calls, at the
 * lane's share of the org's rate, go out well within the claim's lease.
 */
const CALLS_PER_CLAIM = 4;

/**
 * The replication lane (issue 13): claims due conversations, resolves their queue, agent, skill and wrap-up code
 * keys through the id map, and sends the events Genesys has not accepted yet in events calls of up to `batch`
 * events. A conversation's events go in one call, in their order, and calls go one after another, so a
 * conversation is never seen out of order; across conversations any order. While the lane waits for tokens of
 * its budget, conversations accumulate, so the next claim fills bigger calls.
 */
export class ReplicationLane {
  private readonly loops: WorkLoops;
  private sourceId: string | undefined;

  constructor(
    private readonly conversations: Pick<Conversations, 'claim' | 'finish'>,
    private readonly idMap: Pick<IdMap, 'references' | 'withDesiredState'>,
    private readonly genesys: ReplicationGenesys,
    private readonly activity: LaneActivity,
    private readonly options: ReplicationLaneOptions,
    logger: ReplicationLaneLogger,
    private readonly random: () => number = Math.random,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.loops = new WorkLoops(
      () => this.step(),
      { loops: 1, pollMs: options.pollMs },
      (error) => logger.warn({ err: error }, 'replication lane step failed'),
    );
  }

  start(): void {
    this.loops.start();
  }

  stop(): Promise<void> {
    return this.loops.stop();
  }

  wake(): void {
    this.loops.wake();
  }

  /** Delivers one claim of due conversations; false when none was due. */
  async step(): Promise<boolean> {
    // Claimed by unsent events, not by conversations: a claim of conversations that each hold one new event (a
    // hold, an answer) would fill one small call where the backlog has full calls waiting.
    const limit = { conversations: this.options.batch, events: this.options.batch * CALLS_PER_CLAIM };
    // Most claims find nothing: they make no trace. A round is in the trace of its one change, or linked to each.
    const claimed = await untraced(() => this.conversations.claim(this.options.leaseMs, limit));
    if (claimed.length === 0) return false;
    await this.activity.during('replication', () =>
      inCausedSpan(
        'replicate conversations',
        claimed.flatMap((conversation) => conversation.traces),
        {
          attributes: {
            [traceAttributes.targetKind]: 'conversation',
            [traceAttributes.targetCount]: claimed.length,
          },
        },
        () => this.deliver(claimed),
      ),
    );
    return true;
  }

  private async deliver(claimed: readonly ClaimedConversation[]): Promise<void> {
    const sourceId = (this.sourceId ??= await this.genesys.presenceSourceNamed(this.options.sourceName));
    const wanted = claimed.flatMap(({ document }) => wantedOf(document.events));
    const [references, described] = await Promise.all([
      this.idMap.references(wanted),
      this.idMap.withDesiredState(wanted),
    ]);
    // What delivery has not heard of yet may still come (a new agent's user, mapped a moment after the call);
    // what it knows and will not deliver (not synced, quarantined) will not, and is not waited for.
    const resolve = (kind: ReferenceKind, key: string) => {
      const resolved = resolvedIn(references, kind, key);
      return resolved === 'missing' && !described.has(`${kind}:${key}`) ? 'pending' : resolved;
    };
    const now = this.now();
    const results: ConversationResult[] = [];
    const sendings: Sending[] = [];
    for (const conversation of claimed) {
      const { interactionId, revision, document } = conversation;
      const plan = planConversation(document, {
        sourceId,
        settled: new Set([...conversation.accepted, ...conversation.skipped]),
        skipped: conversation.skipped,
        waitOver: conversation.waitUntil !== undefined && conversation.waitUntil <= now,
        resolve,
      });
      switch (plan.type) {
        case 'none':
          results.push({
            interactionId,
            revision,
            ...settledOutcome(conversation, []),
            accepted: [],
            skipped: [],
            failed: false,
          });
          break;
        case 'wait':
          results.push({
            interactionId,
            revision,
            outcome: 'waiting',
            reason: plan.reasons.join('; '),
            accepted: [],
            skipped: [],
            waitUntil: conversation.waitUntil ?? new Date(now.getTime() + this.options.waitMs),
            dueInMs: this.options.waitRecheckMs,
            failed: false,
          });
          break;
        case 'send':
          sendings.push({ conversation, calls: plan.calls, skipped: plan.skipped, reasons: plan.reasons });
          break;
      }
    }
    const failures = await this.send(sendings);
    for (const { conversation, calls, skipped, reasons } of sendings) {
      const { interactionId, revision } = conversation;
      const failure = failures.get(interactionId);
      if (!failure) {
        results.push({
          interactionId,
          revision,
          ...settledOutcome(conversation, reasons, skipped.length > 0),
          accepted: calls.map((call) => call.eventId),
          skipped,
          failed: false,
        });
        continue;
      }
      const decision = retryPolicy(
        conversation.attempts + 1,
        failure.failure,
        this.random(),
        this.options.retry,
      );
      const retry = decision.action === 'retry';
      results.push({
        interactionId,
        revision,
        outcome: 'error',
        reason: `${failure.failure.code}: ${failure.failure.message}`,
        accepted: failure.accepted,
        // Given up on: what Genesys refused for good stays refused.
        skipped: retry
          ? []
          : calls.map((call) => call.eventId).filter((id) => !failure.accepted.includes(id)),
        ...(retry ? { dueInMs: decision.delayMs } : {}),
        failed: true,
      });
    }
    await this.conversations.finish(results);
  }

  /**
   * Sends the events of every conversation, whole conversations per call, calls one after another. Answers, per
   * conversation that did not go through, the failure and the events Genesys accepted anyway.
   */
  private async send(
    sendings: readonly Sending[],
  ): Promise<Map<string, { failure: DeliveryFailure; accepted: string[] }>> {
    const failures = new Map<string, { failure: DeliveryFailure; accepted: string[] }>();
    for (const packed of packCalls(sendings, this.options.batch)) {
      // A conversation longer than a call goes in several: after one failed, the rest would arrive out of order.
      const call = packed.filter(({ conversation }) => !failures.has(conversation.interactionId));
      if (call.length === 0) continue;
      const body: Record<string, Record<string, unknown>[]> = {};
      for (const { calls } of call)
        for (const { array, event } of calls) (body[array] ??= []).push({ ...event });
      let refused: readonly { eventId: string; message: string; retryable: boolean }[];
      try {
        refused = await this.genesys.sendConversationEvents(body);
      } catch (error) {
        if (!(error instanceof GenesysFailure)) throw error;
        for (const { conversation } of call)
          failures.set(conversation.interactionId, { failure: error, accepted: [] });
        continue;
      }
      const refusedIds = new Map(refused.map((error) => [error.eventId, error]));
      for (const { conversation, calls } of call) {
        const mine = calls.map((c) => refusedIds.get(c.eventId)).find((error) => error !== undefined);
        if (!mine) continue;
        failures.set(conversation.interactionId, {
          failure: {
            kind: mine.retryable ? 'unavailable' : 'rejected',
            status: mine.retryable ? 503 : 400,
            code: 'eventRefused',
            message: mine.message,
          },
          accepted: calls.map((c) => c.eventId).filter((id) => !refusedIds.has(id)),
        });
      }
    }
    return failures;
  }
}

/** The outcome of a conversation with nothing left to send now. */
function settledOutcome(conversation: ClaimedConversation, reasons: readonly string[], skippedNow = false) {
  const partial = skippedNow || conversation.skipped.size > 0 || reasons.length > 0;
  if (!conversation.document.complete)
    return { outcome: 'pending' as const, ...(reasons.length > 0 ? { reason: reasons.join('; ') } : {}) };
  return partial
    ? { outcome: 'partial' as const, reason: reasons.join('; ') || 'events given up earlier' }
    : { outcome: 'replicated' as const };
}

type ReferenceKind = Parameters<Parameters<typeof planConversation>[1]['resolve']>[0];

/** Every id-map entry a conversation's events name. */
function wantedOf(events: ClaimedConversation['document']['events']): { kind: ReferenceKind; key: string }[] {
  return events.flatMap((event): { kind: ReferenceKind; key: string }[] => {
    switch (event.kind) {
      case 'routingEstablished':
        return [
          { kind: 'queue', key: event.workgroupKey },
          ...event.skillKeys.map((key) => ({ kind: 'skill' as const, key })),
          ...(event.languageKey ? [{ kind: 'language' as const, key: event.languageKey }] : []),
        ];
      case 'userEstablished':
        return [
          { kind: 'user', key: event.userKey },
          ...(event.workgroupKey ? [{ kind: 'queue' as const, key: event.workgroupKey }] : []),
        ];
      case 'dispositionApplied':
        return [{ kind: 'wrapUpCode', key: event.wrapUpCodeKey }];
      case 'externalEstablished':
      case 'communicationAnswered':
      case 'holdUpdated':
      case 'communicationEnded':
        return [];
    }
  });
}
