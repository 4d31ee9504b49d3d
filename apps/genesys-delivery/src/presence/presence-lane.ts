import type { SystemPresence } from '@bridge/contracts';
import {
  choosePresenceRound,
  chunk,
  deliveredAfter,
  partsOf,
  planPresence,
  resolvedIn,
  retryPolicy,
  unconfirmedAll,
  type DeliveryFailure,
  type PendingParts,
  type PresenceContext,
  type PresencePart,
  type PresenceRound,
  type RecordStatus,
  type Resolved,
  type RetrySettings,
  type StableUuid,
  type UserPresenceEvent,
  type UserRoutingStatusEvent,
} from '@bridge/delivery-planning';
import { GenesysFailure, type GenesysClient } from '@bridge/genesys-client';
import { inCausedSpan, traceAttributes, untraced } from '@bridge/telemetry';
import type { Attributes } from '@opentelemetry/api';
import type { IdMap } from '../persistence/id-map';
import type { ClaimedPresence, PresenceOutcome, Presences } from '../persistence/presences';
import type { RecordStatuses, StatusOfRecord } from '../persistence/record-statuses';
import { whileRenewing } from '../reconciler/lease-renewal';
import { WorkLoops } from '../reconciler/work-loops';
import type { LaneActivity } from './lane-activity';
import type { PresencePace } from './presence-pace';

export interface PresenceLaneOptions {
  /** The most events one events call carries (DELIVERY_PRESENCE_BATCH; Genesys takes 500). */
  readonly batch: number;
  readonly pollMs: number;
  readonly leaseMs: number;
  /** DELIVERY_PRESENCE_SOURCE_NAME: the presence source the bridge registers once and finds by name after. */
  readonly sourceName: string;
  readonly retry: RetrySettings;
  /** How soon a waiting presence looks again should its wake-up have been missed. */
  readonly waitRecheckMs: number;
}

/** The Genesys calls the lane makes. */
export type PresenceGenesys = Pick<
  GenesysClient,
  | 'presenceSourceNamed'
  | 'systemPresenceDefinitionIds'
  | 'primarySourceOf'
  | 'setPrimarySource'
  | 'sendPresenceEvents'
  | 'sendRoutingStatusEvents'
  | 'setOutOfOffice'
>;

export interface PresenceLaneLogger {
  warn(fields: object, message: string): void;
}

/** What one send of the batch concerns: its presence's key, and the Genesys call it is part of. */
interface Sending {
  readonly presence: ClaimedPresence;
  readonly userId: string;
  /** What was delivered to this Genesys user, which the plan was made against. */
  readonly delivered: ClaimedPresence['delivered'];
  readonly plan: Extract<ReturnType<typeof planPresence>, { type: 'send' }>;
}

/**
 * What a round's calls did, per presence: the parts that went through, the parts whose call failed (Genesys may
 * or may not have applied them: a timeout after the server acted looks the same as one before), and the failure.
 */
class RoundResult {
  readonly succeeded = new Map<string, Set<PresencePart>>();
  readonly unknown = new Map<string, Set<PresencePart>>();
  readonly failures = new Map<string, DeliveryFailure>();
  /** Presences whose user the bridge could not become the primary source of: nothing was sent for them. */
  readonly primaryFailed = new Set<string>();

  /** Runs one Genesys call for these presences' part; a Genesys failure is recorded against each of them. */
  async call<T>(keys: readonly string[], part: PresencePart, call: () => Promise<T>): Promise<T | undefined> {
    try {
      const answer = await call();
      for (const key of keys) add(this.succeeded, key, part);
      return answer;
    } catch (error) {
      if (!(error instanceof GenesysFailure)) throw error;
      for (const key of keys) this.fail(key, part, error);
      return undefined;
    }
  }

  fail(key: string, part: PresencePart, failure: DeliveryFailure): void {
    this.succeeded.get(key)?.delete(part);
    add(this.unknown, key, part);
    this.failures.set(key, failure);
  }
}

