import { z } from 'zod';
import { defineEvent } from '../envelope';
import { cicInteractionSchema } from './cic-interaction';

/** Every interaction event carries the interaction's whole life so far, after the change its type names. */
const schema = z.object({ interaction: cicInteractionSchema });

/**
 * One interaction's facts, published by cic-ingestion through the event store's outbox. Each is state-carrying:
 * `interaction` is the whole record after the change, so the latest event of a stream alone says everything known
 * (a consumer never needs an earlier one). Ordered within an interaction's stream (stream version); event ids are
 * deterministic (interaction id, change, segment and hold index), so a reconnect that sees a change again appends
 * nothing. Event-store stream: `cicInteractionStreamId(interactionId)`.
 */
function interactionEvent<Type extends string>(type: Type, event: string) {
  return defineEvent({ type, schemaVersion: 1, subject: `cic.interaction.${event}`, stream: 'CIC', schema });
}

/** First seen: queued in a workgroup (inbound), or already with its agent (outbound). */
export const CicInteractionStarted = interactionEvent('CicInteractionStarted', 'started');
/** The current segment started alerting an agent (`segments[-1].userId`, `alertingAt`). */
export const CicInteractionAlerted = interactionEvent('CicInteractionAlerted', 'alerted');
/** The agent answered (`segments[-1].answeredAt`). */
export const CicInteractionAnswered = interactionEvent('CicInteractionAnswered', 'answered');
/** Put on hold (a new open hold in `segments[-1].holds`). */
export const CicInteractionHeld = interactionEvent('CicInteractionHeld', 'held');
/** Taken off hold (the last hold got its `endedAt`). */
export const CicInteractionRetrieved = interactionEvent('CicInteractionRetrieved', 'retrieved');
/** A user joined the agent's conference, or left it (`segments[-1].conferees`). */
export const CicInteractionConferenceChanged = interactionEvent(
  'CicInteractionConferenceChanged',
  'conference-changed',
);
/** Transferred: the previous segment ended with a transfer and a new segment (user or workgroup) started. */
export const CicInteractionTransferred = interactionEvent('CicInteractionTransferred', 'transferred');
/**
 * Disconnected, answered or abandoned (`disconnectedAt`, `disconnectedBy`, the last segment's `end`). State
 * `afterCallWork` when the agent now wraps up (a CicInteractionWrappedUp follows), `ended` otherwise.
 */
export const CicInteractionDisconnected = interactionEvent('CicInteractionDisconnected', 'disconnected');
/** After-call work ended, with the wrap-up code if the agent chose one. State `ended`. */
export const CicInteractionWrappedUp = interactionEvent('CicInteractionWrappedUp', 'wrapped-up');

/** The interaction events, in the order of an interaction's life. */
export const cicInteractionEvents = [
  CicInteractionStarted,
  CicInteractionAlerted,
  CicInteractionAnswered,
  CicInteractionHeld,
  CicInteractionRetrieved,
  CicInteractionConferenceChanged,
  CicInteractionTransferred,
  CicInteractionDisconnected,
  CicInteractionWrappedUp,
] as const;
export type CicInteractionEventType = (typeof cicInteractionEvents)[number]['type'];

/** The event-store stream of one interaction: `cic-interaction:<interaction id>`. */
export const cicInteractionStreamId = (interactionId: string) => `cic-interaction:${interactionId}`;

/** The stream-id prefix shared by every interaction stream: a reader picks interactions out of the log by it. */
export const CIC_INTERACTION_STREAM_PREFIX = cicInteractionStreamId('');

/** The filter that takes every interaction event (`cic.interaction.>`) and no other CIC event. */
export const cicInteractionSubjectFilter = `${CicInteractionStarted.subject.split('.').slice(0, 2).join('.')}.>`;
