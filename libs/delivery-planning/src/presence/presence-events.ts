import type { RoutingStatus } from '@bridge/contracts';

/** The two events endpoints of the presence lane (`POST /api/v2/events/users/…`). */
export type PresenceEndpoint = 'presence' | 'routingStatus';

/** The events API spells routing statuses in PascalCase where `RoutingStatus` has OFF_QUEUE: mapped here only. */
export const routingStatusEventValues = {
  OFF_QUEUE: 'OffQueue',
  IDLE: 'Idle',
  INTERACTING: 'Interacting',
  COMMUNICATING: 'Communicating',
  NOT_RESPONDING: 'NotResponding',
} as const satisfies Record<RoutingStatus, string>;
export type RoutingStatusEventValue = (typeof routingStatusEventValues)[RoutingStatus];

/** One `userPresenceEvents` item. */
export interface UserPresenceEvent {
  readonly eventId: string;
  readonly eventDateTime: string;
  readonly userId: string;
  readonly sourceId: string;
  readonly presenceDefinitionId: string;
  readonly message?: string;
}

/** One `userRoutingStatusEvents` item. */
export interface UserRoutingStatusEvent {
  readonly eventId: string;
  readonly eventDateTime: string;
  readonly agentId: string;
  readonly status: RoutingStatusEventValue;
  readonly sourceId: string;
}

/** A per-event error of a `BatchEventResponse`. */
export interface BatchEventError {
  readonly eventId: string;
  readonly message: string;
  readonly retryable: boolean;
}

/** A name → UUID function that always gives the same UUID for the same name (e.g. messaging's stableUuid). */
export type StableUuid = (name: string) => string;

/**
 * The event id of one user's presence change on one endpoint: the same change always gets the same id, so a
 * replay or a retry is recognised by Genesys as the event it already has.
 */
export function presenceEventId(
  uuid: StableUuid,
  userKey: string,
  sequence: number,
  endpoint: PresenceEndpoint,
) {
  return uuid(`presence:${endpoint}:${sequence}:${userKey}`);
}
