import type { DesiredNamedObject, DesiredSecondaryStatus, TargetKind } from '@bridge/contracts';
import type { DeletionGuardSettings } from '../deletion-guard';
import type {
  ActualNamedObject,
  ActualQueue,
  ActualSecondaryStatus,
  ActualUser,
  UserFields,
} from '../genesys-state';
import type {
  NamedObjectOperation,
  QueueOperation,
  SecondaryStatusOperation,
  UserOperation,
  UserRemoval,
} from '../operations';
import { planNamedObjectSync, type NamedObjectKind } from '../plan-named-object-sync';
import { planSecondaryStatusSync } from '../plan-secondary-status-sync';
import { planQueueSync, type ManagedIds, type ResolvedQueue } from '../plan-queue-sync';
import { planUserSync, userFieldsOf, type ManagedNames } from '../plan-user-sync';
import type { DeliveryFailure } from '../retry-policy';
import type {
  DeliveryObject,
  IdMapEntry,
  NamedObject,
  QueueObject,
  References,
  SecondaryStatusObject,
  UserObject,
} from './delivery-object';
import type { DeletionFacts, GenesysCall, StoreCall } from './steps';

export interface DeliverySettings {
  readonly guard: DeletionGuardSettings;
  readonly userRemoval: UserRemoval;
}

/** A Genesys call that failed, and what was done about it so far. */
export interface Failed {
  readonly call: GenesysCall;
  readonly failure: DeliveryFailure;
  /** A 409's lookup found nothing to adopt. */
  readonly lookedUp?: boolean;
  /** A 404's id map entry was forgotten. */
  readonly forgotten?: boolean;
}

/** What one reconcile has learnt and done so far, whatever the kind. */
interface Progress {
  readonly settings: DeliverySettings;
  readonly origin: 'created' | 'adopted';
  /** Something the document refers to is still on its way. */
  readonly waiting: boolean;
  /** Operations of the plan started: a reconcile that made any synchronized the record. */
  readonly calls: number;
  /** Created or adopted by this reconcile. */
  readonly madeLive: boolean;
  readonly deletion?: DeletionFacts;
  readonly pauseWritten?: boolean;
  readonly pauseEnded?: boolean;
  /** The store write that must follow the last call before anything else. */
  readonly write?: StoreCall;
  /** A created object's id map entry, left for the worker's batch: nothing follows its create. */
  readonly created?: IdMapEntry;
  readonly failed?: Failed;
  /** Another key holds the patched user now. */
  readonly superseded?: boolean;
  /** A recovered object's create waits for a lookup: the reconcile that died may have made the object. */
  readonly unsure?: boolean;
}

export interface UserSituation extends Progress {
  readonly kind: 'user';
  readonly object: UserObject;
  readonly target?: UserFields;
  readonly actual?: ActualUser;
  readonly managed?: ManagedNames;
  /** The operations left; absent until the facts it needs are read. */
  readonly plan?: readonly UserOperation[];
}

/** An existing queue being adopted: its members and wrap-up codes are listed a page at a time. */
export interface QueueAdoption {
  readonly queue: ActualNamedObject;
  readonly listing: 'members' | 'wrapUpCodes';
  readonly page: number;
  readonly memberIds: readonly string[];
  readonly wrapUpCodeIds: readonly string[];
}

export interface QueueSituation extends Progress {
  readonly kind: 'queue';
  readonly object: QueueObject;
  readonly target?: ResolvedQueue;
  readonly actual?: ActualQueue;
  readonly managed?: ManagedIds;
  readonly plan?: readonly QueueOperation[];
  readonly adoption?: QueueAdoption;
}

export interface NamedSituation extends Progress {
  readonly kind: NamedObjectKind;
  readonly object: NamedObject;
  readonly target?: DesiredNamedObject;
  readonly actual?: ActualNamedObject;
  readonly plan: readonly NamedObjectOperation[];
}

export interface SecondaryStatusSituation extends Progress {
  readonly kind: 'secondaryStatus';
  readonly object: SecondaryStatusObject;
  readonly target?: DesiredSecondaryStatus;
  readonly actual?: ActualSecondaryStatus;
  readonly plan: readonly SecondaryStatusOperation[];
}

/** Everything the decider knows of one object during one reconcile. */
export type Situation = UserSituation | QueueSituation | NamedSituation | SecondaryStatusSituation;

