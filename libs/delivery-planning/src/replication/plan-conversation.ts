import type { DesiredConversation, DesiredConversationEvent, TargetKind } from '@bridge/contracts';
import type { Resolved } from '../presence/plan-presence';

/** One event as the events API takes it, under the array of `BatchConversationEventRequest` it goes in. */
export interface ConversationEventCall {
  readonly array: string;
  readonly event: Readonly<Record<string, unknown>>;
  readonly eventId: string;
}

/** Resolves a CIC key of the conversation to its Genesys id through the id map. */
export type ResolveReference = (
  kind: Extract<TargetKind, 'queue' | 'user' | 'skill' | 'language' | 'wrapUpCode'>,
  key: string,
) => Resolved;

export interface ConversationContext {
  /** The bridge's source (`sourceConfiguration.sourceId`). */
  readonly sourceId: string;
  /** Event ids Genesys has accepted, or that were given up on: never sent again. */
  readonly settled: ReadonlySet<string>;
  /** Event ids given up on: their communication was never established, so what follows on it goes too. */
  readonly skipped: ReadonlySet<string>;
  /** The bounded wait for a queue, agent or wrap-up code on its way to Genesys is over: send what is known. */
  readonly waitOver: boolean;
  readonly resolve: ResolveReference;
}

export type ConversationPlan =
  /** Nothing new to send. */
  | { readonly type: 'none' }
  /** Something the conversation names is not synced yet and the wait is not over. */
  | { readonly type: 'wait'; readonly reasons: readonly string[] }
  /**
   * The events to send, in the conversation's order; `skipped` could not be sent and are given up, with the
   * reasons (also for what went without, such as a wrap-up code that is not synced).
   */
  | {
      readonly type: 'send';
      readonly calls: readonly ConversationEventCall[];
      readonly skipped: readonly string[];
      readonly reasons: readonly string[];
    };

/** The events API's arrays per kind: voice (calls, chats, callbacks) and email (docs/adr/0010). */
const arrays = {
  voice: {
    externalEstablished: 'externalEstablishedEvents',
    routingEstablished: 'routingEstablishedEvents',
    userEstablished: 'userEstablishedEvents',
    communicationAnswered: 'communicationAnsweredEvents',
    holdUpdated: 'holdUpdatedEvents',
    dispositionApplied: 'communicationDispositionAppliedEvents',
    communicationEnded: 'communicationEndedEvents',
  },
  email: {
    externalEstablished: 'emailExternalEstablishedEvents',
    routingEstablished: 'emailRoutingEstablishedEvents',
    userEstablished: 'emailUserEstablishedEvents',
    communicationAnswered: 'emailCommunicationAnsweredEvents',
    holdUpdated: 'emailHoldUpdatedEvents',
    dispositionApplied: 'emailCommunicationDispositionAppliedEvents',
    communicationEnded: 'emailCommunicationEndedEvents',
  },
} as const satisfies Record<DesiredConversation['channel'], Record<DesiredConversationEvent['kind'], string>>;

const idOf = (resolved: Resolved) => (typeof resolved === 'object' ? resolved.id : undefined);

/**
 * Which of a conversation's events to send now, as the events API takes them. Events already settled are left
 * out, so a retry or a replay sends nothing twice. A queue, agent or wrap-up code on its way to Genesys
 * (`pending`) makes the conversation wait, up to a bound; one that will not come (`missing`: not synced, and
 * nothing on its way) does not. Then what can be sent goes and the rest is given up with the reason: a
 * communication whose established event cannot go (no queue, no agent) takes its later events with it, skills or
 * a language not synced are left out, a disposition goes without its code.
 */
