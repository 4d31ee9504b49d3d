import { z } from 'zod';
import { defineEvent } from '../envelope';
import { deliveryAttemptSchema } from './delivery-attempt';
import { notSyncedReasonSchema, syncNoteSchema } from '../mapping/desired-documents';
import { targetKindTokens } from '../mapping/target-kind-tokens';

/** Per-record sync status, as Interaction Administrator shows it: Synced, Error or Not synced. */
export const syncStatusSchema = z.enum(['synced', 'error', 'notSynced']);
export type SyncStatus = z.infer<typeof syncStatusSchema>;

/**
 * One thing Genesys Cloud no longer showed as the bridge set it, found by the drift audit (`field`, e.g.
 * `displayName`, `member`, `routingSkills.Billing`, `object` for a deleted object) with the value Genesys held and
 * the desired one, as text; absent means there was none.
 */
export const driftSchema = z.object({
  field: z.string().min(1).max(300),
  genesysValue: z.string().max(1000).optional(),
  desiredValue: z.string().max(1000).optional(),
});
export type DriftOfRecord = z.infer<typeof driftSchema>;

/** A Genesys Cloud target kind on the wire. */
export const targetKindSchema = z.enum(Object.keys(targetKindTokens) as [keyof typeof targetKindTokens]);

/**
 * The outcome of reconciling one record with Genesys Cloud. Published by genesys-delivery after every attempt
 * that changes a record's status, synchronized it, failed, or repaired drift (then `drift` says what), with the
 * attempt's requests and answers; and when the drift audit reports a record that keeps drifting; DELIVERY keeps the newest per record: `delivery.record.outcome.<kind>.<CIC id>`.
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
    /** This attempt repaired drift the audit found in Genesys Cloud: what had drifted. */
    drift: z.array(driftSchema).max(1000).optional(),
    /** The attempt that led to this outcome: the requests it made of Genesys Cloud and their answers. */
    attempt: deliveryAttemptSchema.optional(),
  }),
  key: (data: { kind: keyof typeof targetKindTokens; key: string }) => [
    targetKindTokens[data.kind],
    data.key,
  ],
});
