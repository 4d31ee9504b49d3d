import { canonicalJson, operatorLimits, type DeletionItem, type DeletionPreview } from '@bridge/contracts';
import { createHash } from 'node:crypto';

/** A kind's paused deletions, as delivery_deletion_pauses holds them. */
export type PausedKind = DeletionPreview['pauses'][number];

/**
 * The preview of paused deletions an operator confirms: the pauses and every item they hold back, with a
 * fingerprint of all of it. A confirm names the fingerprint; any change in between (another item, a pause
 * replaced, an item deleted) gives another, so the operator confirms exactly what was shown. Items past the
 * limit are counted in `omitted`, and still in the fingerprint.
 */
export function deletionPreviewOf(
  pauses: readonly PausedKind[],
  items: readonly DeletionItem[],
  limit: number = operatorLimits.items,
): DeletionPreview {
  const sorted = [...items].sort(
    (a, b) => a.kind.localeCompare(b.kind) || (a.cicId < b.cicId ? -1 : a.cicId > b.cicId ? 1 : 0),
  );
  const fingerprint = createHash('sha256')
    .update(
      canonicalJson({
        pauses: pauses.map(({ kind, pausedAt }) => ({ kind, pausedAt })),
        items: sorted.map(({ kind, cicId, genesysId, action }) => [kind, cicId, genesysId, action]),
      }),
    )
    .digest('base64url');
  return {
    previewId: fingerprint,
    pauses: [...pauses],
    items: sorted.slice(0, limit),
    omitted: Math.max(0, sorted.length - limit),
  };
}