/**
 * A kind whose synchronization option is off (`syncOptionOff`): what is in Genesys stays as it is, neither changed
 * nor deleted, and the record says why.
 */
export function leftAsIs(object: DeliveryObject): boolean {
  return !object.desired.present && object.desired.reason === 'syncOptionOff';
}

const noManagedIds: ManagedIds = { userIds: new Set(), wrapUpCodeIds: new Set() };

/** The situation a reconcile starts from: the claimed object, what it refers to, and the settings. */
export function situationOf(
  object: DeliveryObject,
  references: References,
  settings: DeliverySettings,
): Situation {
  const progress = {
    settings,
    origin: object.entry?.origin ?? 'created',
    calls: 0,
    madeLive: false,
    unsure: object.recovered === true,
  };
  const asIs = leftAsIs(object);
  const isPending = (dependencies: readonly { kind: TargetKind; key: string }[]) =>
    dependencies.some(({ kind, key }) => references.pending(kind, key));
  switch (object.kind) {
    case 'user': {
      // An inactive user is still ours: it is reactivated, not created again.
      const base = {
        ...progress,
        kind: object.kind,
        object,
        actual: object.entry?.actual,
        ...(references.managedNames && { managed: references.managedNames }),
      };
      if (asIs) return { ...base, waiting: false, plan: [] };
      if (!object.desired.present) return withPlan({ ...base, waiting: false });
      const { fields, unresolved } = userFieldsOf(object.desired.document, {
        skill: (key) => references.live('skill', key)?.name,
        language: (key) => references.live('language', key)?.name,
      });
      return withPlan({ ...base, target: fields, waiting: isPending(unresolved) });
    }
    case 'queue': {
      const base = { ...progress, kind: object.kind, object, actual: liveActual(object) };
      if (asIs) return { ...base, waiting: false, plan: [] };
      if (!object.desired.present) return withPlan({ ...base, waiting: false });
      const { name, memberKeys, wrapUpCodeKeys } = object.desired.document;
      const members = memberKeys.map((key) => ({ kind: 'user' as const, key }));
      const codes = wrapUpCodeKeys.map((key) => ({ kind: 'wrapUpCode' as const, key }));
      const ids = (dependencies: readonly { kind: TargetKind; key: string }[]) =>
        dependencies.flatMap(({ kind, key }) => references.live(kind, key)?.genesysId ?? []);
      const target = { name, memberIds: ids(members), wrapUpCodeIds: ids(codes) };
      return withPlan({ ...base, target, waiting: isPending([...members, ...codes]) });
    }
    case 'skill':
    case 'language':
    case 'wrapUpCode': {
      const target = object.desired.present ? object.desired.document : undefined;
      const actual = liveActual(object);
      const plan = asIs ? [] : planNamedObjectSync(object.kind, target, actual);
      return { ...progress, kind: object.kind, object, target, actual, plan, waiting: false };
    }
    case 'secondaryStatus': {
      const target = object.desired.present ? object.desired.document : undefined;
      const actual = liveActual(object);
      const plan = asIs ? [] : planSecondaryStatusSync(target, actual);
      return { ...progress, kind: object.kind, object, target, actual, plan, waiting: false };
    }
  }
}

function liveActual<A>(object: { entry: { live: boolean; actual: A } | undefined }): A | undefined {
  return object.entry?.live ? object.entry.actual : undefined;
}

/**
 * Whether the user's plan will need the managed names (`withPlan`): it is wanted and a Genesys user is known for
 * it. A batch holding such a user may read them with its references.
 */
export function needsManagedNames(object: DeliveryObject): boolean {
  return object.kind === 'user' && object.desired.present && object.entry !== undefined;
}

/**
 * Plans a user or queue once the facts its plan needs are known: the managed names or ids matter only to an
 * object that exists and is still wanted. A create or an adoption gives it a new state, to be planned afresh.
 */
export function withPlan(s: Situation): Situation {
  if (s.plan) return s;
  if (s.kind === 'user') {
    if (s.target && s.actual && !s.managed) return s;
    return { ...s, plan: planUserSync(s.target, s.actual, s.managed, s.settings.userRemoval) };
  }
  if (s.kind === 'queue') {
    if (s.target && s.actual && !s.managed) return s;
    return { ...s, plan: planQueueSync(s.target, s.actual, s.managed ?? noManagedIds) };
  }
  return s;
}
