import { z } from 'zod';
import { cicIdSchema, CIC_TEXT_LIMITS } from '../cic/cic-objects';

/**
 * Bounds on one interaction record, so one event stays well under NATS's max_payload whatever CIC sends: a real
 * interaction has a handful of segments and holds.
 */
export const CIC_INTERACTION_LIMITS = {
  segments: 50,
  holdsPerSegment: 100,
  confereesPerSegment: 50,
  skills: 50,
  remoteText: 256,
} as const;

/** ISO 8601 in UTC with milliseconds, as cic-ingestion normalises every ICWS date before recording it. */
const instantSchema = z.iso.datetime();

/** A CIC interaction id (`Eic_CallIdKey`): digits in CIC, kept as text. */
export const cicInteractionIdSchema = z.string().min(1).max(CIC_TEXT_LIMITS.id);

/** The four ACD media the bridge replicates (ICWS `Eic_ObjectType`: Call, Chat, Email, Callback). */
export const cicMediaTypeSchema = z.enum(['call', 'chat', 'email', 'callback']);
export type CicMediaType = z.infer<typeof cicMediaTypeSchema>;

export const cicDirectionSchema = z.enum(['inbound', 'outbound']);
export type CicDirection = z.infer<typeof cicDirectionSchema>;

/** One hold: `endedAt` is absent while the interaction is still held. */
export const cicHoldSchema = z.object({ startedAt: instantSchema, endedAt: instantSchema.optional() });
export type CicHold = z.infer<typeof cicHoldSchema>;

/**
 * A user the segment's agent conferenced in: on the interaction from `joinedAt` until `leftAt` (absent while still
 * on it; the interaction's disconnect ends every conferee's part).
 */
export const cicConfereeSchema = z.object({
  userId: cicIdSchema,
  joinedAt: instantSchema,
  leftAt: instantSchema.optional(),
});
export type CicConferee = z.infer<typeof cicConfereeSchema>;

/**
 * How a segment ended. `transferredToUser`: a blind transfer to `userId` (a new segment of the same workgroup
 * follows). `transferredToWorkgroup`: a transfer to another workgroup's queue (a new segment there follows).
 * `disconnected`: the interaction ended while an agent had it (or after it was answered). `abandoned`: the remote
 * party hung up (or the interaction was dropped) before any agent answered it in this segment.
 */
export const cicSegmentEndSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('transferredToUser'), userId: cicIdSchema }),
  z.object({ kind: z.literal('transferredToWorkgroup'), workgroupId: cicIdSchema }),
  z.object({ kind: z.literal('disconnected') }),
  z.object({ kind: z.literal('abandoned') }),
]);
export type CicSegmentEnd = z.infer<typeof cicSegmentEndSchema>;

/**
 * One workgroup segment: the part of the interaction one workgroup (and at most one agent of it) had. The first
 * segment starts when the interaction enters the workgroup queue; a transfer starts the next one. What
 * historical upload counts per segment: Offered when `enteredQueueAt` is set; Handled when `answeredAt` is set as
 * well (answered from the queue); handle time = talk (answered → ended, less holds) + holds + after-call work.
 */
export const cicSegmentSchema = z.object({
  workgroupId: cicIdSchema,
  /** When the interaction entered the workgroup's queue; absent for outbound calls and transfers to a user. */
  enteredQueueAt: instantSchema.optional(),
  /** The skills the interaction asked for in this workgroup (ACD skills; CIC skill ids). */
  skills: z.array(cicIdSchema).max(CIC_INTERACTION_LIMITS.skills),
  /** The language skill it asked for (a CIC skill with Treat as Language), if any. */
  language: cicIdSchema.optional(),
  /** The agent (CIC user id) of the segment: set from alerting on. */
  userId: cicIdSchema.optional(),
  /** When it started alerting the agent. */
  alertingAt: instantSchema.optional(),
  /** When the agent answered (connected). */
  answeredAt: instantSchema.optional(),
  holds: z.array(cicHoldSchema).max(CIC_INTERACTION_LIMITS.holdsPerSegment),
  /** Users conferenced in while the segment's agent had it, in the order they joined; absent when none. */
  conferees: z.array(cicConfereeSchema).max(CIC_INTERACTION_LIMITS.confereesPerSegment).optional(),
  /** When the segment ended (transfer, disconnect or abandon); absent while it goes on. */
  endedAt: instantSchema.optional(),
  end: cicSegmentEndSchema.optional(),
  /** The agent's after-call work after the disconnect (last segment only); `endedAt` absent while it goes on. */
  afterCallWork: z.object({ startedAt: instantSchema, endedAt: instantSchema.optional() }).optional(),
  /** The wrap-up code (a CIC wrap-up code id) the agent chose. */
  wrapUpCode: cicIdSchema.optional(),
});
export type CicSegment = z.infer<typeof cicSegmentSchema>;

/**
 * Where an interaction is: `queued` (waiting in a workgroup queue), `alerting` (offered to an agent),
 * `connected`, `held`, `afterCallWork` (disconnected; the agent wraps up) and `ended` (nothing more will change).
 */
export const cicInteractionStateSchema = z.enum([
  'queued',
  'alerting',
  'connected',
  'held',
  'afterCallWork',
  'ended',
]);
export type CicInteractionState = z.infer<typeof cicInteractionStateSchema>;

/**
 * Who ended the interaction: `local` (the agent or CIC's side, ICWS `Eic_State` I), `remote` (the customer,
 * `Eic_State` E), `system` (CIC dropped it: an error or the queue's limits).
 */
export const cicDisconnectedBySchema = z.enum(['local', 'remote', 'system']);
export type CicDisconnectedBy = z.infer<typeof cicDisconnectedBySchema>;

/** An ACD interaction's whole life so far, as ICWS's queue watches showed it. */
export const cicInteractionSchema = z.object({
  interactionId: cicInteractionIdSchema,
  mediaType: cicMediaTypeSchema,
  direction: cicDirectionSchema,
  state: cicInteractionStateSchema,
  /** The customer's address (ANI of an inbound call, the dialled number of an outbound one, chat or email address). */
  remoteAddress: z.string().max(CIC_INTERACTION_LIMITS.remoteText).optional(),
  remoteName: z.string().max(CIC_INTERACTION_LIMITS.remoteText).optional(),
  /** CIC's side: the DNIS of an inbound call, the station or mailbox otherwise. */
  localAddress: z.string().max(CIC_INTERACTION_LIMITS.remoteText).optional(),
  /** When CIC created the interaction. */
  initiatedAt: instantSchema,
  /** In order; the last one is the current one. Never empty. */
  segments: z.array(cicSegmentSchema).min(1).max(CIC_INTERACTION_LIMITS.segments),
  disconnectedAt: instantSchema.optional(),
  disconnectedBy: cicDisconnectedBySchema.optional(),
  /** CIC's own words for the disconnect (`Eic_DisconnectReason` [INF]), when it gave any. */
  disconnectReason: z.string().max(CIC_INTERACTION_LIMITS.remoteText).optional(),
});
export type CicInteraction = z.infer<typeof cicInteractionSchema>;
