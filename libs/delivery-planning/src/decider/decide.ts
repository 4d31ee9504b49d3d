import { deletionGuard } from '../deletion-guard';
import type { DeliveryObject } from './delivery-object';
import { leftAsIs, type Failed, type QueueSituation, type Situation, type UserSituation } from './situation';
import type { DecidedStatus, GenesysCall, OperationCall, Step } from './steps';

/** How long an object waits for what it refers to. */
export const DEPENDENCY_WAIT_MS = 250;
/** How often paused deletions look for a confirm. */
export const PAUSE_POLL_MS = 2000;

/**
 * The next step of one reconcile: one Genesys call, one store call, or its end. Called again after each call
 * with the situation `evolve` made of its outcome, until it answers done, wait or fail.
 */
export function decide(s: Situation): Step {
  if (s.waiting) return { type: 'wait', delayMs: DEPENDENCY_WAIT_MS };
  const paused = deletionPause(s);
  if (paused) return paused;
  if (s.created)
    return {
      type: 'done',
      status: statusOf(s.object, s.created.genesysId),
      synchronized: true,
      becameLive: true,
      unsaved: s.created,
    };
  // Written after every call that changes an id, so a crash leaves at worst a 409 to adopt.
  if (s.write) return { type: 'store', call: s.write };
  // Both keys were made dirty: the next attempt starts afresh.
  if (s.superseded) return { type: 'wait', delayMs: 0 };
  if (s.failed) return afterFailure(s, s.failed);
  const next = s.kind === 'user' ? nextOfUser(s) : s.kind === 'queue' ? nextOfQueue(s) : nextOperation(s);
  if (next) return next;
  if (!s.object.desired.present && s.calls > 0 && !s.pauseEnded)
    return { type: 'store', call: { call: 'endConfirmedPause', kind: s.kind } };
  return {
    type: 'done',
    status: statusOf(s.object, s.actual?.id),
    // Adopting what a recovered create's lookup found synchronizes the record without a call of its own. So does
    // any recovered attempt: the one that died may have made its calls and written what Genesys then held, and
    // not published the outcome its batch publishes at the end; without this one's, the console would keep the
    // record pending behind its newer decision.
    synchronized: s.calls > 0 || s.madeLive || s.object.recovered === true,
    becameLive: s.madeLive,
  };
}

/** The deletion guard (DESIGN §1): a step while the deletion of a live object must wait for a confirm. */
function deletionPause(s: Situation): Step | undefined {
  const entry = s.object.entry;
  if (s.object.desired.present || !entry?.live || leftAsIs(s.object)) return undefined;
  if (!s.deletion) return { type: 'store', call: { call: 'readDeletionGuard', kind: s.kind } };
  const { pending, managed } = s.deletion;
  const decision = deletionGuard(s.deletion, s.settings.guard);
  if (decision.decision === 'proceed') return undefined;
  if (!s.pauseWritten)
    return {
      type: 'store',
      call: { call: 'pauseDeletions', kind: s.kind, pending, managed, share: decision.share },
    };
  return {
    type: 'wait',
    delayMs: PAUSE_POLL_MS,
    status: {
      status: 'error',
      genesysId: entry.genesysId,
      error: {
        code: 'deletionPaused',
        message: `${pending} of ${managed} ${s.kind} objects would be deleted; waiting for a confirm`,
      },
    },
  };
}

/** A 409 on a create: look the object up to adopt it. A 404: someone deleted it in Genesys, so forget it. */
function afterFailure(s: Situation, { call, failure, lookedUp, forgotten }: Failed): Step {
  const operation = 'operation' in call ? call : undefined;
  if (failure.kind === 'conflict' && operation && !lookedUp) {
    const lookup = lookupOf(operation);
    if (lookup) return { type: 'genesys', call: lookup };
  }
  if (failure.kind === 'notFound' && operation && forgetsOnNotFound(operation)) {
    if (!forgotten) return { type: 'store', call: { call: 'forgetIdMap', kind: s.kind, key: s.object.key } };
    // A user no longer wanted is gone already; one still wanted is provisioned again by the next attempt.
    if (s.kind === 'user' && !s.target)
      return { type: 'done', status: statusOf(s.object, undefined), synchronized: true, becameLive: false };
  }
  return { type: 'fail', failure };
}

function lookupOf(call: OperationCall): GenesysCall | undefined {
  if (call.call === 'user')
    return call.operation.type === 'createUser'
      ? { call: 'findUser', userName: call.operation.user.userName }
      : undefined;
  if (call.call === 'queue')
    return call.operation.type === 'createQueue'
      ? { call: 'findQueue', name: call.operation.name }
      : undefined;
  if (call.call === 'secondaryStatus')
    return call.operation.type === 'createSecondaryStatus'
      ? { call: 'findSecondaryStatus', name: call.operation.status.name }
      : undefined;
  return call.operation.type === 'createNamed'
    ? { call: 'findNamed', kind: call.kind, name: call.operation.name }
    : undefined;
}

/** Calls on an object Genesys may no longer have, whose 404 makes its id map entry wrong. */
function forgetsOnNotFound(call: OperationCall): boolean {
  if (call.call === 'user') return call.operation.type !== 'createUser';
  if (call.call === 'secondaryStatus') return call.operation.type === 'updateSecondaryStatus';
  return call.call === 'queue' && call.operation.type === 'renameQueue';
}

function nextOfUser(s: UserSituation): Step | undefined {
  // Assignments of names the bridge does not manage are someone else's, and stay.
  if (!s.plan) return { type: 'store', call: { call: 'readManagedNames' } };
  return nextOperation(s);
}

function nextOfQueue(s: QueueSituation): Step | undefined {
  const adoption = s.adoption;
  if (adoption) {
    const listing = adoption.listing === 'members' ? 'listQueueMembers' : 'listQueueWrapUpCodes';
    return { type: 'genesys', call: { call: listing, queueId: adoption.queue.id, page: adoption.page } };
  }
  // Members and wrap-up codes the bridge does not manage are someone else's, and stay.
  if (!s.plan)
    return {
      type: 'store',
      call: {
        call: 'readManagedIds',
        userIds: s.actual?.memberIds ?? [],
        wrapUpCodeIds: s.actual?.wrapUpCodeIds ?? [],
      },
    };
  return nextOperation(s);
}

function nextOperation(s: Situation): Step | undefined {
  const call = operationCallOf(s);
  // A create sent by a reconcile that died before recording it would go twice: look for the object first.
  const lookup = call && s.unsure ? lookupOf(call) : undefined;
  if (lookup) return { type: 'genesys', call: lookup };
  return call && { type: 'genesys', call };
}

/** The plan's next operation, on the object's Genesys id once it has one. */
function operationCallOf(s: Situation): OperationCall | undefined {
  const id = s.actual?.id;
  if (s.kind === 'user') {
    const operation = s.plan?.[0];
    return operation && { call: 'user', id, operation };
  }
  if (s.kind === 'queue') {
    const operation = s.plan?.[0];
    return operation && { call: 'queue', id, operation };
  }
  if (s.kind === 'secondaryStatus') {
    const operation = s.plan[0];
    return operation && { call: 'secondaryStatus', id, operation };
  }
  const operation = s.plan[0];
  return operation && { call: 'named', kind: s.kind, id, operation };
}

function statusOf(object: DeliveryObject, genesysId: string | undefined): DecidedStatus {
  if (!object.desired.present) return { status: 'notSynced', reason: object.desired.reason };
  const note = object.kind === 'user' ? object.desired.document.note : undefined;
  return { status: 'synced', ...(genesysId ? { genesysId } : {}), ...(note ? { note } : {}) };
}
