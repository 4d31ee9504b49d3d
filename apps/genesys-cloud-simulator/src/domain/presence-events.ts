import type { Clock } from './clock';
import type { EventEndpoint } from './event-ledger';
import {
  type EventError,
  type Json,
  batch,
  commonProblem,
  eventIdOf,
  sourceProblem,
  userProblem,
} from './events';
import { type OrgState, type PresenceEntry, type RoutingStatusEntry, systemPresenceId } from './org-state';

/**
 * POST /events/users/presence and /events/users/routingstatus. A valid event is applied unless its eventId was
 * already taken (a retry: accepted, not applied again) or it is older than the newest event applied for that
 * user on that endpoint (ignored: the state never steps back). Both cases are counted in the event ledger.
 */

/** The events API spells routing statuses in PascalCase; RoutingStatus (GET/PUT routingstatus) in UPPER_CASE. */
const ROUTING_EVENT_STATUS: Record<string, RoutingStatusEntry['status']> = {
  OffQueue: 'OFF_QUEUE',
  Idle: 'IDLE',
  Interacting: 'INTERACTING',
  Communicating: 'COMMUNICATING',
  NotResponding: 'NOT_RESPONDING',
};

function definitionProblem(org: OrgState, definitionId: unknown): string | undefined {
  if (definitionId === undefined) return undefined;
  const definition = typeof definitionId === 'string' ? org.presenceDefinitions.get(definitionId) : undefined;
  if (!definition) return `Presence definition ${JSON.stringify(definitionId)} does not exist`;
  return definition.deactivated ? `Presence definition ${definition.id} is deactivated` : undefined;
}

/** Checks each event, answers the bad ones as errors and hands the good ones to `apply` once and in order. */
function ingest(
  org: OrgState,
  clock: Clock,
  endpoint: EventEndpoint,
  events: Json[],
  problemOf: (event: Json) => string | undefined,
  userOf: (event: Json) => string,
  apply: (event: Json, receivedAt: string) => void,
): { errors: EventError[] } {
  const ledger = org.eventLedger;
  ledger.batch();
  const errors: EventError[] = [];
  for (const event of events) {
    const problem = commonProblem(event) ?? problemOf(event);
    if (problem) {
      ledger.reject();
      errors.push({ eventId: eventIdOf(event), message: problem, retryable: false });
      continue;
    }
    const receivedAt = clock.now();
    const eventAt = Date.parse(String(event['eventDateTime']));
    if (ledger.admit(endpoint, userOf(event), eventIdOf(event), eventAt, receivedAt) === 'apply') {
      apply(event, new Date(receivedAt).toISOString());
    }
  }
  return { errors };
}

export function ingestPresenceEvents(org: OrgState, clock: Clock, body: unknown): { errors: EventError[] } {
  return ingest(
    org,
    clock,
    'presence',
    batch(body, 'userPresenceEvents'),
    (event) =>
      userProblem(org, event['userId'], 'userId') ??
      sourceProblem(org, event['sourceId']) ??
      definitionProblem(org, event['presenceDefinitionId']),
    (event) => String(event['userId']),
    (event, receivedAt) => {
      const userId = String(event['userId']);
      const sourceId = String(event['sourceId']);
      const definitionId = event['presenceDefinitionId'];
      const perUser = org.presences.get(userId) ?? new Map<string, PresenceEntry>();
      org.presences.set(userId, perUser);
      const previous = perUser.get(sourceId);
      perUser.set(sourceId, {
        presenceDefinitionId:
          typeof definitionId === 'string'
            ? definitionId
            : (previous?.presenceDefinitionId ?? systemPresenceId('Offline')),
        ...(typeof event['message'] === 'string' ? { message: event['message'] } : {}),
        modifiedDate: String(event['eventDateTime']),
        receivedAt,
      });
    },
  );
}

export function ingestRoutingStatusEvents(
  org: OrgState,
  clock: Clock,
  body: unknown,
): { errors: EventError[] } {
  return ingest(
    org,
    clock,
    'routingStatus',
    batch(body, 'userRoutingStatusEvents'),
    (event) =>
      userProblem(org, event['agentId'], 'agentId') ??
      sourceProblem(org, event['sourceId']) ??
      (typeof event['status'] === 'string' && Object.hasOwn(ROUTING_EVENT_STATUS, event['status'])
        ? undefined
        : `status must be one of ${Object.keys(ROUTING_EVENT_STATUS).join(', ')}`),
    (event) => String(event['agentId']),
    (event, receivedAt) => {
      org.routingStatus.set(String(event['agentId']), {
        status: ROUTING_EVENT_STATUS[String(event['status'])] ?? 'OFF_QUEUE',
        startTime: String(event['eventDateTime']),
        receivedAt,
      });
    },
  );
}
