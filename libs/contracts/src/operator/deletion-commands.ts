import { z } from 'zod';
import { targetKindSchema } from '../delivery/delivery-record-outcome';
import { defineOperatorCommand, operatorLimits, operatorRequest } from './operator-command';

/** One Genesys object a deletion would remove (or deactivate, for users and secondary statuses). */
export const deletionItemSchema = z.object({
  kind: targetKindSchema,
  /** The CIC key of the record (user id, workgroup, skill or wrap-up code name, status id). */
  cicId: z.string(),
  /** The object's name in Genesys Cloud, as the bridge last knew it. */
  name: z.string(),
  genesysId: z.string(),
  /** `delete`, or `deactivate` for users (unless DELIVERY_USER_REMOVAL=delete) and secondary statuses. */
  action: z.enum(['delete', 'deactivate']),
});
export type DeletionItem = z.infer<typeof deletionItemSchema>;

/** A kind's deletions held back by the deletion guard, and what they would remove. */
export const deletionPreviewSchema = z.object({
  /**
   * The fingerprint of exactly this preview (kinds, items and pause times). A confirm names it, and is refused
   * as `stale` when the deletions changed since.
   */
  previewId: z.string(),
  pauses: z.array(
    z.object({
      kind: targetKindSchema,
      pending: z.number().int(),
      managed: z.number().int(),
      share: z.number(),
      pausedAt: z.iso.datetime({ offset: true }),
    }),
  ),
  items: z.array(deletionItemSchema),
  /** Items left out past `operatorLimits.items` (they are still in the fingerprint and the confirm). */
  omitted: z.number().int(),
});
export type DeletionPreview = z.infer<typeof deletionPreviewSchema>;

/**
 * What would be deleted if the paused deletions (of one kind, or all) were confirmed now. Answered by
 * genesys-delivery from its tables; no Genesys call.
 */
export const OperatorDeletionsPreview = defineOperatorCommand({
  name: 'OperatorDeletionsPreview',
  subject: 'operator.deletions.preview',
  answeredBy: 'genesys-delivery',
  answeredByEvery: false,
  changesState: false,
  request: operatorRequest({ kind: targetKindSchema.optional() }),
  result: deletionPreviewSchema,
});

/**
 * Confirms exactly the deletions of a preview: refused as `stale` (field `previewId`) when what a new preview
 * would show differs, and as `notFound` when nothing is paused. Answers the kinds released.
 */
export const OperatorDeletionsConfirm = defineOperatorCommand({
  name: 'OperatorDeletionsConfirm',
  subject: 'operator.deletions.confirm',
  answeredBy: 'genesys-delivery',
  answeredByEvery: false,
  changesState: true,
  request: operatorRequest({
    kind: targetKindSchema.optional(),
    previewId: z.string().min(1).max(operatorLimits.text),
  }),
  result: z.object({ confirmed: z.array(targetKindSchema), items: z.number().int() }),
});
