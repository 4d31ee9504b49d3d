import { evolve, initialCicState } from './cic-state';
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
    evolve(state, workgroupChanged(aWorkgroup('A', { members: ['v'] })), 1);
    expect(state.workgroupsOfUser.get('u')).toBeUndefined();
    expect([...(state.workgroupsOfUser.get('v') ?? [])]).toEqual(['A']);
    evolve(state, workgroupRemoved('A'), 2);
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
    evolve(state, userRemoved('u'), 2);
    expect(state.usersWithSkill.has('S')).toBe(false);
    expect(state.users.has('u')).toBe(false);
  });

  it('gives a shared email to the claim first in the log, in whatever order the events are applied', () => {
    // A broker redelivers an event late, behind later ones; the holder must be the one a rebuild picks.
    const ann = userChanged(aCicUser('ann', { businessEmail: 'desk@example.com' }));
    const bob = userChanged(aCicUser('bob', { businessEmail: 'Desk@example.com' }));
    const cat = userChanged(aCicUser('cat', { businessEmail: 'desk@example.com' }));
    const inOrder = given(ann, bob, cat);
    const late = initialCicState();
    evolve(late, cat, 2);
    evolve(late, bob, 1);
    evolve(late, ann, 0);
    expect(late.usersByEmail.get('desk@example.com')).toEqual(['ann', 'bob', 'cat']);
    expect(late.usersByEmail.get('desk@example.com')).toEqual(inOrder.usersByEmail.get('desk@example.com'));
  });

  it('keeps the newer state of an object when an older event of it arrives late', () => {
    const state = initialCicState();
    evolve(state, userChanged(aCicUser('ann', { displayName: 'Ann Newer' })), 7);
    evolve(state, userChanged(aCicUser('ann', { displayName: 'Ann Older' })), 3);
    expect(state.users.get('ann')?.displayName).toBe('Ann Newer');
    evolve(state, userRemoved('ann'), 9);
    evolve(state, userChanged(aCicUser('ann', { displayName: 'Ann Newer' })), 7);
    expect(state.users.has('ann')).toBe(false);
  });

  it('keeps a claimant in its place while its email stays, and puts it last when it comes back to it', () => {
    const state = given(
      userChanged(aCicUser('ann', { businessEmail: 'desk@example.com' })),
      userChanged(aCicUser('bob', { businessEmail: 'desk@example.com' })),
    );
    evolve(state, userChanged(aCicUser('ann', { businessEmail: 'desk@example.com', displayName: 'Ann' })), 2);
    expect(state.usersByEmail.get('desk@example.com')).toEqual(['ann', 'bob']);
    evolve(state, userChanged(aCicUser('ann', { businessEmail: 'ann@example.com' })), 3);
    evolve(state, userChanged(aCicUser('ann', { businessEmail: 'desk@example.com' })), 4);
    expect(state.usersByEmail.get('desk@example.com')).toEqual(['bob', 'ann']);
  });
});
