import { desiredSkill, desiredWrapUpCode } from './named-object-mapping';
import { aSkill, aWrapUpCode, given, skillChanged, wrapUpCodeChanged } from './test-support/builders';

describe('desired skill and language', () => {
  it('makes a plain skill an ACD skill, and says why it is no language', () => {
    const state = given(skillChanged(aSkill('Billing', { displayName: 'Billing Level 2' })));
    expect(desiredSkill(state, 'Billing', 'skill')).toEqual({
      key: 'Billing',
      state: 'present',
      document: { name: 'Billing Level 2' },
    });
    expect(desiredSkill(state, 'Billing', 'language')).toEqual({
      key: 'Billing',
      state: 'absent',
      reason: 'notTreatedAsLanguage',
    });
  });

  it('makes a Treat-as-Language skill a routing language, named by its id when it has no display name', () => {
    const state = given(skillChanged(aSkill('Spanish', { treatAsLanguage: true })));
    expect(desiredSkill(state, 'Spanish', 'language')).toEqual({
      key: 'Spanish',
      state: 'present',
      document: { name: 'Spanish' },
    });
    expect(desiredSkill(state, 'Spanish', 'skill')).toEqual({
      key: 'Spanish',
      state: 'absent',
      reason: 'treatedAsLanguage',
    });
  });

  it('says a deleted skill was removed from both categories', () => {
    expect(desiredSkill(given(), 'X', 'skill')).toMatchObject({ state: 'absent', reason: 'removedFromCic' });
    expect(desiredSkill(given(), 'X', 'language')).toMatchObject({
      state: 'absent',
      reason: 'removedFromCic',
    });
  });
});

describe('desired wrap-up code', () => {
  it('carries the name only', () => {
    const state = given(wrapUpCodeChanged(aWrapUpCode('SOLD', { displayName: 'Sold' })));
    expect(desiredWrapUpCode(state, 'SOLD')).toEqual({
      key: 'SOLD',
      state: 'present',
      document: { name: 'Sold' },
    });
    expect(desiredWrapUpCode(given(), 'SOLD')).toEqual({
      key: 'SOLD',
      state: 'absent',
      reason: 'removedFromCic',
    });
  });
});
