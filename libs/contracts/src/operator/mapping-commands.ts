import { z } from 'zod';
import { defineOperatorCommand, operatorRequest } from './operator-command';

/**
 * Recompute every desired document from the projection of the CIC log and republish each, changed or not (what
 * `MAPPING_REBUILD` does at start), so delivery re-examines every object. Answered when every document is
 * published. genesys-delivery sends it as the first phase of a reprovision; the console may send it alone.
 */
export const OperatorMappingRebuild = defineOperatorCommand({
  name: 'OperatorMappingRebuild',
  subject: 'operator.mapping.rebuild',
  answeredBy: 'object-mapping',
  answeredByEvery: false,
  changesState: true,
  request: operatorRequest({}),
  result: z.object({
    /** Documents republished. */
    published: z.number().int(),
    /** Targets recomputed (presences included). */
    total: z.number().int(),
    durationMs: z.number().int(),
  }),
});
