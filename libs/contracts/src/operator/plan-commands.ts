import { z } from 'zod';
import { targetKindSchema } from '../delivery/delivery-record-outcome';
import { defineOperatorCommand, operatorLimits, operatorRequest } from './operator-command';

/** One change a full reconcile would make to one record, with the calls it would send. */
export const plannedChangeSchema = z.object({
  kind: targetKindSchema,
  cicId: z.string(),
  name: z.string(),
  genesysId: z.string().optional(),
  /**
   * `create` may turn out an adoption (an object of that name or email already in Genesys: only a lookup, which
   * a dry run does not make, can tell); `delete` includes deactivations.
   */
  change: z.enum(['create', 'update', 'delete']),
  /** The planned Genesys operations, each `{ type, …its fields }` (e.g. `patchUser` with the changed fields). */
  operations: z.array(z.looseObject({ type: z.string() })),
  /** The deletion guard would hold it back until a confirm. */
  heldByDeletionGuard: z.boolean(),
  /** It refers to objects not in Genesys yet: it would wait for them first. */
  waitsForDependencies: z.boolean(),
});
export type PlannedChange = z.infer<typeof plannedChangeSchema>;

const countsSchema = z.object({
  create: z.number().int(),
  update: z.number().int(),
  delete: z.number().int(),
  unchanged: z.number().int(),
});

/**
 * What a full reconcile of every record would change, computed by genesys-delivery's decider from its desired
 * documents and what it last knew of Genesys Cloud, without any Genesys call.
 */
export const OperatorPlanDryRun = defineOperatorCommand({
  name: 'OperatorPlanDryRun',
  subject: 'operator.plan.dry-run',
  answeredBy: 'genesys-delivery',
  answeredByEvery: false,
  changesState: false,
  request: operatorRequest({
    kind: targetKindSchema.optional(),
    /** Most changes listed (default and maximum: operatorLimits.items); the counts cover every record. */
    limit: z.number().int().min(0).max(operatorLimits.items).optional(),
  }),
  result: z.object({
    computedAt: z.iso.datetime({ offset: true }),
    counts: z.partialRecord(targetKindSchema, countsSchema),
    changes: z.array(plannedChangeSchema),
    omitted: z.number().int(),
  }),
});
