import { z } from 'zod';
import { defineOperatorCommand, operatorLimits, operatorRequest } from './operator-command';

/** Whether genesys-delivery is calling Genesys Cloud, and who paused it. */
export const syncStateSchema = z.object({
  paused: z.boolean(),
  /** The operator who paused or resumed it last. */
  changedBy: z.string().optional(),
  changedAt: z.iso.datetime({ offset: true }).optional(),
  reason: z.string().optional(),
});
export type SyncState = z.infer<typeof syncStateSchema>;

/**
 * Pauses the sync: no instance of genesys-delivery sends a Genesys Cloud call any more, for configuration or
 * presence (both lanes; docs/operator-commands.md says why), until resumed. Desired documents and presences keep
 * being stored, so a resume delivers the latest of each. Pausing a paused sync answers the state as it is.
 */
export const OperatorSyncPause = defineOperatorCommand({
  name: 'OperatorSyncPause',
  subject: 'operator.sync.pause',
  answeredBy: 'genesys-delivery',
  answeredByEvery: false,
  changesState: true,
  request: operatorRequest({ reason: z.string().max(operatorLimits.text).optional() }),
  result: syncStateSchema,
});

export const OperatorSyncResume = defineOperatorCommand({
  name: 'OperatorSyncResume',
  subject: 'operator.sync.resume',
  answeredBy: 'genesys-delivery',
  answeredByEvery: false,
  changesState: true,
  request: operatorRequest({}),
  result: syncStateSchema,
});
