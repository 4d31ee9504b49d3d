import { applyQueueOperation } from '../plan-queue-sync';
import { planSecondaryStatusSync } from '../plan-secondary-status-sync';
import { applyUserOperation } from '../plan-user-sync';
import type { ActualNamedObject, ActualQueue, ActualSecondaryStatus, ActualUser } from '../genesys-state';
import type { NamedEntry, QueueEntry, SecondaryStatusEntry, UserEntry } from './delivery-object';
import {
  withPlan,
  type NamedSituation,
  type QueueSituation,
  type SecondaryStatusSituation,
  type Situation,
  type UserSituation,
} from './situation';
import type { GenesysCall, OperationCall, Outcome, Step, StoreCall } from './steps';

/** The situation after a step's outcome: what Genesys answered (or how it failed), or what the store did. */
export function evolve(s: Situation, step: Step, outcome: Outcome): Situation {
  if (step.type === 'genesys') return withPlan(afterGenesys(s, step.call, outcome));
  if (step.type === 'store') return withPlan(afterStore(s, step.call, outcome));
  return s;
}

function afterGenesys(s: Situation, call: GenesysCall, outcome: Outcome): Situation {
  const calls = 'operation' in call ? s.calls + 1 : s.calls;
  if (outcome.type === 'failed') return { ...s, calls, failed: { call, failure: outcome.failure } };
  if ('operation' in call) return { ...operationDone(s, call, outcome), calls };
  return afterLookup({ ...s, unsure: false }, call, outcome);
}

/** What a read found: a 409's or a recovered create's lookup, a queue's listing. */
function afterLookup(s: Situation, call: GenesysCall, outcome: Outcome): Situation {
  if (outcome.type === 'absent' && s.failed) return { ...s, failed: { ...s.failed, lookedUp: true } };
  // Not made by the reconcile that died: the create goes.
  if (outcome.type === 'absent') return s;
  if (s.kind === 'user' && outcome.type === 'user') return adoptedUser(s, outcome.user);
  if (s.kind === 'queue' && (call.call === 'listQueueMembers' || call.call === 'listQueueWrapUpCodes'))
    return listed(s, expect(outcome, 'page'));
  if (s.kind === 'queue' && outcome.type === 'object') {
    const adoption = {
      queue: outcome.object,
      listing: 'members',
      page: 1,
      memberIds: [],
      wrapUpCodeIds: [],
    } as const;
    return { ...s, failed: undefined, adoption };
  }
  if (s.kind === 'secondaryStatus' && outcome.type === 'secondaryStatus')
    return adoptedSecondaryStatus(s, outcome.status);
  if (s.kind !== 'user' && s.kind !== 'queue' && s.kind !== 'secondaryStatus' && outcome.type === 'object')
    return adoptedNamed(s, outcome.object);
  throw unexpected(outcome);
}

function operationDone(s: Situation, call: OperationCall, outcome: Outcome): Situation {
  if (s.kind === 'user' && call.call === 'user') return userOperationDone(s, call, outcome);
  if (s.kind === 'queue' && call.call === 'queue') return queueOperationDone(s, call, outcome);
  if (s.kind === 'secondaryStatus' && call.call === 'secondaryStatus')
    return secondaryStatusOperationDone(s, call, outcome);
  if (s.kind !== 'user' && s.kind !== 'queue' && s.kind !== 'secondaryStatus' && call.call === 'named')
    return namedOperationDone(s, call, outcome);
  throw new Error(`a ${call.call} operation on a ${s.kind}`);
}

/** A user operation succeeded: a created user is done; any other change is written before anything else. */
function userOperationDone(
  s: UserSituation,
  { operation }: Extract<OperationCall, { call: 'user' }>,
  outcome: Outcome,
): Situation {
  const actual = s.actual;
  switch (operation.type) {
    case 'createUser': {
      const user = expect(outcome, 'user').user;
      return { ...s, actual: user, madeLive: true, created: userEntry(s, user) };
    }
    case 'patchUser': {
      const user = expect(outcome, 'user').user;
      return {
        ...s,
        actual: user,
        plan: s.plan?.slice(1),
        write: { call: 'userPatched', key: s.object.key, actual: user },
      };
    }
    case 'deleteUser':
    case 'deactivateUser': {
      if (!actual) throw new Error('a user operation without a user');
      const after = applyUserOperation(actual, operation, actual.id);
      const how = operation.type === 'deleteUser' ? 'deleted' : 'deactivated';
      const removed = after ?? actual;
      return {
        ...s,
        actual: after,
        plan: s.plan?.slice(1),
        write: { call: 'userRemoved', key: s.object.key, actual: removed, how },
      };
    }
  }
}

