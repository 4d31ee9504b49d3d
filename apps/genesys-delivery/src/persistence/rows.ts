import type {
  DesiredNamedObject,
  DesiredQueue,
  DesiredSecondaryStatus,
  DesiredUser,
  NotSyncedReason,
  TargetKind,
} from '@bridge/contracts';
import type {
  ActualNamedObject,
  ActualQueue,
  ActualSecondaryStatus,
  ActualUser,
  DeliveryObject,
  IdMapEntry,
  NamedObjectKind,
} from '@bridge/delivery-planning';

/** A row of delivery_id_mappings, as SELECT * or to_jsonb reads it. */
export interface IdMapRow {
  readonly kind: TargetKind;
  readonly key: string;
  readonly genesys_id: string;
  readonly origin: 'created' | 'adopted';
  readonly name: string;
  readonly live: boolean;
  readonly actual: unknown;
}

/** A row of delivery_objects with what a claim reads besides. */
export interface ObjectRow {
  readonly kind: TargetKind;
  readonly key: string;
  readonly present: boolean;
  readonly document: unknown;
  readonly reason: NotSyncedReason | null;
}

/*
 * The one place the JSON columns get their types: each kind's documents and known states were written by this
 * service (documents after object-mapping validated them), so they are read back as the kind says.
 */

export function entryOf(row: IdMapRow): IdMapEntry {
  switch (row.kind) {
    case 'user':
      return typedEntry<'user', ActualUser>(row.kind, row);
    case 'queue':
      return typedEntry<'queue', ActualQueue>(row.kind, row);
    case 'skill':
    case 'language':
    case 'wrapUpCode':
      return typedEntry<NamedObjectKind, ActualNamedObject>(row.kind, row);
    case 'secondaryStatus':
      return typedEntry<'secondaryStatus', ActualSecondaryStatus>(row.kind, row);
  }
}

export function deliveryObjectOf(row: ObjectRow, entry: IdMapRow | null): DeliveryObject {
  switch (row.kind) {
    case 'user':
      return typedObject<'user', DesiredUser, ActualUser>(row.kind, row, entry);
    case 'queue':
      return typedObject<'queue', DesiredQueue, ActualQueue>(row.kind, row, entry);
    case 'skill':
    case 'language':
    case 'wrapUpCode':
      return typedObject<NamedObjectKind, DesiredNamedObject, ActualNamedObject>(row.kind, row, entry);
    case 'secondaryStatus':
      return typedObject<'secondaryStatus', DesiredSecondaryStatus, ActualSecondaryStatus>(
        row.kind,
        row,
        entry,
      );
  }
}

function typedEntry<K extends TargetKind, A>(kind: K, row: IdMapRow) {
  const { key, genesys_id: genesysId, origin, name, live } = row;
  return { kind, key, genesysId, origin, name, live, actual: row.actual as A };
}

function typedObject<K extends TargetKind, D, A>(kind: K, row: ObjectRow, entry: IdMapRow | null) {
  return {
    kind,
    key: row.key,
    desired: row.present
      ? { present: true as const, document: row.document as D }
      : { present: false as const, reason: row.reason ?? ('removedFromCic' as const) },
    entry: entry ? typedEntry<K, A>(kind, entry) : undefined,
  };
}
