import type { DesiredQueue, DesiredSecondaryStatus, DesiredUser, NotSyncedReason } from '@bridge/contracts';
import type { ActualSecondaryStatus, ActualUser } from '../genesys-state';
import { decide, DEPENDENCY_WAIT_MS, PAUSE_POLL_MS } from './decide';
import type { DeliveryObject, IdMapEntry, References } from './delivery-object';
import { evolve } from './evolve';
import { situationOf, type DeliverySettings, type Situation } from './situation';
import type { DeletionFacts, Outcome, Step } from './steps';

const settings: DeliverySettings = { guard: { maxShare: 0.2, minCount: 2 }, userRemoval: 'deactivate' };

/** Only what a test names is compared. */
type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;
type Expected = DeepPartial<Step> & Pick<Step, 'type'>;

/** A reconcile told as given (the object), when (each call's outcome), then (the step decided next). */
function given(object: DeliveryObject, references: References = nothingReferred, with_ = settings) {
  return scenario(situationOf(object, references, with_));
}

function scenario(situation: Situation) {
  const step = decide(situation);
  const next = {
    then(expected: Expected) {
      expect(step).toMatchObject(expected);
      return next;
    },
    when(outcome: Outcome) {
      return scenario(evolve(situation, step, outcome));
    },
  };
  return next;
}

const nothingReferred: References = { live: () => undefined, pending: () => false };
const referring = (live: readonly IdMapEntry[], pending: readonly string[] = []): References => ({
  live: (kind, key) => live.find((entry) => entry.kind === kind && entry.key === key),
  pending: (kind, key) => pending.includes(`${kind}:${key}`),
});

const ok: Outcome = { type: 'ok' };
const failed = (kind: 'conflict' | 'notFound' | 'unavailable'): Outcome => ({
  type: 'failed',
  failure: {
    kind,
    status: { conflict: 409, notFound: 404, unavailable: 503 }[kind],
    code: kind,
    message: kind,
  },
});
const facts = (fact: Partial<DeletionFacts>): Outcome => ({
  type: 'deletionFacts',
  facts: { paused: false, confirmed: false, pending: 1, managed: 10, ...fact },
});
const noNames: Outcome = { type: 'managedNames', names: { skills: new Set(), languages: new Set() } };
const noIds: Outcome = { type: 'managedIds', ids: { userIds: new Set(), wrapUpCodeIds: new Set() } };

const annDesired: DesiredUser = {
  externalId: 'ann',
  userName: 'ann@example.com',
  displayName: 'Ann',
  phoneNumbers: [],
  routingSkills: [{ key: 'billing', rating: 4 }],
  routingLanguages: [],
};
const annFields = {
  externalId: 'ann',
  userName: 'ann@example.com',
  displayName: 'Ann',
  phoneNumbers: [],
  routingSkills: [{ name: 'Billing', proficiency: 4 }],
  routingLanguages: [],
};
const annInGenesys: ActualUser = { id: 'g-ann', active: true, ...annFields };
const billing: IdMapEntry = {
  kind: 'skill',
  key: 'billing',
  genesysId: 'g-billing',
  origin: 'created',
  name: 'Billing',
  live: true,
  actual: { id: 'g-billing', name: 'Billing' },
};
const annEntry = (actual: ActualUser = annInGenesys): IdMapEntry & { kind: 'user' } => ({
  kind: 'user',
  key: 'ann',
  genesysId: actual.id,
  origin: 'created',
  name: actual.userName,
  live: actual.active,
  actual,
});
const ann = (desired: DesiredUser | undefined, entry?: IdMapEntry & { kind: 'user' }): DeliveryObject => ({
  kind: 'user',
  key: 'ann',
  desired: desired ? { present: true, document: desired } : { present: false, reason: 'removedFromCic' },
  entry,
});

