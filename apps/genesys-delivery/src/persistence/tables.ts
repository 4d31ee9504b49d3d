import { quoteIdentifier } from '@bridge/postgres';

/** genesys-delivery's tables (migrations/), qualified by the schema. */
export interface DeliveryTables {
  readonly objects: string;
  readonly idMap: string;
  readonly status: string;
  readonly pauses: string;
  readonly presences: string;
  readonly conversations: string;
}

export function deliveryTables(schema: string): DeliveryTables {
  const s = quoteIdentifier(schema);
  return {
    objects: `${s}.delivery_objects`,
    idMap: `${s}.delivery_id_mappings`,
    status: `${s}.delivery_statuses`,
    pauses: `${s}.delivery_deletion_pauses`,
    presences: `${s}.delivery_presences`,
    conversations: `${s}.delivery_conversations`,
  };
}

/** An object whose reconcile must run (again): a new revision, so a worker holding the old one leaves it dirty. */
export const markDirty = 'dirty = true, revision = revision + 1, quarantined = false';

/** Of several items with the same key, the last. */
export function lastBy<T>(items: readonly T[], keyOf: (item: T) => string): T[] {
  return [...new Map(items.map((item) => [keyOf(item), item])).values()];
}