function add(parts: Map<string, Set<PresencePart>>, key: string, part: PresencePart): void {
  parts.set(key, (parts.get(key) ?? new Set()).add(part));
}

/** A round's presences: the one user's key, or how many. */
function roundAttributes(claimed: readonly ClaimedPresence[]): Attributes {
  const [only] = claimed;
  return {
    [traceAttributes.targetKind]: 'presence',
    ...(only && claimed.length === 1
      ? { [traceAttributes.targetKey]: only.key }
      : { [traceAttributes.targetCount]: claimed.length }),
  };
}

/**
 * The presence lane: claims due presences in rounds paced at its share of the rate budget (a burst of changes
 * to one user is one row, the latest), resolves users and presence definitions through the id map, and spends
 * each round's calls where they end the most waiting (`choosePresenceRound`). Between rounds, changes collect,
 * so each events call carries many; the parts a round does not send stay due, with what did go recorded.
 */
export class PresenceLane {
  private readonly loops: WorkLoops;
  private sourceId: string | undefined;
  private systemDefinitions: Map<SystemPresence, string> | undefined;

  constructor(
    private readonly presences: Pick<Presences, 'claim' | 'renew' | 'finish'>,
    private readonly idMap: Pick<IdMap, 'references'>,
    private readonly statuses: Pick<RecordStatuses, 'save'>,
    private readonly genesys: PresenceGenesys,
    private readonly activity: LaneActivity,
    private readonly pace: PresencePace,
    private readonly uuid: StableUuid,
    private readonly options: PresenceLaneOptions,
    private readonly logger: PresenceLaneLogger,
    private readonly random: () => number = Math.random,
  ) {
    this.loops = new WorkLoops(
      () => this.step(),
      { loops: 1, pollMs: options.pollMs },
      (error) => logger.warn({ err: error }, 'presence lane step failed'),
    );
  }

  start(): void {
    this.loops.start();
  }

  stop(): Promise<void> {
    return this.loops.stop();
  }

  /**
   * The bridge is paired with another org (a new-org reprovision): the presence source and the system presence
   * definitions are looked up again there.
   */
  forgetOrg(): void {
    this.sourceId = undefined;
    this.systemDefinitions = undefined;
  }

  /** A desired presence was stored: claim now rather than at the next poll. */
  wake(): void {
    this.loops.wake();
  }

  /** Delivers one batch of due presences; false when none was due. */
  async step(): Promise<boolean> {
    await this.pace.ready();
    // Most claims find nothing: they make no trace. A round is in the trace of its one change, or linked to each.
    const claimed = await untraced(() => this.presences.claim(this.options.leaseMs, this.options.batch));
    if (claimed.length === 0) return false;
    // A round paced by the org's budget may outlast the lease: held, its presences are not claimed again
    // (and their primary source set twice) by another instance while it sends.
    const keys = claimed.map((presence) => presence.key);
    await whileRenewing(
      this.options.leaseMs,
      () => this.presences.renew(keys, this.options.leaseMs),
      (error) => this.logger.warn({ err: error, presences: keys.length }, 'presence lease renewal failed'),
      () =>
        this.activity.during('presence', () =>
          inCausedSpan(
            'deliver presences',
            claimed.flatMap((presence) => presence.traces),
            { attributes: roundAttributes(claimed) },
            () => this.deliver(claimed),
          ),
        ),
    );
    return true;
  }