describe('a user', () => {
  it('is created, and its id map entry left for the batch', () => {
    given(ann(annDesired), referring([billing]))
      .then({ type: 'genesys', call: { call: 'user', operation: { type: 'createUser', user: annFields } } })
      .when({ type: 'user', user: annInGenesys })
      .then({
        type: 'done',
        status: { status: 'synced', genesysId: 'g-ann' },
        synchronized: true,
        becameLive: true,
        unsaved: annEntry(),
      });
  });

  it('waits for a skill still on its way', () => {
    given(ann(annDesired), referring([], ['skill:billing'])).then({
      type: 'wait',
      delayMs: DEPENDENCY_WAIT_MS,
    });
  });

  it('is adopted when Genesys answers 409, saved, then patched as planned', () => {
    const stale = { ...annInGenesys, displayName: 'Annie' };
    given(ann(annDesired), referring([billing]))
      .then({ type: 'genesys' })
      .when(failed('conflict'))
      .then({ type: 'genesys', call: { call: 'findUser', userName: 'ann@example.com' } })
      .when({ type: 'user', user: stale })
      .then({ type: 'store', call: { call: 'saveIdMap', entry: { ...annEntry(stale), origin: 'adopted' } } })
      .when(ok)
      .then({ type: 'store', call: { call: 'readManagedNames' } })
      .when(noNames)
      .then({ type: 'genesys', call: { call: 'user', id: 'g-ann', operation: { type: 'patchUser' } } })
      .when({ type: 'user', user: annInGenesys })
      .then({ type: 'store', call: { call: 'userPatched', key: 'ann', actual: annInGenesys } })
      .when({ type: 'holds', holds: true })
      .then({ type: 'done', synchronized: true, becameLive: true, status: { genesysId: 'g-ann' } });
  });

  it('fails with the 409 when the lookup finds no one to adopt', () => {
    given(ann(annDesired), referring([billing]))
      .when(failed('conflict'))
      .when({ type: 'absent' })
      .then({ type: 'fail', failure: { kind: 'conflict' } });
  });

  it('waits at once when another key took the patched user over (the email passed on)', () => {
    given(ann({ ...annDesired, displayName: 'Ann B' }, annEntry()), referring([billing]))
      .when(noNames)
      .then({
        type: 'genesys',
        call: { operation: { type: 'patchUser', changes: { displayName: 'Ann B' } } },
      })
      .when({ type: 'user', user: { ...annInGenesys, displayName: 'Ann B' } })
      .when({ type: 'holds', holds: false })
      .then({ type: 'wait', delayMs: 0 });
  });

  it('is forgotten on 404 and provisioned again by the next attempt when still wanted', () => {
    given(ann({ ...annDesired, displayName: 'Ann B' }, annEntry()), referring([billing]))
      .when(noNames)
      .when(failed('notFound'))
      .then({ type: 'store', call: { call: 'forgetIdMap', kind: 'user', key: 'ann' } })
      .when(ok)
      .then({ type: 'fail', failure: { kind: 'notFound' } });
  });

  it('is forgotten on 404 and done when no longer wanted', () => {
    given(ann(undefined, annEntry()))
      .when(facts({}))
      .then({ type: 'genesys', call: { call: 'user', id: 'g-ann', operation: { type: 'deactivateUser' } } })
      .when(failed('notFound'))
      .when(ok)
      .then({
        type: 'done',
        status: { status: 'notSynced', reason: 'removedFromCic' },
        synchronized: true,
        becameLive: false,
      });
  });

  it('is deactivated, the removal written, and a confirmed pause ended', () => {
    const inactive = { ...annInGenesys, active: false };
    given(ann(undefined, annEntry()))
      .then({ type: 'store', call: { call: 'readDeletionGuard', kind: 'user' } })
      .when(facts({ confirmed: true, pending: 5 }))
      .then({ type: 'genesys', call: { operation: { type: 'deactivateUser' } } })
      .when(ok)
      .then({
        type: 'store',
        call: { call: 'userRemoved', key: 'ann', actual: inactive, how: 'deactivated' },
      })
      .when(ok)
      .then({ type: 'store', call: { call: 'endConfirmedPause', kind: 'user' } })
      .when(ok)
      .then({ type: 'done', status: { status: 'notSynced' }, synchronized: true });
  });

  it('is deleted when so configured', () => {
    given(ann(undefined, annEntry()), nothingReferred, { ...settings, userRemoval: 'delete' })
      .when(facts({}))
      .then({ type: 'genesys', call: { operation: { type: 'deleteUser' } } })
      .when(ok)
      .then({ type: 'store', call: { call: 'userRemoved', actual: annInGenesys, how: 'deleted' } });
  });

  it('carries its note onto a synced status, without a call when it matches', () => {
    given(ann({ ...annDesired, note: 'businessEmailFromMailbox' }, annEntry()), referring([billing]))
      .when(noNames)
      .then({
        type: 'done',
        status: { status: 'synced', note: 'businessEmailFromMailbox' },
        synchronized: false,
      });
  });
});

