import { z } from 'zod';
import { defineEvent } from '../envelope';
import { notSyncedReasonSchema, syncNoteSchema } from '../mapping/desired-documents';
import { targetKindTokens } from '../mapping/target-kind-tokens';

/** Per-record sync status, as Interaction Administrator shows it: Synced, Error or Not synced. */
export const syncStatusSchema = z.enum(['synced', 'error', 'notSynced']);
export type SyncStatus = z.infer<typeof syncStatusSchema>;

/** A Genesys Cloud target kind on the wire. */
export const targetKindSchema = z.enum(Object.keys(targetKindTokens) as [keyof typeof targetKindTokens]);

/**
 * The outcome of reconciling one record with Genesys Cloud. Published by genesys-delivery after every attempt
 * that changes a record's status; DELIVERY keeps the newest per record: `delivery.record.outcome.<kind>.<CIC id>`.
 */
export const DeliveryRecordOutcome = defineEvent({
  type: 'DeliveryRecordOutcome',
  formerTypes: ['DeliveryOutcomeRecorded'],
  schemaVersion: 1,
  subject: 'delivery.record.outcome',
  stream: 'DELIVERY',
  schema: z.object({
    kind: targetKindSchema,
    key: z.string().min(1),
    status: syncStatusSchema,
    genesysId: z.string().optional(),
    /** When the record last reached Genesys Cloud successfully. */
    lastSynchronizedAt: z.iso.datetime({ offset: true }).optional(),
    reason: notSyncedReasonSchema.optional(),
    /** A synced record's note, from its desired document (e.g. the business email came from the mailbox). */
    note: syncNoteSchema.optional(),
    error: z.object({ code: z.string(), message: z.string() }).optional(),
  }),
  key: (data: { kind: keyof typeof targetKindTokens; key: string }) => [
    targetKindTokens[data.kind],
    data.key,
  ],
});
