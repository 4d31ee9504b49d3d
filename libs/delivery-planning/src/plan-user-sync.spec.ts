import type { DesiredUser } from '@bridge/contracts';
import type { ActualUser } from './genesys-state';
import { applyUserOperation, planUserSync, userFieldsOf } from './plan-user-sync';

const ann: DesiredUser = {
  externalId: 'ann',
  userName: 'ann@example.com',
  displayName: 'Ann',
  phoneNumbers: [{ type: 'work', value: '+15550001' }],
  routingSkills: [{ key: 'billing', rating: 4 }],
  routingLanguages: [{ key: 'french', rating: 2 }],
};
const annInGenesys: ActualUser = {
  id: 'g-ann',
  active: true,
  externalId: 'ann',
  userName: 'ann@example.com',
  displayName: 'Ann',
  phoneNumbers: [{ type: 'work', value: '+15550001' }],
  routingSkills: [{ name: 'Billing', proficiency: 4 }],
  routingLanguages: [{ name: 'French', proficiency: 2 }],
};
const names: Record<string, string> = { billing: 'Billing', french: 'French' };
const lookup = { skill: (key: string) => names[key], language: (key: string) => names[key] };
const fields = (desired: DesiredUser | undefined) => desired && userFieldsOf(desired, lookup).fields;
const managed = { skills: new Set(['Billing', 'Sales']), languages: new Set(['French']) };

describe('planUserSync', () => {
  it.each<[string, DesiredUser | undefined, ActualUser | undefined, unknown[]]>([
    ['creates a user Genesys does not have', ann, undefined, [{ type: 'createUser' }]],
    ['makes no call when the user already matches', ann, annInGenesys, []],
    [
      'deactivates an active user whose desired state is absent',
      undefined,
      annInGenesys,
      [{ type: 'deactivateUser' }],
    ],
    [
      'makes no call for an absent user that is already inactive',
      undefined,
      { ...annInGenesys, active: false },
      [],
    ],
    ['makes no call for an absent user Genesys never had', undefined, undefined, []],
    [
      'reactivates an inactive user that is desired again',
      ann,
      { ...annInGenesys, active: false },
      [{ type: 'patchUser', changes: { active: true } }],
    ],
    [
      'patches only the display name when only it changed',
      { ...ann, displayName: 'Ann B.' },
      annInGenesys,
      [{ type: 'patchUser', changes: { displayName: 'Ann B.' } }],
    ],
    [
      'patches skills when a rating changed',
      { ...ann, routingSkills: [{ key: 'billing', rating: 5 }] },
      annInGenesys,
      [{ type: 'patchUser', changes: { routingSkills: [{ name: 'Billing', proficiency: 5 }] } }],
    ],
    [
      'ignores the order of phones and skills',
      {
        ...ann,
        phoneNumbers: [
          { type: 'mobile', value: '2' },
          { type: 'work', value: '1' },
        ],
      },
      {
        ...annInGenesys,
        phoneNumbers: [
          { type: 'work', value: '1' },
          { type: 'mobile', value: '2' },
        ],
      },
      [],
    ],
    [
      'keeps a skill the bridge does not manage',
      ann,
      {
        ...annInGenesys,
        routingSkills: [
          { name: 'Billing', proficiency: 4 },
          { name: 'Foreign', proficiency: 1 },
        ],
      },
      [],
    ],
    [
      'removes a managed skill that is no longer desired',
      { ...ann, routingSkills: [] },
      annInGenesys,
      [{ type: 'patchUser', changes: { routingSkills: [] } }],
    ],
    [
      'moves a skill that became a language in one patch',
      {
        ...ann,
        routingSkills: [],
        routingLanguages: [
          { key: 'french', rating: 2 },
          { key: 'billing', rating: 4 },
        ],
      },
      annInGenesys,
      [
        {
          type: 'patchUser',
          changes: {
            routingSkills: [],
            routingLanguages: [
              { name: 'French', proficiency: 2 },
              { name: 'Billing', proficiency: 4 },
            ],
          },
        },
      ],
    ],
  ])('%s', (_behaviour, desired, actual, expected) => {
    expect(planUserSync(fields(desired), actual, managed)).toMatchObject(expected);
  });

  it.each<[string, ActualUser | undefined, unknown[]]>([
    ['deletes an active user whose desired state is absent', annInGenesys, [{ type: 'deleteUser' }]],
    [
      'deletes a user deactivated before deletion was chosen',
      { ...annInGenesys, active: false },
      [{ type: 'deleteUser' }],
    ],
    ['makes no call for a user Genesys does not have', undefined, []],
  ])('with hard deletion, %s', (_behaviour, actual, expected) => {
    expect(planUserSync(undefined, actual, managed, 'delete')).toEqual(expected);
    expect(planUserSync(fields(ann), actual, managed, 'delete')).toEqual(
      planUserSync(fields(ann), actual, managed),
    );
  });

  it('creates the user with every field of the document', () => {
    expect(planUserSync(fields(ann), undefined)).toEqual([
      {
        type: 'createUser',
        user: {
          externalId: 'ann',
          userName: 'ann@example.com',
          displayName: 'Ann',
          phoneNumbers: [{ type: 'work', value: '+15550001' }],
          routingSkills: [{ name: 'Billing', proficiency: 4 }],
          routingLanguages: [{ name: 'French', proficiency: 2 }],
        },
      },
    ]);
  });

  it('plans nothing more once the planned operations are applied', () => {
    const desired = { ...ann, displayName: 'Ann C.', routingSkills: [] };
    let actual: ActualUser | undefined = { ...annInGenesys, active: false };
    for (const operation of planUserSync(fields(desired), actual, managed))
      actual = applyUserOperation(actual, operation, 'g-ann');
    expect(planUserSync(fields(desired), actual, managed)).toEqual([]);
  });

  it('leaves out skills not delivered yet and says which', () => {
    const desired = {
      ...ann,
      routingSkills: [
        { key: 'billing', rating: 4 },
        { key: 'vip', rating: 1 },
      ],
    };
    const { fields: resolved, unresolved } = userFieldsOf(desired, lookup);
    expect(resolved.routingSkills).toEqual([{ name: 'Billing', proficiency: 4 }]);
    expect(unresolved).toEqual([{ kind: 'skill', key: 'vip' }]);
  });
});