/** A queue operation succeeded: its id map entry is written; a created queue is planned afresh. */
function queueOperationDone(
  s: QueueSituation,
  { operation }: Extract<OperationCall, { call: 'queue' }>,
  outcome: Outcome,
): Situation {
  if (operation.type === 'createQueue') {
    const queue = { ...expect(outcome, 'object').object, memberIds: [], wrapUpCodeIds: [] };
    return {
      ...s,
      actual: queue,
      origin: 'created',
      madeLive: true,
      plan: undefined,
      write: saveQueue(s, queue, true),
    };
  }
  const actual = s.actual;
  if (!actual) throw new Error('a queue operation without a queue');
  const after = applyQueueOperation(actual, operation, actual.id);
  const write = saveQueue(s, after ?? actual, after !== undefined);
  return { ...s, actual: after, plan: s.plan?.slice(1), write };
}

/** A skill, language or wrap-up code operation succeeded: a created one is done; a change is written. */
function namedOperationDone(
  s: NamedSituation,
  { operation }: Extract<OperationCall, { call: 'named' }>,
  outcome: Outcome,
): Situation {
  const plan = s.plan.slice(1);
  if (operation.type === 'createNamed') {
    const object = expect(outcome, 'object').object;
    return {
      ...s,
      actual: object,
      plan,
      madeLive: true,
      created: namedEntry({ ...s, origin: 'created' }, object, true),
    };
  }
  const actual = s.actual;
  if (!actual) throw new Error('a named object operation without the object');
  if (operation.type === 'deleteNamed')
    return {
      ...s,
      actual: undefined,
      plan,
      write: { call: 'namedDeleted', entry: namedEntry(s, actual, false) },
    };
  const renamed = { ...actual, name: operation.name };
  return { ...s, actual: renamed, plan, write: saveNamed(s, renamed, true) };
}

/** A secondary status operation succeeded: a created one is done; a change or a deactivation is written. */
function secondaryStatusOperationDone(
  s: SecondaryStatusSituation,
  { operation }: Extract<OperationCall, { call: 'secondaryStatus' }>,
  outcome: Outcome,
): Situation {
  const plan = s.plan.slice(1);
  if (operation.type === 'createSecondaryStatus') {
    const status = expect(outcome, 'secondaryStatus').status;
    const created = secondaryStatusEntry({ ...s, origin: 'created' }, status, true);
    return { ...s, actual: status, plan, madeLive: true, created };
  }
  const actual = s.actual;
  if (!actual) throw new Error('a secondary status operation without the status');
  if (operation.type === 'deactivateSecondaryStatus')
    return { ...s, actual: undefined, plan, write: saveSecondaryStatus(s, actual, false) };
  const updated = { ...actual, ...operation.status };
  return { ...s, actual: updated, plan, write: saveSecondaryStatus(s, updated, true) };
}

/** A 409's lookup found the secondary status: it is ours now, and planned afresh against what Genesys has. */
function adoptedSecondaryStatus(s: SecondaryStatusSituation, found: ActualSecondaryStatus): Situation {
  const next = { ...s, actual: found, origin: 'adopted' as const, madeLive: true, failed: undefined };
  const plan = s.target && planSecondaryStatusSync(s.target, found);
  return { ...next, plan: plan ?? [], write: saveSecondaryStatus(next, found, true) };
}

/** A 409's lookup found the user: it is ours now, written before anything else, and planned afresh. */
function adoptedUser(s: UserSituation, user: ActualUser): Situation {
  const next = { ...s, actual: user, origin: 'adopted' as const, madeLive: true, failed: undefined };
  return { ...next, plan: undefined, write: { call: 'saveIdMap', entry: userEntry(next, user) } };
}

/** A 409's lookup found the named object: it is ours now, and the rest of the plan goes on with it. */
function adoptedNamed(s: NamedSituation, found: ActualNamedObject): Situation {
  const next = { ...s, actual: found, origin: 'adopted' as const, madeLive: true, failed: undefined };
  return { ...next, plan: s.plan.slice(1), write: saveNamed(next, found, true) };
}

