import { z } from 'zod';
import { defineEvent } from '../envelope';
import {
  desiredNamedObjectSchema,
  desiredQueueSchema,
  desiredUserSchema,
  notSyncedReasonSchema,
} from './desired-documents';
import { targetKindTokens, type TargetKind } from './target-kind-tokens';

/**
 * The full desired state of one Genesys Cloud object: `present` with its document, or `absent` with the reason
 * (removed in CIC, not eligible). Published by object-mapping only when it differs from the last one; the
 * MAPPING stream keeps only the newest per object, so a consumer may skip intermediate states but never sees
 * them out of order. Keyed by `key` (the CIC id). Until issue 16 the types were `Desired<Kind>Changed`.
 */
function defineDesiredState<Type extends string, Document extends z.ZodObject>(
  kind: TargetKind,
  type: Type,
  formerType: string,
  document: Document,
) {
  return defineEvent({
    type,
    formerTypes: [formerType],
    schemaVersion: 1,
    subject: `mapping.${targetKindTokens[kind]}.desired`,
    stream: 'MAPPING',
    schema: z.discriminatedUnion('state', [
      z.object({ key: z.string().min(1), state: z.literal('present'), document }),
      z.object({ key: z.string().min(1), state: z.literal('absent'), reason: notSyncedReasonSchema }),
    ]),
    key: (data: { key: string }) => data.key,
  });
}

export const MappingUserDesired = defineDesiredState(
  'user',
  'MappingUserDesired',
  'DesiredUserChanged',
  desiredUserSchema,
);
export const MappingQueueDesired = defineDesiredState(
  'queue',
  'MappingQueueDesired',
  'DesiredQueueChanged',
  desiredQueueSchema,
);
export const MappingSkillDesired = defineDesiredState(
  'skill',
  'MappingSkillDesired',
  'DesiredSkillChanged',
  desiredNamedObjectSchema,
);
export const MappingLanguageDesired = defineDesiredState(
  'language',
  'MappingLanguageDesired',
  'DesiredLanguageChanged',
  desiredNamedObjectSchema,
);
export const MappingWrapUpCodeDesired = defineDesiredState(
  'wrapUpCode',
  'MappingWrapUpCodeDesired',
  'DesiredWrapUpCodeChanged',
  desiredNamedObjectSchema,
);
