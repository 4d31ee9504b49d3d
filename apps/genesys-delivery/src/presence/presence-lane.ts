import type { SystemPresence } from '@bridge/contracts';
import {
  chunk,
  planPresence,
  resolvedIn,
  retryPolicy,
  type DeliveryFailure,
  type PresenceContext,
  type RecordStatus,
  type Resolved,
  type RetrySettings,
  type StableUuid,
  type UserPresenceEvent,
  type UserRoutingStatusEvent,
} from '@bridge/delivery-planning';
import { GenesysFailure, type GenesysClient } from '@bridge/genesys-client';
import type { IdMap } from '../persistence/id-map';
import type { ClaimedPresence, PresenceOutcome, Presences } from '../persistence/presences';
import type { RecordStatuses, StatusOfRecord } from '../persistence/record-statuses';
import { WorkLoops } from '../reconciler/work-loops';
import type { LaneActivity } from './lane-activity';

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
  readonly plan: Extract<ReturnType<typeof planPresence>, { type: 'send' }>;
}

/**
 * The presence lane: claims due presences in batches (a burst of changes to one user is one row, the latest),
 * resolves users and presence definitions through the id map, and sends the changes in events calls of up to
 * `batch` events. While it waits for tokens of its budget, changes accumulate (one row per user, the latest), so
 * the next claim takes them all: the scarcer the tokens, the more events each call carries.
 */
export class PresenceLane {
  private readonly loops: WorkLoops;
  private sourceId: string | undefined;
  private systemDefinitions: Map<SystemPresence, string> | undefined;

  constructor(
    private readonly presences: Pick<Presences, 'claim' | 'finish'>,
    private readonly idMap: Pick<IdMap, 'references'>,
    private readonly statuses: Pick<RecordStatuses, 'save'>,
    private readonly genesys: PresenceGenesys,
    private readonly activity: LaneActivity,
    private readonly uuid: StableUuid,
    private readonly options: PresenceLaneOptions,
    logger: PresenceLaneLogger,
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

  /** A desired presence was stored: claim now rather than at the next poll. */
  wake(): void {
    this.loops.wake();
  }

  /** Delivers one batch of due presences; false when none was due. */
  async step(): Promise<boolean> {
    const claimed = await this.presences.claim(this.options.leaseMs, this.options.batch);
    if (claimed.length === 0) return false;
    await this.activity.during('presence', () => this.deliver(claimed));
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
      const sameUser = typeof context.user === 'object' && context.user.id === presence.primarySourceUserId;
      const delivered = sameUser ? presence.delivered : undefined;
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
          if (typeof context.user === 'object') sendings.push({ presence, userId: context.user.id, plan });
          break;
      }
    }
    const failures = await this.send(sendings);
    for (const { presence, userId, plan } of sendings) {
      const { key, revision } = presence;
      const failure = failures.get(key);
      if (!failure) {
        outcomes.push({
          key,
          revision,
          outcome: 'done',
          delivered: plan.delivered,
          primarySourceUserId: userId,
        });
        statuses.push(statusOf(key, { status: 'synced', genesysId: userId, synchronizedAt: new Date() }));
        continue;
      }
      const decision = retryPolicy(presence.attempts + 1, failure, this.random(), this.options.retry);
      const error = { code: failure.code, message: failure.message };
      if (decision.action === 'retry')
        outcomes.push({ key, revision, outcome: 'retry', delayMs: decision.delayMs });
      else outcomes.push({ key, revision, outcome: 'done' });
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
   * Makes the bridge the primary source of users it is not yet, then sends the presence events, the routing
   * status events and the out-of-office changes. Answers the failure of each presence that did not go through.
   */
  private async send(sendings: readonly Sending[]): Promise<Map<string, DeliveryFailure>> {
    const failures = new Map<string, DeliveryFailure>();
    const sourceId = this.sourceId ?? '';
    for (const { presence, userId } of sendings) {
      if (presence.primarySourceUserId === userId) continue;
      await attempt(failures, [presence.key], () => this.genesys.setPrimarySource(userId, sourceId));
    }
    const going = sendings.filter(({ presence }) => !failures.has(presence.key));
    await this.sendEvents(
      failures,
      going.flatMap(({ presence, plan }) =>
        plan.presence ? [{ key: presence.key, event: plan.presence }] : [],
      ),
      (events: UserPresenceEvent[]) => this.genesys.sendPresenceEvents(events),
    );
    await this.sendEvents(
      failures,
      going.flatMap(({ presence, plan }) =>
        plan.routingStatus ? [{ key: presence.key, event: plan.routingStatus }] : [],
      ),
      (events: UserRoutingStatusEvent[]) => this.genesys.sendRoutingStatusEvents(events),
    );
    for (const { presence, plan } of going) {
      const change = plan.outOfOffice;
      if (change && !failures.has(presence.key))
        await attempt(failures, [presence.key], () => this.genesys.setOutOfOffice(change));
    }
    return failures;
  }

  private async sendEvents<E extends { eventId: string }>(
    failures: Map<string, DeliveryFailure>,
    items: readonly { key: string; event: E }[],
    send: (events: E[]) => Promise<readonly { eventId: string; message: string; retryable: boolean }[]>,
  ): Promise<void> {
    for (const batch of chunk(items, this.options.batch)) {
      const keyOf = new Map(batch.map(({ key, event }) => [event.eventId, key]));
      const refused = await attempt(failures, [...keyOf.values()], () =>
        send(batch.map(({ event }) => event)),
      );
      for (const error of refused ?? []) {
        const key = keyOf.get(error.eventId);
        if (key === undefined) continue;
        failures.set(key, {
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

/** Runs one Genesys call for these presences; a Genesys failure is recorded against each of them. */
async function attempt<T>(
  failures: Map<string, DeliveryFailure>,
  keys: readonly string[],
  call: () => Promise<T>,
): Promise<T | undefined> {
  try {
    return await call();
  } catch (error) {
    if (!(error instanceof GenesysFailure)) throw error;
    for (const key of keys) failures.set(key, error);
    return undefined;
  }
}

function statusOf(key: string, status: RecordStatus): StatusOfRecord {
  return { kind: 'presence', key, status };
}
