import { z } from 'zod';
import { targetKindSchema } from '../delivery/delivery-record-outcome';
import { defineOperatorCommand, operatorLimits, operatorRequest } from './operator-command';

/**
 * `sameOrg`: recompute every desired document and reconcile every record against the org the bridge knows.
 * `newOrg`: the bridge is paired with another org (or the org was emptied): delivery forgets its id map and
 * what it delivered, then creates or adopts (by email or name) everything again.
 */
export const reprovisionTargetSchema = z.enum(['sameOrg', 'newOrg']);
export type ReprovisionTarget = z.infer<typeof reprovisionTargetSchema>;

/** One phase of a reprovision: `mapping` (desired documents recomputed), then one per target kind. */
export const reprovisionPhaseSchema = z.object({
  phase: z.union([z.literal('mapping'), targetKindSchema]),
  done: z.number().int(),
  /** Records that ended quarantined: done with, but not synced. */
  failed: z.number().int(),
  total: z.number().int(),
});

/** Where a reprovision run stands. */
export const reprovisionProgressSchema = z.object({
  runId: z.uuid(),
  target: reprovisionTargetSchema,
  operator: z.string(),
  startedAt: z.iso.datetime({ offset: true }),
  finishedAt: z.iso.datetime({ offset: true }).optional(),
  state: z.enum(['running', 'finished']),
  phases: z.array(reprovisionPhaseSchema),
  /** Done (and failed) over total, of every delivery phase, 0–100. */
  percent: z.number().min(0).max(100),
  /**
   * Seconds left if the remaining records take the calls they typically take, at the org's rate budget
   * (GC_RATE_LIMIT_PER_MINUTE); absent when the budget is off or the run is finished.
   */
  etaSeconds: z.number().int().min(0).optional(),
});
export type ReprovisionProgress = z.infer<typeof reprovisionProgressSchema>;

/**
 * Starts a reprovision by replay: object-mapping republishes every desired document it recomputes from the CIC
 * log, and delivery reconciles every record (after forgetting its id map for `newOrg`). Refused as `conflict`
 * while another run is going on, and as `unavailable` when object-mapping does not answer.
 */
export const OperatorReprovisionStart = defineOperatorCommand({
  name: 'OperatorReprovisionStart',
  subject: 'operator.reprovision.start',
  answeredBy: 'genesys-delivery',
  answeredByEvery: false,
  changesState: true,
  request: operatorRequest({ target: reprovisionTargetSchema }),
  result: reprovisionProgressSchema,
});

/** The progress of one run, or of the latest when `runId` is left out; `notFound` when there is none. */
export const OperatorReprovisionProgress = defineOperatorCommand({
  name: 'OperatorReprovisionProgress',
  subject: 'operator.reprovision.progress',
  answeredBy: 'genesys-delivery',
  answeredByEvery: false,
  changesState: false,
  request: operatorRequest({ runId: z.uuid().max(operatorLimits.text).optional() }),
  result: reprovisionProgressSchema,
});
