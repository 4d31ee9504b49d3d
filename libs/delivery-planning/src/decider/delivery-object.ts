import type {
  DesiredNamedObject,
  DesiredQueue,
  DesiredSecondaryStatus,
  DesiredUser,
  NotSyncedReason,
  SyncNote,
  SyncStatus,
  TargetKind,
} from '@bridge/contracts';
import type { ActualNamedObject, ActualQueue, ActualSecondaryStatus, ActualUser } from '../genesys-state';
import type { NamedObjectKind } from '../plan-named-object-sync';
import type { ManagedNames } from '../plan-user-sync';

interface EntryOf<K extends TargetKind, A> {
  readonly kind: K;
  readonly key: string;
  readonly genesysId: string;
  readonly origin: 'created' | 'adopted';
  readonly name: string;
  readonly live: boolean;
  /** The object as the bridge last read or wrote it. */
  readonly actual: A;
}

export type UserEntry = EntryOf<'user', ActualUser>;
export type QueueEntry = EntryOf<'queue', ActualQueue>;
export type NamedEntry = EntryOf<NamedObjectKind, ActualNamedObject>;
export type SecondaryStatusEntry = EntryOf<'secondaryStatus', ActualSecondaryStatus>;
/** Which Genesys object a CIC key is (the id map), with its last known state typed by kind. */
export type IdMapEntry = UserEntry | QueueEntry | NamedEntry | SecondaryStatusEntry;

/** A desired document, or why the object is not wanted in Genesys. */
export type DesiredState<D> =
  | { readonly present: true; readonly document: D }
  | { readonly present: false; readonly reason: NotSyncedReason };

interface DesiredOf<K extends TargetKind, D> {
  readonly kind: K;
  readonly key: string;
  readonly desired: DesiredState<D>;
}

/** The latest desired state of one object, as object-mapping published it, typed by kind. */
export type DesiredObject =
  | DesiredOf<'user', DesiredUser>
  | DesiredOf<'queue', DesiredQueue>
  | DesiredOf<NamedObjectKind, DesiredNamedObject>
  | DesiredOf<'secondaryStatus', DesiredSecondaryStatus>;

interface ObjectOf<K extends TargetKind, D, E extends IdMapEntry> extends DesiredOf<K, D> {
  readonly entry: E | undefined;
  /** Its last reconcile's lease lapsed unfinished: a create that reconcile sent may have gone through. */
  readonly recovered?: boolean;
}

export type UserObject = ObjectOf<'user', DesiredUser, UserEntry>;
export type QueueObject = ObjectOf<'queue', DesiredQueue, QueueEntry>;
export type NamedObject = ObjectOf<NamedObjectKind, DesiredNamedObject, NamedEntry>;
export type SecondaryStatusObject = ObjectOf<'secondaryStatus', DesiredSecondaryStatus, SecondaryStatusEntry>;
/** One object to deliver: its latest desired state and its id map entry, typed by kind. */
export type DeliveryObject = UserObject | QueueObject | NamedObject | SecondaryStatusObject;

/** What documents refer to, read once for a batch. */
export interface References {
  live(kind: TargetKind, key: string): IdMapEntry | undefined;
  /** Not live yet, but on its way: whoever refers to it waits for it. */
  pending(kind: TargetKind, key: string): boolean;
  /** The names the bridge manages, when read with the references: a user's plan then needs no read of its own. */
  readonly managedNames?: ManagedNames;
}

/** The delivery status of one record, as the operator endpoints and outcome events show it. */
export interface RecordStatus {
  readonly status: SyncStatus;
  readonly genesysId?: string;
  readonly reason?: NotSyncedReason;
  /** Something to know about a synced record, from its desired document. */
  readonly note?: SyncNote;
  readonly error?: { code: string; message: string };
  readonly quarantined?: boolean;
  readonly synchronizedAt?: Date;
}
