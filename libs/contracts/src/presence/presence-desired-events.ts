import { z } from 'zod';
import { defineEvent } from '../envelope';
import { CicStatusMessageChanged, CicStatusMessageRemoved, CicUserStatusChanged } from './cic-status-events';
import { notSyncedReasonSchema } from '../mapping/desired-documents';
import { desiredPresenceSchema, desiredSecondaryStatusSchema } from './presence-documents';

/** The desired-state shape every MAPPING event has: `present` with its document, or `absent` with the reason. */
function desiredStateOf<Document extends z.ZodObject>(document: Document) {
  return z.discriminatedUnion('state', [
    z.object({ key: z.string().min(1), state: z.literal('present'), document }),
    z.object({ key: z.string().min(1), state: z.literal('absent'), reason: notSyncedReasonSchema }),
  ]);
}

/**
 * The desired secondary status of one CIC status message (key: the CIC status id as CIC spells it). MAPPING keeps
 * the newest per status message. A target kind (`secondaryStatus` in kinds.ts): the reconciler delivers it.
 */
export const MappingSecondaryStatusDesired = defineEvent({
  type: 'MappingSecondaryStatusDesired',
  schemaVersion: 1,
  subject: 'mapping.secondary-status.desired',
  stream: 'MAPPING',
  schema: desiredStateOf(desiredSecondaryStatusSchema),
  key: (data: { key: string }) => data.key,
});

/**
 * The desired presence of one user (key: the CIC user id). MAPPING keeps the newest per user, so a burst of status
 * changes collapses to the last one before delivery reads it. `absent`: the user is not synced, with its reason.
 */
export const MappingPresenceDesired = defineEvent({
  type: 'MappingPresenceDesired',
  schemaVersion: 1,
  subject: 'mapping.presence.desired',
  stream: 'MAPPING',
  schema: desiredStateOf(desiredPresenceSchema),
  key: (data: { key: string }) => data.key,
});

/**
 * The presence lane's events (issue 12): facts about statuses rather than configuration objects, so they are not
 * in the kind registry; they travel on the CIC and MAPPING streams like the others. A secondary status is a
 * configuration object delivered by the reconciler, so its desired state is registered with the target kinds.
 */
export const presenceEvents = [
  CicUserStatusChanged,
  CicStatusMessageChanged,
  CicStatusMessageRemoved,
  MappingPresenceDesired,
] as const;
