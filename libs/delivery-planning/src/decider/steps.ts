import type { TargetKind } from '@bridge/contracts';
import type { ActualNamedObject, ActualSecondaryStatus, ActualUser } from '../genesys-state';
import type {
  NamedObjectOperation,
  QueueOperation,
  SecondaryStatusOperation,
  UserOperation,
} from '../operations';
import type { NamedObjectKind } from '../plan-named-object-sync';
import type { ManagedIds } from '../plan-queue-sync';
import type { ManagedNames } from '../plan-user-sync';
import type { DeliveryFailure } from '../retry-policy';
import type { IdMapEntry, NamedEntry, RecordStatus } from './delivery-object';

/** An operation of a plan on the object being reconciled (`id` once it has one). */
export type OperationCall =
  | { readonly call: 'user'; readonly id?: string; readonly operation: UserOperation }
  | { readonly call: 'queue'; readonly id?: string; readonly operation: QueueOperation }
  | {
      readonly call: 'named';
      readonly kind: NamedObjectKind;
      readonly id?: string;
      readonly operation: NamedObjectOperation;
    }
  | { readonly call: 'secondaryStatus'; readonly id?: string; readonly operation: SecondaryStatusOperation };

/** One Genesys Cloud request: an operation, or a lookup of an object to adopt. */
export type GenesysCall =
  | OperationCall
  | { readonly call: 'findUser'; readonly userName: string }
  | { readonly call: 'findQueue'; readonly name: string }
  | { readonly call: 'findNamed'; readonly kind: NamedObjectKind; readonly name: string }
  | { readonly call: 'findSecondaryStatus'; readonly name: string }
  | { readonly call: 'listQueueMembers'; readonly queueId: string; readonly page: number }
  | { readonly call: 'listQueueWrapUpCodes'; readonly queueId: string; readonly page: number };

/** One read or write of delivery's own tables. */
export type StoreCall =
  | { readonly call: 'readManagedNames' }
  | {
      readonly call: 'readManagedIds';
      readonly userIds: readonly string[];
      readonly wrapUpCodeIds: readonly string[];
    }
  | { readonly call: 'readDeletionGuard'; readonly kind: TargetKind }
  | {
      readonly call: 'pauseDeletions';
      readonly kind: TargetKind;
      readonly pending: number;
      readonly managed: number;
      readonly share: number;
    }
  | { readonly call: 'saveIdMap'; readonly entry: IdMapEntry }
  /**
   * A skill, language or wrap-up code deleted in Genesys: its entry, no longer live. Genesys takes a deleted skill
   * or language off every user, so the users' known state must lose it too: kept there, it read as someone else's
   * assignment to keep, and their next patch named a skill Genesys no longer has.
   */
  | { readonly call: 'namedDeleted'; readonly entry: NamedEntry }
  | { readonly call: 'userPatched'; readonly key: string; readonly actual: ActualUser }
  | {
      readonly call: 'userRemoved';
      readonly key: string;
      readonly actual: ActualUser;
      readonly how: 'deactivated' | 'deleted';
    }
  | { readonly call: 'forgetIdMap'; readonly kind: TargetKind; readonly key: string }
  | { readonly call: 'endConfirmedPause'; readonly kind: TargetKind };

/** What the deletion guard reads: the pause of a kind, and its pending deletions and managed objects. */
export interface DeletionFacts {
  readonly paused: boolean;
  readonly confirmed: boolean;
  readonly pending: number;
  readonly managed: number;
}

/** A status without its time: the caller stamps `synchronizedAt` when `synchronized`. */
export type DecidedStatus = Omit<RecordStatus, 'synchronizedAt'>;

/** What to do next for one object: exactly one call, or the end of this reconcile. */
export type Step =
  | { readonly type: 'genesys'; readonly call: GenesysCall }
  | { readonly type: 'store'; readonly call: StoreCall }
  | {
      readonly type: 'done';
      readonly status: DecidedStatus;
      /**
       * This reconcile made Genesys calls, or redid a reconcile that died and may have made them: the record was
       * synchronized now, and its outcome is published.
       */
      readonly synchronized: boolean;
      /** It was created or adopted now, so the objects that refer to it can resolve it. */
      readonly becameLive: boolean;
      /** An id map entry the caller writes with its batch. */
      readonly unsaved?: IdMapEntry;
    }
  | { readonly type: 'wait'; readonly delayMs: number; readonly status?: DecidedStatus }
  | { readonly type: 'fail'; readonly failure: DeliveryFailure };

export type TerminalStep = Extract<Step, { type: 'done' | 'wait' | 'fail' }>;

/** The answer to a call: Genesys's, a Genesys failure, or the store's. */
export type Outcome =
  | { readonly type: 'failed'; readonly failure: DeliveryFailure }
  | { readonly type: 'ok' }
  | { readonly type: 'user'; readonly user: ActualUser }
  /** A queue or a named object, created or found. */
  | { readonly type: 'object'; readonly object: ActualNamedObject }
  /** A secondary status, created, updated or found. */
  | { readonly type: 'secondaryStatus'; readonly status: ActualSecondaryStatus }
  /** A lookup found nothing. */
  | { readonly type: 'absent' }
  | { readonly type: 'page'; readonly items: readonly string[]; readonly more: boolean }
  | { readonly type: 'managedNames'; readonly names: ManagedNames }
  | { readonly type: 'managedIds'; readonly ids: ManagedIds }
  | { readonly type: 'deletionFacts'; readonly facts: DeletionFacts }
  /** userPatched: whether the key still holds the Genesys user it patched. */
  | { readonly type: 'holds'; readonly holds: boolean };
