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

/**
 * Interaction replication's backfill: object-mapping reads from the event store every interaction that
 * disconnected in [from, to), maps each one's latest event again and publishes the document marked as a backfill,
 * so genesys-delivery sends each of its events once more (Genesys takes an event it has as a duplicate).
 * Answered when every document is published. genesys-delivery sends it for `POST /replication/backfill`.
 */
export const OperatorMappingBackfill = defineOperatorCommand({
  name: 'OperatorMappingBackfill',
  subject: 'operator.mapping.backfill',
  answeredBy: 'object-mapping',
  answeredByEvery: false,
  changesState: true,
  request: operatorRequest({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) }),
  result: z.object({
    /** Interactions that disconnected in the range, each one's document published. */
    interactions: z.number().int(),
    durationMs: z.number().int(),
  }),
});
