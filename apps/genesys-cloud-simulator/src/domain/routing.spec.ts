import { ApiError } from './api-error';
import { scaledClock } from './clock';
import { newOrg } from './org-state';
import { pageRequest } from './paging';
import {
  addQueueWrapupCodes,
  bulkQueueMembers,
  bulkUserSkills,
  createLanguage,
  createQueue,
  createSkill,
  createWrapupCode,
  deleteSkill,
  listQueueMembers,
  listSkills,
  patchUserLanguages,
} from './routing';
import { createScimUser } from './scim-users';

const clock = scaledClock(1);
const fails = (fn: () => unknown): ApiError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof ApiError) return error;
  }
  throw new Error('expected an ApiError');
};

function givenOrg() {
  const org = newOrg('test');
  const user = createScimUser(org, clock, { userName: 'ann@example.com', displayName: 'Ann' });
  return { org, user };
}

describe('routing rules', () => {
  it('answers 409 to a duplicate name, case-insensitively, and frees the name of a deleted skill', () => {
    const { org } = givenOrg();
    createQueue(org, clock, { name: 'Support' });
    expect(fails(() => createQueue(org, clock, { name: 'support' })).status).toBe(409);
    const skill = createSkill(org, clock, { name: 'Billing' });
    expect(fails(() => createSkill(org, clock, { name: 'Billing' })).code).toBe('general.conflict');
    deleteSkill(org, clock, skill.id);
    expect(createSkill(org, clock, { name: 'Billing' }).name).toBe('Billing');
    createWrapupCode(org, clock, { name: 'Sale' });
    expect(fails(() => createWrapupCode(org, clock, { name: 'SALE' })).status).toBe(409);
  });

  it('limits bulk calls: 100 queue members, 100 queue wrap-up codes, 50 user languages', () => {
    const { org, user } = givenOrg();
    const queue = createQueue(org, clock, { name: 'Support' });
    const many = (n: number) => Array.from({ length: n }, () => ({ id: user.id }));
    expect(fails(() => bulkQueueMembers(org, clock, queue.id, many(101), false)).status).toBe(400);
    expect(fails(() => addQueueWrapupCodes(org, queue.id, many(101))).status).toBe(400);
    const language = createLanguage(org, clock, { name: 'French' });
    const languages = Array.from({ length: 51 }, () => ({ id: language.id, proficiency: 1 }));
    expect(fails(() => patchUserLanguages(org, clock, user.id, languages)).status).toBe(400);
  });

  it('adds and removes queue members in bulk and refuses unknown users', () => {
    const { org, user } = givenOrg();
    const queue = createQueue(org, clock, { name: 'Support' });
    expect(fails(() => bulkQueueMembers(org, clock, queue.id, [{ id: 'nobody' }], false)).status).toBe(404);
    bulkQueueMembers(org, clock, queue.id, [{ id: user.id }], false);
    expect(listQueueMembers(org, queue.id, {}, pageRequest(1, 25))).toMatchObject({
      entities: [{ id: user.id, joined: true }],
    });
    bulkQueueMembers(org, clock, queue.id, [{ id: user.id }], true);
    expect(listQueueMembers(org, queue.id, {}, pageRequest(1, 25))).toMatchObject({ entities: [] });
  });

  it('replaces user skills with bulk PUT and adds with bulk PATCH', () => {
    const { org, user } = givenOrg();
    const a = createSkill(org, clock, { name: 'A' });
    const b = createSkill(org, clock, { name: 'B' });
    bulkUserSkills(org, clock, user.id, [{ id: a.id, proficiency: 1 }], true);
    bulkUserSkills(org, clock, user.id, [{ id: b.id, proficiency: 2 }], false);
    expect([...user.skills]).toEqual([
      [a.id, 1],
      [b.id, 2],
    ]);
    bulkUserSkills(org, clock, user.id, [{ id: b.id, proficiency: 5 }], true);
    expect([...user.skills]).toEqual([[b.id, 5]]);
    expect(fails(() => bulkUserSkills(org, clock, user.id, [{ id: a.id, proficiency: 6 }], false)).code).toBe(
      'invalid.value',
    );
  });

  it('pages with the Genesys envelope and refuses page sizes over 100', () => {
    const { org } = givenOrg();
    for (const name of ['a1', 'a2', 'a3']) createSkill(org, clock, { name });
    expect(listSkills(org, { name: 'a' }, pageRequest(2, 2))).toMatchObject({
      entities: [{ name: 'a3' }],
      pageNumber: 2,
      pageSize: 2,
      total: 3,
      pageCount: 2,
      previousUri: '/api/v2/routing/skills?pageSize=2&pageNumber=1',
    });
    expect(fails(() => pageRequest(1, 101)).code).toBe('invalid.value');
  });
});
