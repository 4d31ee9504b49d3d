import { z } from 'zod';
import { defineEvent } from '../envelope';
import { cicIdSchema, CIC_TEXT_LIMITS } from '../cic/cic-objects';

/** ICWS dates (`20210706T193229Z`) are normalised to ISO 8601 by cic-ingestion before they are recorded. */
const instantSchema = z.iso.datetime({ offset: true });

/** A CIC status id (`statusId`): case-insensitive in ICWS, recorded as CIC spells it. */
export const cicStatusIdSchema = z.string().min(1).max(CIC_TEXT_LIMITS.id);

/** One user's status as ICWS's `urn:inin.com:status:userStatusMessage` gives it (pureconnect-icws.md §3.6). */
export const cicUserStatusSchema = z.object({
  userId: cicIdSchema,
  statusId: cicStatusIdSchema,
  loggedIn: z.boolean(),
  onPhone: z.boolean(),
  /** `statusChanged`: when the user entered this status, by CIC's clock. */
  changedAt: instantSchema,
  onPhoneChangedAt: instantSchema.optional(),
  notes: z.string().max(CIC_TEXT_LIMITS.statusNotes).optional(),
  /** `userStatusUntil`, for statuses that carry a date or time (on vacation until …). */
  until: z
    .object({ dateTime: instantSchema.optional(), hasDate: z.boolean(), hasTime: z.boolean() })
    .optional(),
});
export type CicUserStatus = z.infer<typeof cicUserStatusSchema>;

/** A status message definition (Interaction Administrator's Status Messages): text, group and options. */
export const cicStatusMessageSchema = z.object({
  id: cicStatusIdSchema,
  messageText: z.string().max(CIC_TEXT_LIMITS.name),
  groupTag: z.string().max(CIC_TEXT_LIMITS.name).optional(),
  isAcdStatus: z.boolean(),
  isAfterCallWorkStatus: z.boolean(),
  isDoNotDisturbStatus: z.boolean(),
  isSelectableStatus: z.boolean(),
  isPersistentStatus: z.boolean(),
  isForwardStatus: z.boolean(),
  isAllowFollowUpStatus: z.boolean(),
  canHaveDate: z.boolean(),
  canHaveTime: z.boolean(),
});
export type CicStatusMessage = z.infer<typeof cicStatusMessageSchema>;

/**
 * A user's status changed (or was first seen, or differs after a reconnect). State-carrying like every CIC event:
 * the whole status, so the latest event alone says where the user is. Event-store stream `cic-user-status:<id>`.
 */
export const CicUserStatusChanged = defineEvent({
  type: 'CicUserStatusChanged',
  schemaVersion: 1,
  subject: 'cic.user-status.changed',
  stream: 'CIC',
  schema: z.object({ userStatus: cicUserStatusSchema }),
});

/** A status message definition was added or changed. Event-store stream `cic-status-message:<id>`. */
export const CicStatusMessageChanged = defineEvent({
  type: 'CicStatusMessageChanged',
  schemaVersion: 1,
  subject: 'cic.status-message.changed',
  stream: 'CIC',
  schema: z.object({ statusMessage: cicStatusMessageSchema }),
});

export const CicStatusMessageRemoved = defineEvent({
  type: 'CicStatusMessageRemoved',
  schemaVersion: 1,
  subject: 'cic.status-message.removed',
  stream: 'CIC',
  schema: z.object({ id: cicStatusIdSchema }),
});

/** The event-store streams of presence facts. */
export const cicUserStatusStreamId = (userId: string) => `cic-user-status:${userId}`;
export const cicStatusMessageStreamId = (statusId: string) => `cic-status-message:${statusId}`;
