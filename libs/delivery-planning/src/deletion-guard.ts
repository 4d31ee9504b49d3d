export interface DeletionGuardSettings {
  /** The share of the managed objects of one kind that one change may delete without a confirm. */
  readonly maxShare: number;
  /** Never pause for fewer deletions than this (deleting 1 of 3 queues is an ordinary change). */
  readonly minCount: number;
}

export const defaultDeletionGuardSettings: DeletionGuardSettings = { maxShare: 0.2, minCount: 2 };

export interface DeletionGuardInput {
  /** Deletions of this kind waiting to be carried out, the one being decided included. */
  readonly pending: number;
  /** Objects of this kind the bridge manages (created or adopted) and that still exist. */
  readonly managed: number;
  /** An admin confirmed the paused deletions of this kind. */
  readonly confirmed: boolean;
  /** Deletions of this kind are already paused and wait for a confirm. */
  readonly paused: boolean;
}

export type DeletionDecision =
  { readonly decision: 'proceed' } | { readonly decision: 'pause'; readonly share: number };

/**
 * DESIGN §1: when one change would delete more than `maxShare` of what the bridge manages, deletions pause until
 * an admin confirms. Only objects the bridge created or adopted are ever counted or deleted.
 */
export function deletionGuard(
  input: DeletionGuardInput,
  settings: DeletionGuardSettings = defaultDeletionGuardSettings,
): DeletionDecision {
  const share = input.managed === 0 ? 1 : input.pending / input.managed;
  if (input.confirmed) return { decision: 'proceed' };
  if (input.paused) return { decision: 'pause', share };
  if (input.pending < settings.minCount || share <= settings.maxShare) return { decision: 'proceed' };
  return { decision: 'pause', share };
}