describe('the deletion guard', () => {
  it('pauses a mass deletion, then waits for a confirm with an error status', () => {
    given(ann(undefined, annEntry()))
      .when(facts({ pending: 5, managed: 10 }))
      .then({
        type: 'store',
        call: { call: 'pauseDeletions', kind: 'user', pending: 5, managed: 10, share: 0.5 },
      })
      .when(ok)
      .then({
        type: 'wait',
        delayMs: PAUSE_POLL_MS,
        status: { status: 'error', genesysId: 'g-ann', error: { code: 'deletionPaused' } },
      });
  });

  it('keeps deletions paused until a confirm (the store keeps the first pause)', () => {
    given(ann(undefined, annEntry()))
      .when(facts({ paused: true }))
      .then({ type: 'store', call: { call: 'pauseDeletions' } });
  });

  it('lets an ordinary deletion proceed', () => {
    given(ann(undefined, annEntry()))
      .when(facts({ pending: 1, managed: 10 }))
      .then({ type: 'genesys', call: { operation: { type: 'deactivateUser' } } });
  });

  it('asks nothing for an object that is not live', () => {
    given(ann(undefined, annEntry({ ...annInGenesys, active: false }))).then({
      type: 'done',
      synchronized: false,
    });
  });
});

const sales: DesiredQueue = { name: 'Sales', memberKeys: ['ann'], wrapUpCodeKeys: ['won'] };
const queue = (
  desired: DesiredQueue | undefined,
  actual?: { name: string; memberIds: string[] },
): DeliveryObject => ({
  kind: 'queue',
  key: 'sales',
  desired: desired ? { present: true, document: desired } : { present: false, reason: 'removedFromCic' },
  entry: actual && {
    kind: 'queue',
    key: 'sales',
    genesysId: 'g-sales',
    origin: 'created',
    name: actual.name,
    live: true,
    actual: { id: 'g-sales', wrapUpCodeIds: [], ...actual },
  },
});
const won: IdMapEntry = {
  kind: 'wrapUpCode',
  key: 'won',
  genesysId: 'g-won',
  origin: 'created',
  name: 'Won',
  live: true,
  actual: { id: 'g-won', name: 'Won' },
};
const queueRefs = referring([annEntry(), won]);