  private async deliver(claimed: readonly ClaimedPresence[]): Promise<void> {
    const sourceId = (this.sourceId ??= await this.genesys.presenceSourceNamed(this.options.sourceName));
    const references = await this.idMap.references(
      claimed.flatMap(({ key, desired }) => [
        { kind: 'user' as const, key },
        ...(desired.present && desired.document.secondaryStatusKey
          ? [{ kind: 'secondaryStatus' as const, key: desired.document.secondaryStatusKey }]
          : []),
      ]),
    );
    const outcomes: PresenceOutcome[] = [];
    const statuses: StatusOfRecord[] = [];
    const sendings: Sending[] = [];
    for (const presence of claimed) {
      const { key, desired, revision } = presence;
      if (!desired.present) {
        outcomes.push({ key, revision, outcome: 'done' });
        statuses.push(statusOf(key, { status: 'notSynced', reason: desired.reason }));
        continue;
      }
      const context: PresenceContext = {
        sourceId,
        user: resolvedIn(references, 'user', key),
        definition: desired.document.secondaryStatusKey
          ? resolvedIn(references, 'secondaryStatus', desired.document.secondaryStatusKey)
          : await this.systemDefinition(desired.document.systemPresence),
      };
      // What was delivered was delivered to the Genesys user of then: one created since gets the whole presence.
      // After a round that died, nothing it may have sent is taken as delivered.
      const sameUser = typeof context.user === 'object' && context.user.id === presence.primarySourceUserId;
      const known =
        presence.abandoned && presence.delivered ? unconfirmedAll(presence.delivered) : presence.delivered;
      const delivered = sameUser ? known : undefined;
      const plan = planPresence(key, desired.document, delivered, context, this.uuid);
      switch (plan.type) {
        case 'stale':
          outcomes.push({ key, revision, outcome: 'done' });
          break;
        case 'wait':
          outcomes.push({ key, revision, outcome: 'wait', on: plan.on, delayMs: this.options.waitRecheckMs });
          break;
        case 'error': {
          // A user or status not live yet may still come: it is looked at again when it does.
          const on = plan.code === 'userMissing' ? 'user' : 'secondaryStatus';
          outcomes.push({ key, revision, outcome: 'wait', on, delayMs: this.options.waitRecheckMs });
          statuses.push(
            statusOf(key, { status: 'error', error: { code: plan.code, message: plan.message } }),
          );
          break;
        }
        case 'send':
          if (typeof context.user === 'object')
            sendings.push({ presence, userId: context.user.id, delivered, plan });
          break;
      }
    }
    const round = choosePresenceRound(pendingOf(sendings), this.pace.available(), this.options.batch);
    this.pace.spend(round.paced);
    const result = await this.send(sendings, round);
    for (const { presence, userId, delivered, plan } of sendings) {
      const { key, revision } = presence;
      const sent = result.succeeded.get(key) ?? new Set();
      // Parts whose call failed are recorded as not known to Genesys, so the next plan sends them again.
      const recorded = {
        delivered: deliveredAfter(plan, delivered, sent, result.unknown.get(key)),
        primarySourceUserId: userId,
      };
      const failure = result.failures.get(key);
      if (!failure) {
        const complete = partsOf(plan).every((part) => sent.has(part));
        outcomes.push({ key, revision, outcome: complete ? 'done' : 'partial', ...recorded });
        if (complete)
          statuses.push(statusOf(key, { status: 'synced', genesysId: userId, synchronizedAt: new Date() }));
        continue;
      }
      const decision = retryPolicy(presence.attempts + 1, failure, this.random(), this.options.retry);
      const error = { code: failure.code, message: failure.message };
      const known = result.primaryFailed.has(key) ? {} : recorded;
      if (decision.action === 'retry')
        outcomes.push({ key, revision, outcome: 'retry', delayMs: decision.delayMs, ...known });
      else outcomes.push({ key, revision, outcome: 'done', ...known });
      statuses.push(
        statusOf(key, {
          status: 'error',
          genesysId: userId,
          error,
          quarantined: decision.action === 'quarantine',
        }),
      );
    }
    await this.statuses.save(statuses);
    await this.presences.finish(outcomes);
  }

