import { z } from 'zod';
import { CIC_TEXT_LIMITS } from '../cic/cic-objects';

/** Genesys Cloud's system presences (genesys-cloud-api.md §4), as `OrganizationPresenceDefinition.systemPresence`. */
export const systemPresenceSchema = z.enum([
  'Available',
  'Away',
  'Busy',
  'Offline',
  'Idle',
  'OnQueue',
  'Meal',
  'Training',
  'Meeting',
  'Break',
]);
export type SystemPresence = z.infer<typeof systemPresenceSchema>;

/** Genesys Cloud routing statuses, as `RoutingStatus.status` spells them. */
export const routingStatusSchema = z.enum([
  'OFF_QUEUE',
  'IDLE',
  'INTERACTING',
  'NOT_RESPONDING',
  'COMMUNICATING',
]);
export type RoutingStatus = z.infer<typeof routingStatusSchema>;

/** What the presence lane sends: presence with routing status and out of office (WEM), or the status alone. */
export const presenceModeSchema = z.enum(['wem', 'statusOnly']);
export type PresenceMode = z.infer<typeof presenceModeSchema>;

/** A CIC status message as a Genesys secondary status: a presence definition of type User. */
export const desiredSecondaryStatusSchema = z.object({
  name: z.string().min(1).max(CIC_TEXT_LIMITS.name),
  systemPresence: systemPresenceSchema,
});
export type DesiredSecondaryStatus = z.infer<typeof desiredSecondaryStatusSchema>;

/**
 * One synced user's presence as Genesys Cloud should show it. `secondaryStatusKey` names the secondary status
 * (by its key, the CIC status id) to show under `systemPresence`; absent, the system presence itself is shown.
 * `routingStatus` and `outOfOffice` are present in WEM mode only. `sequence` is the CIC event's position in the
 * log: it orders deliveries and makes the Genesys event ids deterministic, so a replay or retry is idempotent.
 */
export const desiredPresenceSchema = z.object({
  statusId: z.string().min(1).max(CIC_TEXT_LIMITS.id),
  systemPresence: systemPresenceSchema,
  secondaryStatusKey: z.string().min(1).max(CIC_TEXT_LIMITS.id).optional(),
  routingStatus: routingStatusSchema.optional(),
  outOfOffice: z
    .object({ active: z.boolean(), endDate: z.iso.datetime({ offset: true }).optional() })
    .optional(),
  message: z.string().max(CIC_TEXT_LIMITS.statusNotes).optional(),
  changedAt: z.iso.datetime({ offset: true }),
  sequence: z.number().int().nonnegative(),
});
export type DesiredPresence = z.infer<typeof desiredPresenceSchema>;
