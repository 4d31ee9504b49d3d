import type { PlannedChange } from '@bridge/contracts';
import { decide } from '../decider/decide';
import type { DeliveryObject, References } from '../decider/delivery-object';
import { evolve } from '../decider/evolve';
import { situationOf, type DeliverySettings, type Situation } from '../decider/situation';
import type { DeletionFacts, Outcome, StoreCall } from '../decider/steps';
import { isDeletion, type Operation } from '../operations';
import type { ManagedIds } from '../plan-queue-sync';
import type { ManagedNames } from '../plan-user-sync';
import type { TargetKind } from '@bridge/contracts';

/** What a dry run reads from delivery's tables in place of the decider's store calls. */
export interface DryRunFacts {
  readonly managedNames: ManagedNames;
  /** Every Genesys user and wrap-up code id the bridge manages (a superset of one queue's is as good). */
  readonly managedIds: ManagedIds;
  readonly deletion: (kind: TargetKind) => DeletionFacts;
}

/** More steps than any reconcile takes before its first Genesys call. */
const maxSteps = 16;

/**
 * What reconciling one object now would change in Genesys Cloud, from the decider itself: its store reads are
 * answered from `facts`, and it stops at the first Genesys call, a write or the end, with the plan it made. The
 * known state stands in for Genesys (no call is made), so a create may turn out an adoption. Undefined: nothing
 * would change.
 */
export function dryRunOf(
  object: DeliveryObject,
  references: References,
  facts: DryRunFacts,
  settings: DeliverySettings,
): PlannedChange | undefined {
  let s: Situation = situationOf(object, references, settings);
  let held = false;
  for (let i = 0; i < maxSteps; i++) {
    const step = decide(s);
    if (step.type !== 'store') {
      if (step.type === 'wait' && step.status?.error?.code === 'deletionPaused') held = true;
      break;
    }
    const outcome = readOf(step.call, facts);
    if (!outcome) break;
    if (step.call.call === 'pauseDeletions') held = true;
    s = evolve(s, step, outcome);
  }
  const operations: readonly Operation[] = s.plan ?? [];
  if (operations.length === 0) return undefined;
  const first = operations[0]?.type ?? '';
  return {
    kind: object.kind,
    cicId: object.key,
    name: nameOf(object),
    ...(object.entry?.live ? { genesysId: object.entry.genesysId } : {}),
    change: first.startsWith('create') ? 'create' : operations.some(isDeletion) ? 'delete' : 'update',
    operations: operations.map((operation) => ({ ...operation })),
    heldByDeletionGuard: held,
    waitsForDependencies: s.waiting,
  };
}

/** The answer to a store call a dry run may make; undefined for a write, where the dry run stops. */
function readOf(call: StoreCall, facts: DryRunFacts): Outcome | undefined {
  switch (call.call) {
    case 'readManagedNames':
      return { type: 'managedNames', names: facts.managedNames };
    case 'readManagedIds':
      return { type: 'managedIds', ids: facts.managedIds };
    case 'readDeletionGuard':
      return { type: 'deletionFacts', facts: facts.deletion(call.kind) };
    case 'pauseDeletions':
      return { type: 'ok' };
    case 'saveIdMap':
    case 'namedDeleted':
    case 'userPatched':
    case 'userRemoved':
    case 'forgetIdMap':
    case 'endConfirmedPause':
      return undefined;
  }
}

/** The name an admin knows the record by: Genesys's, else the document's, else its CIC key. */
export function nameOf(object: DeliveryObject): string {
  if (object.entry) return object.entry.name;
  if (!object.desired.present) return object.key;
  const document: { name?: string; userName?: string } = object.desired.document;
  return document.name ?? document.userName ?? object.key;
}