export function planConversation(
  conversation: DesiredConversation,
  context: ConversationContext,
): ConversationPlan {
  const fresh = conversation.events.filter((event) => !context.settled.has(event.eventId));
  if (fresh.length === 0) return { type: 'none' };
  const reasons: string[] = [];
  let onItsWay = false;
  const unsynced = (kind: Parameters<ResolveReference>[0], key: string) => {
    const resolved = context.resolve(kind, key);
    if (typeof resolved !== 'object') reasons.push(`${kind} ${key} is not synced`);
    if (resolved === 'pending') onItsWay = true;
    return idOf(resolved);
  };
  const skippedCommunications = new Set(
    conversation.events
      .filter((event) => context.skipped.has(event.eventId) && event.kind.endsWith('Established'))
      .map((event) => event.communicationId),
  );
  const calls: ConversationEventCall[] = [];
  const skipped: string[] = [];
  for (const event of fresh) {
    if (skippedCommunications.has(event.communicationId)) {
      skipped.push(event.eventId);
      continue;
    }
    const body = bodyOf(conversation, event, context, unsynced);
    if (body)
      calls.push({ array: arrays[conversation.channel][event.kind], event: body, eventId: event.eventId });
    else {
      skipped.push(event.eventId);
      skippedCommunications.add(event.communicationId);
    }
  }
  if (onItsWay && !context.waitOver) return { type: 'wait', reasons: [...new Set(reasons)] };
  return { type: 'send', calls, skipped, reasons: [...new Set(reasons)] };
}

/** The event as Genesys takes it, or undefined when it cannot go (its queue or agent is not synced). */
function bodyOf(
  conversation: DesiredConversation,
  event: DesiredConversationEvent,
  context: ConversationContext,
  resolve: (kind: Parameters<ResolveReference>[0], key: string) => string | undefined,
): Record<string, unknown> | undefined {
  const common = {
    eventId: event.eventId,
    eventDateTime: event.eventDateTime,
    conversationId: conversation.conversationId,
    communicationId: event.communicationId,
  };
  const voice = conversation.channel === 'voice';
  // An email's communication names its addresses (required by the model): the customer's and CIC's.
  const addresses = (event: { inbound: boolean; ani?: string; dnis?: string }) =>
    voice
      ? {}
      : {
          from: (event.inbound ? event.ani : event.dnis) ?? '',
          to: (event.inbound ? event.dnis : event.ani) ?? '',
        };
  const established = (event: { inbound: boolean; ani?: string; dnis?: string }, alerting: boolean) => ({
    initialConfiguration: {
      inbound: event.inbound,
      alerting,
      ...addresses(event),
      additionalInfo: { mediaType: conversation.mediaType },
    },
    sourceConfiguration: { sourceId: context.sourceId, interactionId: conversation.interactionId },
  });
  switch (event.kind) {
    case 'externalEstablished': {
      // The customer's name goes with the customer's own number: the caller's (ANI) inbound, the called one's out.
      const name = event.remoteName;
      const names = voice && name ? (event.inbound ? { aniName: name } : { dnisName: name }) : {};
      return {
        ...common,
        ...(voice && event.ani ? { ani: event.ani } : {}),
        ...(voice && event.dnis ? { dnis: event.dnis } : {}),
        ...names,
        ...(!voice && name ? { displayName: name } : {}),
        ...established(event, false),
      };
    }
    case 'routingEstablished': {
      const queueId = resolve('queue', event.workgroupKey);
      if (!queueId) return undefined;
      const skillIds = event.skillKeys.flatMap((key) => resolve('skill', key) ?? []);
      const languageId = event.languageKey ? resolve('language', event.languageKey) : undefined;
      return {
        ...common,
        queueId,
        ...(skillIds.length > 0 ? { skillIds } : {}),
        ...(languageId ? { languageId } : {}),
        ...(voice && event.ani ? { ani: event.ani } : {}),
        ...(voice && event.dnis ? { dnis: event.dnis } : {}),
        ...established(event, true),
      };
    }
    case 'userEstablished': {
      const userId = resolve('user', event.userKey);
      if (!userId) return undefined;
      const queue = event.workgroupKey ? context.resolve('queue', event.workgroupKey) : 'missing';
      return {
        ...common,
        userId,
        ...(typeof queue === 'object' ? { queueId: queue.id } : {}),
        ...(voice && event.ani ? { ani: event.ani } : {}),
        ...(voice && event.dnis ? { dnis: event.dnis } : {}),
        ...established(event, event.alerting),
      };
    }
    case 'communicationAnswered':
      return common;
    case 'holdUpdated':
      return { ...common, held: event.held };
    case 'dispositionApplied': {
      const code = resolve('wrapUpCode', event.wrapUpCodeKey);
      return { ...common, ...(code ? { code } : {}) };
    }
    case 'communicationEnded':
      return { ...common, disconnectType: event.disconnectType };
  }
}