function listed(s: QueueSituation, page: Extract<Outcome, { type: 'page' }>): Situation {
  const adoption = s.adoption;
  if (!adoption) throw new Error('a queue listing without an adoption');
  const next =
    adoption.listing === 'members'
      ? { ...adoption, memberIds: [...adoption.memberIds, ...page.items] }
      : { ...adoption, wrapUpCodeIds: [...adoption.wrapUpCodeIds, ...page.items] };
  if (page.more) return { ...s, adoption: { ...next, page: next.page + 1 } };
  if (next.listing === 'members') return { ...s, adoption: { ...next, listing: 'wrapUpCodes', page: 1 } };
  const queue: ActualQueue = { ...next.queue, memberIds: next.memberIds, wrapUpCodeIds: next.wrapUpCodeIds };
  const adopted = { ...s, actual: queue, origin: 'adopted' as const, madeLive: true, adoption: undefined };
  return { ...adopted, plan: undefined, write: saveQueue(adopted, queue, true) };
}

function afterStore(s: Situation, call: StoreCall, outcome: Outcome): Situation {
  switch (call.call) {
    case 'readManagedNames':
      return s.kind === 'user' ? { ...s, managed: expect(outcome, 'managedNames').names } : s;
    case 'readManagedIds':
      return s.kind === 'queue' ? { ...s, managed: expect(outcome, 'managedIds').ids } : s;
    case 'readDeletionGuard':
      return { ...s, deletion: expect(outcome, 'deletionFacts').facts };
    case 'pauseDeletions':
      return { ...s, pauseWritten: true };
    case 'saveIdMap':
    case 'namedDeleted':
    case 'userRemoved':
      return { ...s, write: undefined };
    case 'userPatched':
      return { ...s, write: undefined, superseded: !expect(outcome, 'holds').holds };
    case 'forgetIdMap':
      return s.failed ? { ...s, failed: { ...s.failed, forgotten: true } } : s;
    case 'endConfirmedPause':
      return { ...s, pauseEnded: true };
  }
}

function userEntry(s: UserSituation, user: ActualUser): UserEntry {
  return {
    kind: 'user',
    key: s.object.key,
    genesysId: user.id,
    origin: s.origin,
    name: user.userName,
    live: user.active,
    actual: user,
  };
}

function saveQueue(s: QueueSituation, queue: ActualQueue, live: boolean): StoreCall {
  const entry: QueueEntry = {
    kind: 'queue',
    key: s.object.key,
    genesysId: queue.id,
    origin: s.origin,
    name: queue.name,
    live,
    actual: queue,
  };
  return { call: 'saveIdMap', entry };
}

function namedEntry(s: NamedSituation, object: ActualNamedObject, live: boolean): NamedEntry {
  return {
    kind: s.kind,
    key: s.object.key,
    genesysId: object.id,
    origin: s.origin,
    name: object.name,
    live,
    actual: object,
  };
}

function saveNamed(s: NamedSituation, object: ActualNamedObject, live: boolean): StoreCall {
  return { call: 'saveIdMap', entry: namedEntry(s, object, live) };
}

function secondaryStatusEntry(
  s: SecondaryStatusSituation,
  status: ActualSecondaryStatus,
  live: boolean,
): SecondaryStatusEntry {
  return {
    kind: 'secondaryStatus',
    key: s.object.key,
    genesysId: status.id,
    origin: s.origin,
    name: status.name,
    live,
    actual: status,
  };
}

function saveSecondaryStatus(
  s: SecondaryStatusSituation,
  status: ActualSecondaryStatus,
  live: boolean,
): StoreCall {
  return { call: 'saveIdMap', entry: secondaryStatusEntry(s, status, live) };
}

function expect<T extends Outcome['type']>(outcome: Outcome, type: T): Extract<Outcome, { type: T }> {
  if (!isOf(outcome, type)) throw unexpected(outcome);
  return outcome;
}

function isOf<T extends Outcome['type']>(
  outcome: Outcome,
  type: T,
): outcome is Extract<Outcome, { type: T }> {
  return outcome.type === type;
}

function unexpected(outcome: Outcome): Error {
  return new Error(`unexpected outcome: ${outcome.type}`);
}