describe('a queue', () => {
  it('is created, saved, and continues with its members and wrap-up codes', () => {
    given(queue(sales), queueRefs)
      .then({ type: 'genesys', call: { call: 'queue', operation: { type: 'createQueue', name: 'Sales' } } })
      .when({ type: 'object', object: { id: 'g-sales', name: 'Sales' } })
      .then({
        type: 'store',
        call: { call: 'saveIdMap', entry: { key: 'sales', genesysId: 'g-sales', live: true } },
      })
      .when(ok)
      .then({ type: 'store', call: { call: 'readManagedIds', userIds: [], wrapUpCodeIds: [] } })
      .when(noIds)
      .then({
        type: 'genesys',
        call: { id: 'g-sales', operation: { type: 'addQueueMembers', userIds: ['g-ann'] } },
      })
      .when(ok)
      .then({ type: 'store', call: { call: 'saveIdMap', entry: { actual: { memberIds: ['g-ann'] } } } })
      .when(ok)
      .then({
        type: 'genesys',
        call: { operation: { type: 'addQueueWrapUpCodes', wrapUpCodeIds: ['g-won'] } },
      })
      .when(ok)
      .when(ok)
      .then({ type: 'done', status: { status: 'synced', genesysId: 'g-sales' }, synchronized: true });
  });

  it('is adopted on 409 with its members listed a page at a time', () => {
    given(queue(sales), queueRefs)
      .when(failed('conflict'))
      .then({ type: 'genesys', call: { call: 'findQueue', name: 'Sales' } })
      .when({ type: 'object', object: { id: 'g-sales', name: 'Sales' } })
      .then({ type: 'genesys', call: { call: 'listQueueMembers', queueId: 'g-sales', page: 1 } })
      .when({ type: 'page', items: ['g-bob'], more: true })
      .then({ type: 'genesys', call: { call: 'listQueueMembers', page: 2 } })
      .when({ type: 'page', items: ['g-ann'], more: false })
      .then({ type: 'genesys', call: { call: 'listQueueWrapUpCodes', queueId: 'g-sales', page: 1 } })
      .when({ type: 'page', items: ['g-won'], more: false })
      .then({
        type: 'store',
        call: {
          call: 'saveIdMap',
          entry: { origin: 'adopted', actual: { memberIds: ['g-bob', 'g-ann'], wrapUpCodeIds: ['g-won'] } },
        },
      })
      .when(ok)
      .then({
        type: 'store',
        call: { call: 'readManagedIds', userIds: ['g-bob', 'g-ann'], wrapUpCodeIds: ['g-won'] },
      })
      .when({ type: 'managedIds', ids: { userIds: new Set(['g-bob']), wrapUpCodeIds: new Set() } })
      .then({ type: 'genesys', call: { operation: { type: 'removeQueueMembers', userIds: ['g-bob'] } } });
  });

  it('waits for a member still on its way', () => {
    given(queue(sales), referring([won], ['user:ann'])).then({ type: 'wait', delayMs: DEPENDENCY_WAIT_MS });
  });

  it('is forgotten when its rename meets a 404, and the failure counted', () => {
    given(queue(sales, { name: 'Old sales', memberIds: ['g-ann'] }), queueRefs)
      .when(noIds)
      .then({ type: 'genesys', call: { operation: { type: 'renameQueue', name: 'Sales' } } })
      .when(failed('notFound'))
      .then({ type: 'store', call: { call: 'forgetIdMap', kind: 'queue', key: 'sales' } })
      .when(ok)
      .then({ type: 'fail', failure: { kind: 'notFound' } });
  });

  it('fails with any other failure as it is', () => {
    given(queue(sales, { name: 'Sales', memberIds: [] }), queueRefs)
      .when(noIds)
      .when(failed('unavailable'))
      .then({ type: 'fail', failure: { kind: 'unavailable' } });
  });

  it('is deleted, its entry kept as not live, and a confirmed pause ended', () => {
    given(queue(undefined, { name: 'Sales', memberIds: [] }))
      .when(facts({}))
      .then({ type: 'genesys', call: { id: 'g-sales', operation: { type: 'deleteQueue' } } })
      .when(ok)
      .then({ type: 'store', call: { call: 'saveIdMap', entry: { live: false } } })
      .when(ok)
      .then({ type: 'store', call: { call: 'endConfirmedPause', kind: 'queue' } })
      .when(ok)
      .then({ type: 'done', status: { status: 'notSynced' } });
  });
});

const named = (
  kind: 'skill' | 'wrapUpCode',
  name: string | undefined,
  actualName?: string,
): DeliveryObject => ({
  kind,
  key: 'k',
  desired: name ? { present: true, document: { name } } : { present: false, reason: 'removedFromCic' },
  entry: actualName
    ? {
        kind,
        key: 'k',
        genesysId: 'g-k',
        origin: 'created',
        name: actualName,
        live: true,
        actual: { id: 'g-k', name: actualName },
      }
    : undefined,
});

