import { z } from 'zod';
import { defineEvent } from '../envelope';
import {
  desiredNamedObjectSchema,
  desiredQueueSchema,
  desiredUserSchema,
  notSyncedReasonSchema,
  targetKinds,
  type TargetKind,
} from './desired-documents';

/**
 * The full desired state of one Genesys Cloud object: `present` with its document, or `absent` with the reason
 * (removed in CIC, not eligible). Published by object-mapping only when it differs from the last one; the
 * MAPPING stream keeps only the newest per object, so a consumer may skip intermediate states but never sees
 * them out of order. Keyed by `key` (the CIC id).
 */
function defineDesiredState<Type extends string, Document extends z.ZodObject>(
  kind: TargetKind,
  type: Type,
  document: Document,
) {
  return defineEvent({
    type,
    schemaVersion: 1,
    subject: `mapping.${targetKinds[kind]}.desired`,
    stream: 'MAPPING',
    schema: z.discriminatedUnion('state', [
      z.object({ key: z.string().min(1), state: z.literal('present'), document }),
      z.object({ key: z.string().min(1), state: z.literal('absent'), reason: notSyncedReasonSchema }),
    ]),
    key: (data: { key: string }) => data.key,
  });
}

export const DesiredUserChanged = defineDesiredState('user', 'DesiredUserChanged', desiredUserSchema);
export const DesiredQueueChanged = defineDesiredState('queue', 'DesiredQueueChanged', desiredQueueSchema);
export const DesiredSkillChanged = defineDesiredState(
  'skill',
  'DesiredSkillChanged',
  desiredNamedObjectSchema,
);
export const DesiredLanguageChanged = defineDesiredState(
  'language',
  'DesiredLanguageChanged',
  desiredNamedObjectSchema,
);
export const DesiredWrapUpCodeChanged = defineDesiredState(
  'wrapUpCode',
  'DesiredWrapUpCodeChanged',
  desiredNamedObjectSchema,
);
