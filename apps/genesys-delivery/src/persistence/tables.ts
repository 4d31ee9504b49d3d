import { quoteIdentifier } from '@bridge/postgres';

/** genesys-delivery's tables (migrations/), qualified by the schema. */
export interface DeliveryTables {
  readonly objects: string;
  readonly idMap: string;
  readonly status: string;
  readonly pauses: string;
  readonly presences: string;
  readonly drifts: string;
  readonly driftRepairs: string;
  readonly auditPasses: string;
  readonly conversations: string;
  readonly inboxRequests: string;
  readonly inboxWatermark: string;
}

export function deliveryTables(schema: string): DeliveryTables {
  const s = quoteIdentifier(schema);
  return {
    objects: `${s}.delivery_objects`,
    idMap: `${s}.delivery_id_mappings`,
    status: `${s}.delivery_statuses`,
    pauses: `${s}.delivery_deletion_pauses`,
    presences: `${s}.delivery_presences`,
    drifts: `${s}.delivery_drifts`,
    driftRepairs: `${s}.delivery_drift_repairs`,
    auditPasses: `${s}.delivery_audit_passes`,
    conversations: `${s}.delivery_conversations`,
    inboxRequests: `${s}.delivery_inbox_requests`,
    inboxWatermark: `${s}.delivery_inbox_watermark`,
  };
}

/** An object whose reconcile must run (again): a new revision, so a worker holding the old one leaves it dirty. */
export const markDirty = 'dirty = true, revision = revision + 1, quarantined = false';

/**
 * A replicated conversation goes to Genesys again from its first event: what was sent is forgotten (Genesys takes
 * a repeated event id as the event it has). For a backfill, and for a new org, which has none of them.
 */
export const replicateAgain = `accepted = '{}', skipped = '{}', wait_until = NULL, outcome = 'pending',
  reason = NULL, dirty = true, revision = revision + 1, not_before = now()`;

/** Of several items with the same key, the last. */
export function lastBy<T>(items: readonly T[], keyOf: (item: T) => string): T[] {
  return [...new Map(items.map((item) => [keyOf(item), item])).values()];
}