describe('a skill, language or wrap-up code', () => {
  it('is created, its entry left for the batch', () => {
    given(named('skill', 'Billing'))
      .then({
        type: 'genesys',
        call: { call: 'named', kind: 'skill', operation: { type: 'createNamed', name: 'Billing' } },
      })
      .when({ type: 'object', object: { id: 'g-k', name: 'Billing' } })
      .then({
        type: 'done',
        becameLive: true,
        unsaved: { kind: 'skill', genesysId: 'g-k', origin: 'created' },
      });
  });

  it('is adopted on 409 and saved', () => {
    given(named('skill', 'Billing'))
      .when(failed('conflict'))
      .then({ type: 'genesys', call: { call: 'findNamed', kind: 'skill', name: 'Billing' } })
      .when({ type: 'object', object: { id: 'g-k', name: 'Billing' } })
      .then({ type: 'store', call: { call: 'saveIdMap', entry: { origin: 'adopted', live: true } } })
      .when(ok)
      .then({ type: 'done', becameLive: true, synchronized: true, status: { genesysId: 'g-k' } });
  });

  it('is looked up before its create when its last lease lapsed, and adopted when that create went through', () => {
    given({ ...named('skill', 'Billing'), recovered: true })
      .then({ type: 'genesys', call: { call: 'findNamed', kind: 'skill', name: 'Billing' } })
      .when({ type: 'object', object: { id: 'g-k', name: 'Billing' } })
      .then({ type: 'store', call: { call: 'saveIdMap', entry: { origin: 'adopted', live: true } } })
      .when(ok)
      .then({ type: 'done', becameLive: true, synchronized: true, status: { genesysId: 'g-k' } });
  });

  it('is synchronized when recovered and already as desired: the reconcile that died may have renamed it', () => {
    given({ ...named('wrapUpCode', 'Won', 'Won'), recovered: true }).then({
      type: 'done',
      synchronized: true,
      status: { status: 'synced', genesysId: 'g-k' },
    });
    given(named('wrapUpCode', 'Won', 'Won')).then({ type: 'done', synchronized: false });
  });

  it('is created after a recovered lookup finds nothing', () => {
    given({ ...named('skill', 'Billing'), recovered: true })
      .when({ type: 'absent' })
      .then({ type: 'genesys', call: { operation: { type: 'createNamed', name: 'Billing' } } })
      .when({ type: 'object', object: { id: 'g-k', name: 'Billing' } })
      .then({ type: 'done', becameLive: true, unsaved: { genesysId: 'g-k', origin: 'created' } });
  });

  it('renames a wrap-up code in place', () => {
    given(named('wrapUpCode', 'Won', 'Win'))
      .then({ type: 'genesys', call: { id: 'g-k', operation: { type: 'renameNamed', name: 'Won' } } })
      .when(ok)
      .then({ type: 'store', call: { call: 'saveIdMap', entry: { name: 'Won', live: true } } })
      .when(ok)
      .then({ type: 'done', becameLive: false, status: { genesysId: 'g-k' } });
  });

  it('deletes and creates a renamed skill (skills cannot be renamed)', () => {
    given(named('skill', 'Billing', 'Bill'))
      .then({ type: 'genesys', call: { id: 'g-k', operation: { type: 'deleteNamed' } } })
      .when(ok)
      .then({ type: 'store', call: { call: 'namedDeleted', entry: { name: 'Bill', live: false } } })
      .when(ok)
      .then({ type: 'genesys', call: { operation: { type: 'createNamed', name: 'Billing' } } })
      .when({ type: 'object', object: { id: 'g-k2', name: 'Billing' } })
      .then({ type: 'done', becameLive: true, unsaved: { genesysId: 'g-k2' } });
  });

  it('is deleted once no longer wanted, and a confirmed pause ended', () => {
    given(named('skill', undefined, 'Billing'))
      .when(facts({}))
      .then({ type: 'genesys', call: { operation: { type: 'deleteNamed' } } })
      .when(ok)
      .when(ok)
      .then({ type: 'store', call: { call: 'endConfirmedPause', kind: 'skill' } })
      .when(ok)
      .then({ type: 'done', status: { status: 'notSynced', reason: 'removedFromCic' } });
  });
});

const atLunch = (
  desired: DesiredSecondaryStatus | NotSyncedReason,
  actual?: ActualSecondaryStatus,
): DeliveryObject => ({
  kind: 'secondaryStatus',
  key: 'At Lunch',
  desired:
    typeof desired === 'string' ? { present: false, reason: desired } : { present: true, document: desired },
  entry: actual && {
    kind: 'secondaryStatus',
    key: 'At Lunch',
    genesysId: actual.id,
    origin: 'created',
    name: actual.name,
    live: true,
    actual,
  },
});
const lunch: DesiredSecondaryStatus = { name: 'At Lunch', systemPresence: 'Meal' };
const lunchInGenesys: ActualSecondaryStatus = { id: 'g-lunch', ...lunch };

