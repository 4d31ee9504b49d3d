import type { DesiredPresence, TargetKind } from '@bridge/contracts';
import type { References } from '../decider/delivery-object';
import {
  presenceEventId,
  routingStatusEventValues,
  type StableUuid,
  type UserPresenceEvent,
  type UserRoutingStatusEvent,
} from './presence-events';

/** What was last delivered for one user: a new presence sends only what differs from it. */
export interface DeliveredPresence {
  readonly sequence: number;
  readonly presenceDefinitionId?: string;
  readonly message?: string;
  readonly routingStatus?: DesiredPresence['routingStatus'];
  readonly outOfOffice?: DesiredPresence['outOfOffice'];
}

/** A reference resolved through the id map: its Genesys id, still on its way, or not to be had. */
export type Resolved = { readonly id: string } | 'pending' | 'missing';

/** One reference looked up in what the id map answered for a batch. */
export function resolvedIn(references: References, kind: TargetKind, key: string): Resolved {
  const entry = references.live(kind, key);
  if (entry) return { id: entry.genesysId };
  return references.pending(kind, key) ? 'pending' : 'missing';
}

/** What the presence of one user needs from elsewhere, resolved by the caller for a batch. */
export interface PresenceContext {
  readonly sourceId: string;
  /** The user's Genesys id, once it is live and the bridge is its primary source. */
  readonly user: Resolved;
  /** The secondary status's definition id, or the system presence's definition id. */
  readonly definition: Resolved;
}

/** The out-of-office change of one user (`PUT users/{id}/outofoffice`). */
export interface OutOfOfficeChange {
  readonly userId: string;
  readonly active: boolean;
  /** When the status that set it began (Genesys wants both dates of an out of office that ends). */
  readonly startDate: string;
  readonly endDate?: string;
}

export type PresencePlan =
  /** A lower or equal sequence than the one delivered: an older change, never sent after a newer one. */
  | { readonly type: 'stale' }
  /** The user or the status is on its way: re-dirtied when it becomes live. */
  | { readonly type: 'wait'; readonly on: 'user' | 'secondaryStatus' }
  | {
      readonly type: 'error';
      readonly code: 'userMissing' | 'presenceDefinitionMissing';
      readonly message: string;
    }
  | {
      readonly type: 'send';
      readonly presence?: UserPresenceEvent;
      readonly routingStatus?: UserRoutingStatusEvent;
      readonly outOfOffice?: OutOfOfficeChange;
      /** What is delivered once these succeed. */
      readonly delivered: DeliveredPresence;
    };

/**
 * The calls one user's latest desired presence needs, given what was delivered last: the presence event when
 * the definition or message changed, the routing status event when it changed (WEM), and the out of office when
 * it changed (WEM). Event times are CIC's, so Genesys orders them as CIC did.
 */
export function planPresence(
  key: string,
  desired: DesiredPresence,
  delivered: DeliveredPresence | undefined,
  context: PresenceContext,
  uuid: StableUuid,
): PresencePlan {
  if (delivered && desired.sequence <= delivered.sequence) return { type: 'stale' };
  const { user, definition } = context;
  if (user === 'pending') return { type: 'wait', on: 'user' };
  if (user === 'missing')
    return { type: 'error', code: 'userMissing', message: `user ${key} is not live in Genesys Cloud` };
  if (definition === 'pending') return { type: 'wait', on: 'secondaryStatus' };
  if (definition === 'missing')
    return {
      type: 'error',
      code: 'presenceDefinitionMissing',
      message: `no presence definition for status ${desired.statusId} of user ${key}`,
    };
  const eventDateTime = desired.changedAt;
  const { sourceId } = context;
  const presenceChanged =
    delivered?.presenceDefinitionId !== definition.id || delivered.message !== desired.message;
  const presence = presenceChanged
    ? {
        eventId: presenceEventId(uuid, key, desired.sequence, 'presence'),
        eventDateTime,
        userId: user.id,
        sourceId,
        presenceDefinitionId: definition.id,
        ...(desired.message !== undefined ? { message: desired.message } : {}),
      }
    : undefined;
  const routing = desired.routingStatus;
  const routingStatus =
    routing && routing !== delivered?.routingStatus
      ? {
          eventId: presenceEventId(uuid, key, desired.sequence, 'routingStatus'),
          eventDateTime,
          agentId: user.id,
          status: routingStatusEventValues[routing],
          sourceId,
        }
      : undefined;
  const office = desired.outOfOffice;
  const officeChanged =
    office &&
    (office.active !== (delivered?.outOfOffice?.active ?? false) ||
      office.endDate !== delivered?.outOfOffice?.endDate);
  const outOfOffice = officeChanged ? { userId: user.id, startDate: eventDateTime, ...office } : undefined;
  return {
    type: 'send',
    ...(presence ? { presence } : {}),
    ...(routingStatus ? { routingStatus } : {}),
    ...(outOfOffice ? { outOfOffice } : {}),
    delivered: {
      sequence: desired.sequence,
      presenceDefinitionId: definition.id,
      ...(desired.message !== undefined ? { message: desired.message } : {}),
      ...(routing ? { routingStatus: routing } : {}),
      ...(office ? { outOfOffice: office } : {}),
    },
  };
}