  /**
   * Makes the bridge the primary source of users it is not yet, then makes the round's calls: the events of its
   * endpoints, both at once, and then its out-of-office changes, the longest-waiting first.
   */
  private async send(sendings: readonly Sending[], round: PresenceRound): Promise<RoundResult> {
    const result = new RoundResult();
    const sourceId = this.sourceId ?? '';
    for (const { presence, userId } of sendings) {
      if (presence.primarySourceUserId === userId) continue;
      try {
        // A round that died may have set it without recording so: read rather than set it twice.
        if (presence.abandoned && (await this.genesys.primarySourceOf(userId)) === sourceId) continue;
        await this.genesys.setPrimarySource(userId, sourceId);
      } catch (error) {
        if (!(error instanceof GenesysFailure)) throw error;
        result.failures.set(presence.key, error);
        result.primaryFailed.add(presence.key);
      }
    }
    const going = sendings.filter(({ presence }) => !result.primaryFailed.has(presence.key));
    // The two endpoints' calls go out together: a round's routing status events need not wait for its
    // presence call's answer.
    const events: Promise<void>[] = [];
    if (round.endpoints.includes('presence'))
      events.push(
        this.sendEvents(
          result,
          'presence',
          going.flatMap(({ presence, plan }) =>
            plan.presence ? [{ key: presence.key, event: plan.presence }] : [],
          ),
          (events: UserPresenceEvent[]) => this.genesys.sendPresenceEvents(events),
        ),
      );
    if (round.endpoints.includes('routingStatus'))
      events.push(
        this.sendEvents(
          result,
          'routingStatus',
          going.flatMap(({ presence, plan }) =>
            plan.routingStatus ? [{ key: presence.key, event: plan.routingStatus }] : [],
          ),
          (events: UserRoutingStatusEvent[]) => this.genesys.sendRoutingStatusEvents(events),
        ),
      );
    await Promise.all(events);
    const offices = going
      .filter(({ plan }) => plan.outOfOffice)
      .sort((a, b) => b.presence.waitedMs - a.presence.waitedMs)
      .slice(0, round.outOfOffice);
    for (const { presence, plan } of offices) {
      const change = plan.outOfOffice;
      if (change) await result.call([presence.key], 'outOfOffice', () => this.genesys.setOutOfOffice(change));
    }
    return result;
  }

  private async sendEvents<E extends { eventId: string }>(
    result: RoundResult,
    part: PresencePart,
    items: readonly { key: string; event: E }[],
    send: (events: E[]) => Promise<readonly { eventId: string; message: string; retryable: boolean }[]>,
  ): Promise<void> {
    for (const batch of chunk(items, this.options.batch)) {
      const keyOf = new Map(batch.map(({ key, event }) => [event.eventId, key]));
      const refused = await result.call([...keyOf.values()], part, () =>
        send(batch.map(({ event }) => event)),
      );
      for (const error of refused ?? []) {
        const key = keyOf.get(error.eventId);
        if (key === undefined) continue;
        result.fail(key, part, {
          kind: error.retryable ? 'unavailable' : 'rejected',
          status: error.retryable ? 503 : 400,
          code: 'eventRefused',
          message: error.message,
        });
      }
    }
  }

  /** A system presence's definition id, read once (they are fixed per org). */
  private async systemDefinition(presence: SystemPresence): Promise<Resolved> {
    this.systemDefinitions ??= await this.genesys.systemPresenceDefinitionIds();
    const id = this.systemDefinitions.get(presence);
    return id ? { id } : 'missing';
  }
}

/** How long each part of the round's plans has waited, from when its presence was stored. */
function pendingOf(sendings: readonly Sending[]): PendingParts {
  const pending: Record<PresencePart, number[]> = { presence: [], routingStatus: [], outOfOffice: [] };
  for (const { presence, plan } of sendings)
    for (const part of partsOf(plan)) pending[part].push(presence.waitedMs);
  return pending;
}

function statusOf(key: string, status: RecordStatus): StatusOfRecord {
  return { kind: 'presence', key, status };
}