describe('a secondary status', () => {
  it('is created under its system presence, its entry left for the batch', () => {
    given(atLunch(lunch))
      .then({
        type: 'genesys',
        call: { call: 'secondaryStatus', operation: { type: 'createSecondaryStatus', status: lunch } },
      })
      .when({ type: 'secondaryStatus', status: lunchInGenesys })
      .then({ type: 'done', becameLive: true, unsaved: { kind: 'secondaryStatus', genesysId: 'g-lunch' } });
  });

  it('is looked up by name before its create when its last lease lapsed, not created twice', () => {
    given({ ...atLunch(lunch), recovered: true })
      .then({ type: 'genesys', call: { call: 'findSecondaryStatus', name: 'At Lunch' } })
      .when({ type: 'secondaryStatus', status: lunchInGenesys })
      .then({ type: 'store', call: { call: 'saveIdMap', entry: { origin: 'adopted', live: true } } })
      .when(ok)
      .then({ type: 'done', becameLive: true, synchronized: true, status: { genesysId: 'g-lunch' } });
  });

  it('is adopted by name on 409, then updated to the system presence CIC wants', () => {
    given(atLunch(lunch))
      .when(failed('conflict'))
      .then({ type: 'genesys', call: { call: 'findSecondaryStatus', name: 'At Lunch' } })
      .when({ type: 'secondaryStatus', status: { ...lunchInGenesys, systemPresence: 'Away' } })
      .then({ type: 'store', call: { call: 'saveIdMap', entry: { origin: 'adopted', live: true } } })
      .when(ok)
      .then({
        type: 'genesys',
        call: { id: 'g-lunch', operation: { type: 'updateSecondaryStatus', status: lunch } },
      })
      .when({ type: 'secondaryStatus', status: lunchInGenesys })
      .then({ type: 'store', call: { call: 'saveIdMap', entry: { actual: lunchInGenesys } } })
      .when(ok)
      .then({ type: 'done', becameLive: true, synchronized: true, status: { genesysId: 'g-lunch' } });
  });

  it('is renamed in place', () => {
    given(atLunch({ ...lunch, name: 'Lunch break' }, lunchInGenesys))
      .then({ type: 'genesys', call: { id: 'g-lunch', operation: { type: 'updateSecondaryStatus' } } })
      .when({ type: 'secondaryStatus', status: { ...lunchInGenesys, name: 'Lunch break' } })
      .then({ type: 'store', call: { call: 'saveIdMap', entry: { name: 'Lunch break', live: true } } })
      .when(ok)
      .then({ type: 'done', synchronized: true, status: { status: 'synced', genesysId: 'g-lunch' } });
  });

  it('is deactivated, not deleted, once its status message is removed in CIC', () => {
    given(atLunch('removedFromCic', lunchInGenesys))
      .when(facts({}))
      .then({
        type: 'genesys',
        call: { id: 'g-lunch', operation: { type: 'deactivateSecondaryStatus', status: lunch } },
      })
      .when(ok)
      .then({ type: 'store', call: { call: 'saveIdMap', entry: { live: false } } })
      .when(ok)
      .then({ type: 'store', call: { call: 'endConfirmedPause', kind: 'secondaryStatus' } })
      .when(ok)
      .then({ type: 'done', status: { status: 'notSynced', reason: 'removedFromCic' } });
  });

  it('asks nothing when it matches', () => {
    given(atLunch(lunch, lunchInGenesys)).then({
      type: 'done',
      synchronized: false,
      status: { status: 'synced', genesysId: 'g-lunch' },
    });
  });
});

describe('a kind whose synchronization option is off', () => {
  const leftAlone: Expected = {
    type: 'done',
    synchronized: false,
    status: { status: 'notSynced', reason: 'syncOptionOff' },
  };

  it('leaves a live secondary status as it is, without the deletion guard or a call', () => {
    given(atLunch('syncOptionOff', lunchInGenesys)).then(leftAlone);
  });

  it('leaves a live user as it is', () => {
    given({ ...ann(undefined, annEntry()), desired: { present: false, reason: 'syncOptionOff' } }).then(
      leftAlone,
    );
  });

  it('leaves a live skill as it is', () => {
    given({
      ...named('skill', undefined, 'Billing'),
      desired: { present: false, reason: 'syncOptionOff' },
    }).then(leftAlone);
  });
});
