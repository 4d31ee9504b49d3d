import { z } from 'zod';
import { cicIdSchema } from '../cic/cic-objects';
import { cicInteractionIdSchema, cicMediaTypeSchema, CIC_INTERACTION_LIMITS } from './cic-interaction';

const instantSchema = z.iso.datetime();

/** `CommunicationEndedEvent.disconnectType` as Genesys Cloud spells it (genesys-cloud-api.md §6). */
export const disconnectTypeSchema = z.enum([
  'Error',
  'Peer',
  'Self',
  'System',
  'Transfer',
  'TransferACD',
  'TransferConference',
  'TransferConsult',
  'TransferUser',
]);
export type DisconnectType = z.infer<typeof disconnectTypeSchema>;

/**
 * Which family of the events API carries the conversation: `voice` (the phone arrays, for calls, chats and
 * callbacks, which have no arrays of their own) or `email` (the email arrays). See docs/adr/0010.
 */
export const conversationChannelSchema = z.enum(['voice', 'email']);
export type ConversationChannel = z.infer<typeof conversationChannelSchema>;

/** Fields every desired conversation event has; ids are deterministic UUIDs of the CIC interaction. */
const base = {
  eventId: z.uuid(),
  eventDateTime: instantSchema,
  communicationId: z.uuid(),
};

/**
 * One Genesys conversation event, with CIC keys where Genesys wants its own ids (queue = workgroup id, user, skill,
 * language, wrap-up code): delivery resolves them through its id map when it sends.
 */
export const desiredConversationEventSchema = z.discriminatedUnion('kind', [
  /** The customer's communication: the caller, the party called, the chat visitor or the email's sender. */
  z.object({
    kind: z.literal('externalEstablished'),
    ...base,
    inbound: z.boolean(),
    ani: z.string().max(CIC_INTERACTION_LIMITS.remoteText).optional(),
    dnis: z.string().max(CIC_INTERACTION_LIMITS.remoteText).optional(),
    /** The customer's name as CIC shows it. */
    remoteName: z.string().max(CIC_INTERACTION_LIMITS.remoteText).optional(),
  }),
  z.object({
    kind: z.literal('routingEstablished'),
    ...base,
    workgroupKey: cicIdSchema,
    skillKeys: z.array(cicIdSchema).max(CIC_INTERACTION_LIMITS.skills),
    languageKey: cicIdSchema.optional(),
    inbound: z.boolean(),
    ani: z.string().max(CIC_INTERACTION_LIMITS.remoteText).optional(),
    dnis: z.string().max(CIC_INTERACTION_LIMITS.remoteText).optional(),
  }),
  z.object({
    kind: z.literal('userEstablished'),
    ...base,
    userKey: cicIdSchema,
    workgroupKey: cicIdSchema.optional(),
    inbound: z.boolean(),
    alerting: z.boolean(),
    afterCallWorkRequired: z.boolean().optional(),
    ani: z.string().max(CIC_INTERACTION_LIMITS.remoteText).optional(),
    dnis: z.string().max(CIC_INTERACTION_LIMITS.remoteText).optional(),
  }),
  z.object({ kind: z.literal('communicationAnswered'), ...base }),
  z.object({ kind: z.literal('holdUpdated'), ...base, held: z.boolean() }),
  z.object({ kind: z.literal('dispositionApplied'), ...base, wrapUpCodeKey: cicIdSchema }),
  z.object({ kind: z.literal('communicationEnded'), ...base, disconnectType: disconnectTypeSchema }),
]);
export type DesiredConversationEvent = z.infer<typeof desiredConversationEventSchema>;
export type DesiredConversationEventKind = DesiredConversationEvent['kind'];

/**
 * The Genesys conversation one CIC interaction becomes, as far as it is known: its events in the order Genesys
 * should receive them. A later document of the same interaction repeats every earlier event with the same ids and
 * adds the new ones, so delivery sends only the ids it has not had accepted yet. `complete`: the interaction
 * ended; no event will be added.
 */
export const desiredConversationSchema = z.object({
  interactionId: cicInteractionIdSchema,
  conversationId: z.uuid(),
  mediaType: cicMediaTypeSchema,
  channel: conversationChannelSchema,
  /** When the CIC interaction disconnected: where the replication lag is measured from. */
  disconnectedAt: instantSchema.optional(),
  complete: z.boolean(),
  events: z.array(desiredConversationEventSchema).max(1_000),
});
export type DesiredConversation = z.infer<typeof desiredConversationSchema>;
