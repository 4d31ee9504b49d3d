import type { ActualQueue } from './genesys-state';
import { applyQueueOperation, planQueueSync, type ResolvedQueue } from './plan-queue-sync';
import { planNamedObjectSync } from './plan-named-object-sync';

const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
const managed = {
  userIds: new Set(['u1', 'u2', 'u3', ...ids('m', 250)]),
  wrapUpCodeIds: new Set(['c1', 'c2']),
};
const support: ResolvedQueue = { name: 'Support', memberIds: ['u1', 'u2'], wrapUpCodeIds: ['c1'] };
const supportInGenesys: ActualQueue = {
  id: 'q1',
  name: 'Support',
  memberIds: ['u1', 'u2'],
  wrapUpCodeIds: ['c1'],
};

describe('planQueueSync', () => {
  it.each<[string, ResolvedQueue | undefined, ActualQueue | undefined, unknown[]]>([
    [
      'creates a queue, then adds its members and wrap-up codes',
      support,
      undefined,
      [
        { type: 'createQueue', name: 'Support' },
        { type: 'addQueueMembers', userIds: ['u1', 'u2'] },
        { type: 'addQueueWrapUpCodes', wrapUpCodeIds: ['c1'] },
      ],
    ],
    ['makes no call when the queue matches', support, supportInGenesys, []],
    ['deletes a queue whose desired state is absent', undefined, supportInGenesys, [{ type: 'deleteQueue' }]],
    ['makes no call for an absent queue Genesys never had', undefined, undefined, []],
    [
      'renames a queue',
      { ...support, name: 'Support EU' },
      supportInGenesys,
      [{ type: 'renameQueue', name: 'Support EU' }],
    ],
    [
      'adds and removes only the members that differ',
      { ...support, memberIds: ['u2', 'u3'] },
      supportInGenesys,
      [
        { type: 'addQueueMembers', userIds: ['u3'] },
        { type: 'removeQueueMembers', userIds: ['u1'] },
      ],
    ],
    [
      'leaves members the bridge does not manage',
      support,
      { ...supportInGenesys, memberIds: ['u1', 'u2', 'foreign'] },
      [],
    ],
    [
      'removes a managed wrap-up code, one call per code',
      { ...support, wrapUpCodeIds: [] },
      { ...supportInGenesys, wrapUpCodeIds: ['c1', 'c2', 'foreign'] },
      [
        { type: 'removeQueueWrapUpCode', wrapUpCodeId: 'c1' },
        { type: 'removeQueueWrapUpCode', wrapUpCodeId: 'c2' },
      ],
    ],
  ])('%s', (_behaviour, desired, actual, expected) => {
    expect(planQueueSync(desired, actual, managed)).toEqual(expected);
  });

  it('adds 250 members in bulk calls of at most 100', () => {
    const plan = planQueueSync({ ...support, memberIds: ids('m', 250) }, supportInGenesys, managed);
    const adds = plan.flatMap((op) => (op.type === 'addQueueMembers' ? [op.userIds.length] : []));
    const removes = plan.flatMap((op) => (op.type === 'removeQueueMembers' ? [op.userIds.length] : []));
    expect(adds).toEqual([100, 100, 50]);
    expect(removes).toEqual([2]);
  });

  it('plans nothing more once the planned operations are applied', () => {
    const desired = { name: 'Sales', memberIds: ids('m', 120), wrapUpCodeIds: ['c2'] };
    let actual: ActualQueue | undefined = supportInGenesys;
    for (const operation of planQueueSync(desired, actual, managed))
      actual = applyQueueOperation(actual, operation, 'q1');
    expect(planQueueSync(desired, actual, managed)).toEqual([]);
  });
});

describe('planNamedObjectSync', () => {
  it.each([
    ['skill', { name: 'Billing' }, undefined, [{ type: 'createNamed', name: 'Billing' }]],
    ['skill', { name: 'Billing' }, { id: 's1', name: 'Billing' }, []],
    ['skill', undefined, { id: 's1', name: 'Billing' }, [{ type: 'deleteNamed' }]],
    ['language', undefined, undefined, []],
    [
      'wrapUpCode',
      { name: 'Sale made' },
      { id: 'c1', name: 'Sale' },
      [{ type: 'renameNamed', name: 'Sale made' }],
    ],
    [
      'language',
      { name: 'German' },
      { id: 'l1', name: 'Deutsch' },
      [{ type: 'deleteNamed' }, { type: 'createNamed', name: 'German' }],
    ],
  ] as const)('%s %j against %j plans %j', (kind, desired, actual, expected) => {
    expect(planNamedObjectSync(kind, desired, actual)).toEqual(expected);
  });
});
