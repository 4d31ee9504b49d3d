import { evolve } from './cic-state';
import {
  aCicUser,
  aWorkgroup,
  given,
  userChanged,
  userRemoved,
  workgroupChanged,
  workgroupRemoved,
} from './test-support/builders';

describe('evolve', () => {
  it('keeps the latest state of each object, so a repeated event changes nothing', () => {
    const event = userChanged(aCicUser('u', { displayName: 'New' }));
    const state = given(userChanged(aCicUser('u', { displayName: 'Old' })), event, event);
    expect(state.users.get('u')?.displayName).toBe('New');
    expect(state.users.size).toBe(1);
  });

  it('follows membership from the workgroup, the one source of truth', () => {
    const state = given(workgroupChanged(aWorkgroup('A', { members: ['u', 'v'] })));
    evolve(state, workgroupChanged(aWorkgroup('A', { members: ['v'] })));
    expect(state.workgroupsOfUser.get('u')).toBeUndefined();
    expect([...(state.workgroupsOfUser.get('v') ?? [])]).toEqual(['A']);
    evolve(state, workgroupRemoved('A'));
    expect(state.workgroupsOfUser.size).toBe(0);
  });

  it('indexes who holds a skill and forgets a removed user', () => {
    const state = given(
      userChanged(aCicUser('u', { skills: [{ skillId: 'S', proficiency: 1 }] })),
      workgroupChanged(aWorkgroup('A', { skills: [{ skillId: 'S', proficiency: 1 }], wrapUpCodes: ['C'] })),
    );
    expect([...(state.usersWithSkill.get('S') ?? [])]).toEqual(['u']);
    expect([...(state.workgroupsWithSkill.get('S') ?? [])]).toEqual(['A']);
    expect([...(state.workgroupsWithWrapUpCode.get('C') ?? [])]).toEqual(['A']);
    evolve(state, userRemoved('u'));
    expect(state.usersWithSkill.has('S')).toBe(false);
    expect(state.users.has('u')).toBe(false);
  });
});
