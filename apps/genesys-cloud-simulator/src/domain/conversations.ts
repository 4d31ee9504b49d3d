import { conversationEventModels, type EventModel } from './conversation-event-models';

type Json = Record<string, unknown>;
const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * What an event breaks of its SDK model: a required field missing, a field the model does not have, a value of
 * the wrong type or outside its enum, checked into nested models. Undefined when it fits.
 */
export function modelProblem(value: Json, modelName: string, path = ''): string | undefined {
  const model: EventModel | undefined = conversationEventModels[modelName];
  if (!model) return `${path || modelName}: no model ${modelName}`;
  for (const field of model.required)
    if (value[field] === undefined || value[field] === null) return `${path}${field} is required`;
  for (const [field, fieldValue] of Object.entries(value)) {
    const property = model.properties[field];
    if (!property) return `${path}${field} is not a property of ${modelName}`;
    if (fieldValue === undefined || fieldValue === null) continue;
    if (property.ref) {
      if (!isRecord(fieldValue)) return `${path}${field} must be an object`;
      const nested = modelProblem(fieldValue, property.ref, `${path}${field}.`);
      if (nested) return nested;
      continue;
    }
    const wrong = typeProblem(fieldValue, property.type, property.items);
    if (wrong) return `${path}${field} ${wrong}`;
    if (property.enum && !property.enum.includes(fieldValue as string))
      return `${path}${field} must be one of ${property.enum.join(', ')}`;
  }
  return undefined;
}

function typeProblem(
  value: unknown,
  type: string | undefined,
  items: string | undefined,
): string | undefined {
  switch (type) {
    case 'string':
      return typeof value === 'string' ? undefined : 'must be a string';
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'must be a boolean';
    case 'integer':
    case 'number':
      return typeof value === 'number' ? undefined : 'must be a number';
    case 'array':
      if (!Array.isArray(value)) return 'must be an array';
      return value.every((item) => items === undefined || typeProblem(item, items, undefined) === undefined)
        ? undefined
        : `must be an array of ${items}`;
    case 'object':
      return isRecord(value) ? undefined : 'must be an object';
    case undefined:
    default:
      return undefined;
  }
}

/** One accepted event of a conversation, as the simulator keeps it. */
export interface ConversationEventEntry {
  readonly array: string;
  readonly receivedAt: string;
  readonly event: Json;
}

/** What the simulator knows of one conversation: every event it accepted, once each, in the order taken. */
export interface ConversationEntry {
  readonly conversationId: string;
  /** From the established events' `sourceConfiguration`. */
  interactionId?: string;
  sourceId?: string;
  /** From `initialConfiguration.additionalInfo.mediaType`, where the sender put it. */
  mediaType?: string;
  readonly events: ConversationEventEntry[];
}

/**
 * The conversations the events API made. An event id seen before is a duplicate: taken without an error (a
 * retry or a replay must not fail) but not applied again, and counted apart, so a test can tell a replay
 * added nothing.
 */
export class ConversationLedger {
  private readonly conversations = new Map<string, ConversationEntry>();
  private readonly eventIds = new Set<string>();
  private counters = { accepted: 0, duplicates: 0, rejected: 0 };

  /** Takes one valid event; answers whether it was new. */
  take(array: string, event: Json, receivedAt: string): boolean {
    const eventId = String(event['eventId']);
    if (this.eventIds.has(eventId)) {
      this.counters.duplicates++;
      return false;
    }
    this.eventIds.add(eventId);
    this.counters.accepted++;
    const conversationId = String(event['conversationId']);
    let entry = this.conversations.get(conversationId);
    if (!entry) {
      entry = { conversationId, events: [] };
      this.conversations.set(conversationId, entry);
    }
    const source = event['sourceConfiguration'];
    if (isRecord(source)) {
      entry.interactionId ??= String(source['interactionId']);
      entry.sourceId ??= String(source['sourceId']);
    }
    const initial = event['initialConfiguration'];
    const info = isRecord(initial) ? initial['additionalInfo'] : undefined;
    if (isRecord(info) && typeof info['mediaType'] === 'string') entry.mediaType ??= info['mediaType'];
    entry.events.push({ array, receivedAt, event });
    return true;
  }

  rejected(): void {
    this.counters.rejected++;
  }

  stats() {
    return { conversations: this.conversations.size, ...this.counters };
  }

  /** Zeroes the counters, keeping the conversations and event ids (a replay after it is still a duplicate). */
  resetCounters(): void {
    this.counters = { accepted: 0, duplicates: 0, rejected: 0 };
  }

  /** Every conversation, each with its events in eventDateTime order (ties: the order taken). */
  list(): ConversationEntry[] {
    return [...this.conversations.values()].map((entry) => ({
      ...entry,
      events: [...entry.events].sort((a, b) =>
        String(a.event['eventDateTime']).localeCompare(String(b.event['eventDateTime'])),
      ),
    }));
  }

  get(conversationId: string): ConversationEntry | undefined {
    return this.list().find((entry) => entry.conversationId === conversationId);
  }
}
