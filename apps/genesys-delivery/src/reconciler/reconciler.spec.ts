import type { DesiredUser } from '@bridge/contracts';
import type { ActualUser, DeliveryObject, GenesysCall, Outcome, StoreCall } from '@bridge/delivery-planning';
import { Reconciler } from './reconciler';

const desired: DesiredUser = {
  externalId: 'ann',
  userName: 'ann@example.com',
  displayName: 'Ann',
  phoneNumbers: [],
  routingSkills: [],
  routingLanguages: [],
};
const inGenesys: ActualUser = {
  id: 'g-ann',
  active: true,
  ...desired,
  routingSkills: [],
  routingLanguages: [],
};
const ann: DeliveryObject = {
  kind: 'user',
  key: 'ann',
  desired: { present: true, document: desired },
  entry: undefined,
};

/** A reconciler on fake ports that answer from lists and record each call. */
function given(genesysAnswers: Outcome[], storeAnswers: Outcome[] = []) {
  const calls: string[] = [];
  const sent: GenesysCall[] = [];
  const reconciler = new Reconciler(
    {
      genesys: {
        run: async (call: GenesysCall) => {
          calls.push(`genesys ${call.call}`);
          sent.push(call);
          return genesysAnswers.shift() ?? { type: 'ok' };
        },
      },
      store: {
        run: async (call: StoreCall) => {
          calls.push(`store ${call.call}`);
          return storeAnswers.shift() ?? { type: 'ok' };
        },
        references: async () => ({ live: () => undefined, pending: () => false }),
        managedNames: async () => {
          calls.push('store managedNames');
          return { skills: new Set(['Billing']), languages: new Set<string>() };
        },
      },
    },
    { guard: { maxShare: 0.2, minCount: 2 }, userRemoval: 'deactivate' },
  );
  return { reconciler, calls, sent };
}

it('creates a user with one call and leaves its id map entry to the batch', async () => {
  const { reconciler, calls } = given([{ type: 'user', user: inGenesys }]);
  const step = await reconciler.reconcile(ann, await reconciler.references([ann]));
  expect(calls).toEqual(['genesys user']);
  expect(step).toMatchObject({ type: 'done', becameLive: true, unsaved: { genesysId: 'g-ann' } });
});

it('adopts the user on 409: looks it up, saves it, and plans against what it found', async () => {
  const conflict: Outcome = {
    type: 'failed',
    failure: { kind: 'conflict', status: 409, code: 'conflict', message: 'exists' },
  };
  const { reconciler, calls } = given(
    [conflict, { type: 'user', user: inGenesys }],
    [{ type: 'ok' }, { type: 'managedNames', names: { skills: new Set(), languages: new Set() } }],
  );
  const step = await reconciler.reconcile(ann, await reconciler.references([ann]));
  expect(calls).toEqual(['genesys user', 'genesys findUser', 'store saveIdMap', 'store readManagedNames']);
  expect(step).toMatchObject({ type: 'done', becameLive: true, synchronized: true });
});

it('reads the managed names beside the references of a batch with a known user, and plans with them', async () => {
  const known: DeliveryObject = {
    ...ann,
    entry: {
      kind: 'user',
      key: 'ann',
      genesysId: 'g-ann',
      origin: 'created',
      name: 'ann@example.com',
      live: true,
      actual: { ...inGenesys, displayName: 'Ann Old', routingSkills: [{ name: 'Billing', proficiency: 3 }] },
    },
  };
  const { reconciler, calls, sent } = given(
    [{ type: 'user', user: inGenesys }],
    [{ type: 'holds', holds: true }],
  );
  const step = await reconciler.reconcile(known, await reconciler.references([known]));
  // No read of its own between the batch's and the call; the managed skill it no longer has is removed.
  expect(calls).toEqual(['store managedNames', 'genesys user', 'store userPatched']);
  expect(sent[0]).toMatchObject({
    call: 'user',
    operation: { type: 'patchUser', changes: { displayName: 'Ann', routingSkills: [] } },
  });
  expect(step).toMatchObject({ type: 'done', synchronized: true });
});
