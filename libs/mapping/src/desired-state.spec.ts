import { canonicalJson } from '@bridge/contracts';
import { desiredStateOf, needsPublishing } from './desired-state';
import { defaultMappingRules } from './mapping-rules';
import {
  aCicUser,
  aSkill,
  aWorkgroup,
  given,
  skillChanged,
  userChanged,
  workgroupChanged,
} from './test-support/builders';

describe('synchronization options', () => {
  const state = given(
    skillChanged(aSkill('Billing')),
    workgroupChanged(aWorkgroup('Sales')),
    userChanged(aCicUser('ann')),
  );

  it('leaves users synced and says the option is off for platform objects when only users are synced', () => {
    const rules = { ...defaultMappingRules, syncPlatformObjects: false };
    expect(desiredStateOf(state, { kind: 'user', key: 'ann' }, rules)).toMatchObject({ state: 'present' });
    for (const target of [
      { kind: 'queue', key: 'Sales' },
      { kind: 'skill', key: 'Billing' },
      { kind: 'language', key: 'Billing' },
    ] as const)
      expect(desiredStateOf(state, target, rules)).toEqual({
        key: target.key,
        state: 'absent',
        reason: 'syncOptionOff',
      });
  });

  it('says the option is off for users when Sync User Objects is', () => {
    const rules = { ...defaultMappingRules, syncUsers: false, syncPlatformObjects: false };
    expect(desiredStateOf(state, { kind: 'user', key: 'ann' }, rules)).toEqual({
      key: 'ann',
      state: 'absent',
      reason: 'syncOptionOff',
    });
  });
});

describe('needsPublishing', () => {
  const present = { key: 'u', state: 'present', document: { name: 'Sales' } } as const;

  it('publishes a new present document and a new "not synced" reason the admin should see', () => {
    expect(needsPublishing(present, undefined)).toBe(true);
    expect(needsPublishing({ key: 'u', state: 'absent', reason: 'noBusinessEmail' }, undefined)).toBe(true);
    expect(needsPublishing({ key: 'w', state: 'absent', reason: 'systemWorkgroup' }, undefined)).toBe(true);
  });

  it.each(['removedFromCic', 'treatedAsLanguage', 'notTreatedAsLanguage', 'systemPresenceOnly'] as const)(
    'does not announce %s for a target never published (nothing to delete)',
    (reason) => {
      expect(needsPublishing({ key: 's', state: 'absent', reason }, undefined)).toBe(false);
    },
  );

  it('republishes only what differs from the last publication, whatever its key order', () => {
    expect(needsPublishing(present, '{"document":{"name":"Sales"},"key":"u","state":"present"}')).toBe(false);
    expect(
      needsPublishing(present, canonicalJson({ state: 'present', document: { name: 'Sales' }, key: 'u' })),
    ).toBe(false);
    expect(needsPublishing(present, canonicalJson({ ...present, document: { name: 'Sale' } }))).toBe(true);
    expect(
      needsPublishing({ key: 'u', state: 'absent', reason: 'removedFromCic' }, canonicalJson(present)),
    ).toBe(true);
  });
});
