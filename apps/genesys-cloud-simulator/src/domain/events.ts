import { badRequest } from './api-error';
import { type Clock, isoAt } from './clock';
import { type OrgState, PURECLOUD_SOURCE, type PresenceEntry, systemPresenceId } from './org-state';

/**
 * The external-platform event ingestion endpoints. Each event is checked on its own; a bad one becomes an entry
 * of BatchEventResponse.errors and the rest are applied, as the batch model implies. Valid presence and routing
 * status events change the user's state the same way the direct endpoints would.
 */
type Json = Record<string, unknown>;
const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
/** [GAP] The batch size limit is not documented; the simulator accepts up to 100 events a call. */
export const MAX_EVENTS_PER_BATCH = 100;

export interface EventError {
  eventId: string;
  message: string;
  retryable: boolean;
}

const ROUTING_EVENT_STATUS: Record<
  string,
  'OFF_QUEUE' | 'IDLE' | 'INTERACTING' | 'COMMUNICATING' | 'NOT_RESPONDING'
> = {
  OffQueue: 'OFF_QUEUE',
  Idle: 'IDLE',
  Interacting: 'INTERACTING',
  Communicating: 'COMMUNICATING',
  NotResponding: 'NOT_RESPONDING',
};

const eventIdOf = (event: Json): string => (typeof event['eventId'] === 'string' ? event['eventId'] : '');

function batch(body: unknown, field: string): Json[] {
  if (!isRecord(body)) throw badRequest('The body must be an object');
  const events = body[field];
  if (!Array.isArray(events) || !events.every(isRecord))
    throw badRequest(`${field} must be an array of events`);
  if (events.length > MAX_EVENTS_PER_BATCH)
    throw badRequest(`At most ${MAX_EVENTS_PER_BATCH} events per request`);
  return events;
}

function commonProblem(event: Json): string | undefined {
  if (typeof event['eventId'] !== 'string' || !UUID_V4.test(event['eventId']))
    return 'eventId must be a UUIDv4';
  const when = event['eventDateTime'];
  if (typeof when !== 'string' || Number.isNaN(Date.parse(when)))
    return 'eventDateTime must be an ISO-8601 date-time';
  return undefined;
}

function sourceProblem(org: OrgState, sourceId: unknown): string | undefined {
  if (typeof sourceId !== 'string') return 'sourceId is required';
  if (sourceId !== PURECLOUD_SOURCE && !org.sources.has(sourceId)) return `Source ${sourceId} does not exist`;
  return undefined;
}

function userProblem(org: OrgState, userId: unknown, field: string): string | undefined {
  if (typeof userId !== 'string') return `${field} is required`;
  const user = org.users.get(userId);
  return !user || user.state === 'deleted' ? `User ${userId} does not exist` : undefined;
}

export function ingestPresenceEvents(org: OrgState, clock: Clock, body: unknown): { errors: EventError[] } {
  const errors: EventError[] = [];
  for (const event of batch(body, 'userPresenceEvents')) {
    const definitionId = event['presenceDefinitionId'];
    const problem =
      commonProblem(event) ??
      userProblem(org, event['userId'], 'userId') ??
      sourceProblem(org, event['sourceId']) ??
      (definitionId !== undefined &&
      (typeof definitionId !== 'string' || !org.presenceDefinitions.has(definitionId))
        ? `Presence definition ${JSON.stringify(definitionId)} does not exist`
        : undefined);
    if (problem) {
      errors.push({ eventId: eventIdOf(event), message: problem, retryable: false });
      continue;
    }
    const userId = String(event['userId']);
    const sourceId = String(event['sourceId']);
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
    });
    org.events.push({ kind: 'presence', receivedAt: isoAt(clock), event });
  }
  return { errors };
}

export function ingestRoutingStatusEvents(
  org: OrgState,
  clock: Clock,
  body: unknown,
): { errors: EventError[] } {
  const errors: EventError[] = [];
  for (const event of batch(body, 'userRoutingStatusEvents')) {
    const status = typeof event['status'] === 'string' ? ROUTING_EVENT_STATUS[event['status']] : undefined;
    const problem =
      commonProblem(event) ??
      userProblem(org, event['agentId'], 'agentId') ??
      sourceProblem(org, event['sourceId']) ??
      (status ? undefined : `status must be one of ${Object.keys(ROUTING_EVENT_STATUS).join(', ')}`);
    if (problem || !status) {
      errors.push({
        eventId: eventIdOf(event),
        message: problem ?? 'invalid',
        retryable: false,
      });
      continue;
    }
    org.routingStatus.set(String(event['agentId']), { status, startTime: String(event['eventDateTime']) });
    org.events.push({ kind: 'routingStatus', receivedAt: isoAt(clock), event });
  }
  return { errors };
}

/** Fields every conversation event needs, plus what the *EstablishedEvent kinds add. */
function conversationProblem(org: OrgState, arrayName: string, event: Json): string | undefined {
  const common = commonProblem(event);
  if (common) return common;
  for (const field of ['conversationId', 'communicationId']) {
    const value = event[field];
    if (typeof value !== 'string' || !UUID_V4.test(value)) return `${field} must be a UUIDv4`;
  }
  if (arrayName.endsWith('EstablishedEvents')) {
    const source = event['sourceConfiguration'];
    if (
      !isRecord(source) ||
      typeof source['sourceId'] !== 'string' ||
      typeof source['interactionId'] !== 'string'
    ) {
      return 'sourceConfiguration.sourceId and sourceConfiguration.interactionId are required';
    }
    if (!isRecord(event['initialConfiguration'])) return 'initialConfiguration is required';
  }
  if (arrayName === 'routingEstablishedEvents') {
    const queueId = event['queueId'];
    if (typeof queueId !== 'string' || !org.queues.has(queueId))
      return `Queue ${String(queueId)} does not exist`;
  }
  if (arrayName === 'userEstablishedEvents') return userProblem(org, event['userId'], 'userId');
  return undefined;
}

export function ingestConversationEvents(
  org: OrgState,
  clock: Clock,
  body: unknown,
): { errors: EventError[] } {
  if (!isRecord(body)) throw badRequest('The body must be a BatchConversationEventRequest');
  const errors: EventError[] = [];
  let total = 0;
  for (const [arrayName, events] of Object.entries(body)) {
    if (!arrayName.endsWith('Events')) throw badRequest(`Unknown field ${arrayName}`);
    if (!Array.isArray(events) || !events.every(isRecord))
      throw badRequest(`${arrayName} must be an array of events`);
    total += events.length;
    if (total > MAX_EVENTS_PER_BATCH) throw badRequest(`At most ${MAX_EVENTS_PER_BATCH} events per request`);
    for (const event of events) {
      const problem = conversationProblem(org, arrayName, event);
      if (problem) errors.push({ eventId: eventIdOf(event), message: problem, retryable: false });
      else
        org.events.push({
          kind: 'conversation',
          receivedAt: isoAt(clock),
          event: { type: arrayName, ...event },
        });
    }
  }
  return { errors };
}
