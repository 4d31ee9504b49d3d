import { badRequest } from './api-error';
import { type Clock, isoAt } from './clock';
import { conversationEventArrays } from './conversation-event-models';
import { modelProblem } from './conversations';
import { type OrgState, PURECLOUD_SOURCE } from './org-state';

/**
 * The external-platform event ingestion endpoints' common rules, and the conversation events. Each event is
 * checked on its own; a bad one becomes an entry of BatchEventResponse.errors and the rest are applied, as the
 * batch model implies. Presence and routing status events: presence-events.ts.
 */
export type Json = Record<string, unknown>;
export const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
/** The ISO-8601 date-time the API's models use (date, time, zone); Date.parse alone takes much looser text. */
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
/**
 * [INF] The batch size limit is not documented; the simulator takes up to 500 events a call (the limit the
 * bridge plans for) and answers 400 above it.
 */
export const MAX_EVENTS_PER_BATCH = 500;

export interface EventError {
  eventId: string;
  message: string;
  retryable: boolean;
}

export const eventIdOf = (event: Json): string =>
  typeof event['eventId'] === 'string' ? event['eventId'] : '';

export function batch(body: unknown, field: string): Json[] {
  if (!isRecord(body)) throw badRequest('The body must be an object');
  const events = body[field];
  if (!Array.isArray(events) || !events.every(isRecord))
    throw badRequest(`${field} must be an array of events`);
  if (events.length > MAX_EVENTS_PER_BATCH)
    throw badRequest(`At most ${MAX_EVENTS_PER_BATCH} events per request`);
  return events;
}

export function commonProblem(event: Json): string | undefined {
  if (typeof event['eventId'] !== 'string' || !UUID_V4.test(event['eventId']))
    return 'eventId must be a UUIDv4';
  const when = event['eventDateTime'];
  if (typeof when !== 'string' || !ISO_DATE_TIME.test(when) || Number.isNaN(Date.parse(when)))
    return 'eventDateTime must be an ISO-8601 date-time';
  return undefined;
}

export function sourceProblem(org: OrgState, sourceId: unknown): string | undefined {
  if (typeof sourceId !== 'string') return 'sourceId is required';
  if (sourceId === PURECLOUD_SOURCE) return undefined;
  const source = org.sources.get(sourceId);
  if (!source) return `Source ${sourceId} does not exist`;
  if (source.deactivated) return `Source ${sourceId} is deactivated`;
  return undefined;
}

export function userProblem(org: OrgState, userId: unknown, field: string): string | undefined {
  if (typeof userId !== 'string') return `${field} is required`;
  const user = org.users.get(userId);
  return !user || user.state === 'deleted' ? `User ${userId} does not exist` : undefined;
}

/**
 * What is wrong with one conversation event: its SDK model first (required fields, unknown fields, types and
 * enums, nested models), then what the org must have (the source, the queue, the user).
 */
function conversationProblem(org: OrgState, arrayName: string, event: Json): string | undefined {
  const modelName = conversationEventArrays[arrayName];
  if (!modelName) return `Unknown array ${arrayName}`;
  const model = modelProblem(event, modelName);
  if (model) return model;
  const common = commonProblem(event);
  if (common) return common;
  for (const field of ['conversationId', 'communicationId']) {
    const value = event[field];
    if (typeof value !== 'string' || !UUID_V4.test(value)) return `${field} must be a UUIDv4`;
  }
  const source = event['sourceConfiguration'];
  if (isRecord(source)) {
    const problem = sourceProblem(org, source['sourceId']);
    if (problem) return problem;
  }
  const queueId = event['queueId'];
  if (queueId !== undefined && (typeof queueId !== 'string' || !org.queues.has(queueId)))
    return `Queue ${JSON.stringify(queueId)} does not exist`;
  if (event['userId'] !== undefined) return userProblem(org, event['userId'], 'userId');
  return undefined;
}

/**
 * `POST /api/v2/events/conversations`: every event is checked against its SDK model and the org; a bad one is an
 * entry of `errors`, the others are taken into their conversation (a repeated event id is taken as the event the
 * conversation has).
 */
export function ingestConversationEvents(
  org: OrgState,
  clock: Clock,
  body: unknown,
): { errors: EventError[] } {
  if (!isRecord(body)) throw badRequest('The body must be a BatchConversationEventRequest');
  const errors: EventError[] = [];
  let total = 0;
  for (const [arrayName, events] of Object.entries(body)) {
    if (!conversationEventArrays[arrayName]) throw badRequest(`Unknown field ${arrayName}`);
    if (!Array.isArray(events) || !events.every(isRecord))
      throw badRequest(`${arrayName} must be an array of events`);
    total += events.length;
    if (total > MAX_EVENTS_PER_BATCH) throw badRequest(`At most ${MAX_EVENTS_PER_BATCH} events per request`);
  }
  for (const [arrayName, events] of Object.entries(body) as [string, Json[]][]) {
    for (const event of events) {
      const problem = conversationProblem(org, arrayName, event);
      if (problem) {
        org.conversations.rejected();
        errors.push({ eventId: eventIdOf(event), message: problem, retryable: false });
      } else org.conversations.take(arrayName, event, isoAt(clock));
    }
  }
  return { errors };
}
