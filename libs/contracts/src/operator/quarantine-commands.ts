import { z } from 'zod';
import { targetKindSchema } from '../delivery/delivery-record-outcome';
import { defineOperatorCommand, operatorLimits, operatorRequest } from './operator-command';

/** A record genesys-delivery stopped retrying after its last attempt failed. */
export const quarantinedRecordSchema = z.object({
  kind: targetKindSchema,
  cicId: z.string(),
  attempts: z.number().int(),
  genesysId: z.string().optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
  /** When its desired document last changed. */
  changedAt: z.iso.datetime({ offset: true }),
});
export type QuarantinedRecord = z.infer<typeof quarantinedRecordSchema>;

/** The quarantined records (of one kind, or all), oldest change first. */
export const OperatorQuarantineList = defineOperatorCommand({
  name: 'OperatorQuarantineList',
  subject: 'operator.quarantine.list',
  answeredBy: 'genesys-delivery',
  answeredByEvery: false,
  changesState: false,
  request: operatorRequest({ kind: targetKindSchema.optional() }),
  result: z.object({ records: z.array(quarantinedRecordSchema), total: z.number().int() }),
});

/**
 * Gives quarantined records a fresh set of attempts now: one record (`kind` and `cicId`), all of a kind, or all.
 * A named record that is not quarantined is refused as `notFound` (record `<kind>:<cicId>`).
 */
export const OperatorQuarantineRelease = defineOperatorCommand({
  name: 'OperatorQuarantineRelease',
  subject: 'operator.quarantine.release',
  answeredBy: 'genesys-delivery',
  answeredByEvery: false,
  changesState: true,
  request: operatorRequest({
    kind: targetKindSchema.optional(),
    cicId: z.string().min(1).max(operatorLimits.text).optional(),
  }).refine((request) => request.cicId === undefined || request.kind !== undefined, {
    path: ['kind'],
    message: 'a cicId needs its kind',
  }),
  result: z.object({ released: z.array(z.object({ kind: targetKindSchema, cicId: z.string() })) }),
});
