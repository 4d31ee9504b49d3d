import { z } from 'zod';
import { targetKindSchema } from '../delivery/delivery-record-outcome';
import { defineOperatorCommand, operatorLimits, operatorRequest } from './operator-command';

const time = z.iso.datetime({ offset: true });

/**
 * What genesys-delivery holds of one record, for the console's record page: the desired state it reconciles
 * towards, where that stands (due, attempts, quarantine), and what Genesys Cloud held at the bridge's last read
 * or write of it. `notFound` (record `<kind>:<cicId>`) when delivery never received the record.
 */
export const OperatorRecordRead = defineOperatorCommand({
  name: 'OperatorRecordRead',
  subject: 'operator.record.read',
  answeredBy: 'genesys-delivery',
  answeredByEvery: false,
  changesState: false,
  request: operatorRequest({ kind: targetKindSchema, cicId: z.string().min(1).max(operatorLimits.text) }),
  result: z.object({
    kind: targetKindSchema,
    cicId: z.string(),
    /** The latest desired document, or why the record is not wanted in Genesys. */
    desired: z.union([
      z.object({ present: z.literal(true), document: z.unknown() }),
      z.object({ present: z.literal(false), reason: z.string() }),
    ]),
    /** Waiting to be reconciled, and how many attempts of its current revision failed. */
    delivery: z.object({
      due: z.boolean(),
      attempts: z.number().int(),
      quarantined: z.boolean(),
      /** When the desired document last changed. */
      changedAt: time,
    }),
    /** The Genesys object the record is, as the bridge last read or wrote it; absent before it has one. */
    genesys: z
      .object({
        id: z.string(),
        name: z.string(),
        origin: z.enum(['created', 'adopted']),
        /** Deactivated or deleted objects are kept, not live. */
        live: z.boolean(),
        document: z.unknown(),
        readAt: time,
      })
      .optional(),
  }),
});
