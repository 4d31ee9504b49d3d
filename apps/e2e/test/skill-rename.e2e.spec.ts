import { canonical } from './support/expected-org';
import { startSyncSystem, type SyncSystem } from './support/sync-system';

/**
 * A skill renamed in CIC is a new Genesys skill (skill names cannot change there): its users must get the new one,
 * whether the rename comes at once after a new user got the skill, before the user, or after the user is synced.
 */
const CENTER = { users: 2, workgroups: 1, skills: 1, wrapups: 1, seed: 3 };

let system: SyncSystem;

beforeAll(async () => {
  system = await startSyncSystem({ label: 'skill-rename', center: CENTER });
  await converge();
}, 120_000);

afterAll(async () => {
  await system?.stop();
});

const skillPath = (id: string) => `/sim/skills/${encodeURIComponent(id)}`;

async function converge(): Promise<void> {
  const { expected, actual } = await system.converged(20_000);
  expect(canonical(actual)).toEqual(canonical(expected));
}

async function newUserWithSkill(round: string, skill: string): Promise<void> {
  await system.cicCall('/sim/users', 'POST', {
    id: `rename.${round}`,
    businessEmail: `rename.${round}@e2e.example`,
    skills: [{ skillId: skill, proficiency: 50, desireToUse: 0 }],
  });
}

it.each(['a', 'b', 'c'])(
  'gives a new user the renamed skill when the rename follows at once (%s)',
  async (round) => {
    const skill = `Rename Skill ${round}`;
    await system.cicCall('/sim/skills', 'POST', { id: skill });
    await newUserWithSkill(round, skill);
    await system.cicCall(skillPath(skill), 'PATCH', { displayName: `${skill} renamed` });
    await converge();
  },
  30_000,
);

it('gives a new user the renamed skill when the rename comes before the user', async () => {
  const skill = 'Rename Skill before';
  await system.cicCall('/sim/skills', 'POST', { id: skill });
  await system.cicCall(skillPath(skill), 'PATCH', { displayName: `${skill} renamed` });
  await newUserWithSkill('before', skill);
  await converge();
}, 30_000);

it('gives a synced user the renamed skill', async () => {
  const skill = 'Rename Skill after';
  await system.cicCall('/sim/skills', 'POST', { id: skill });
  await newUserWithSkill('after', skill);
  await converge();
  await system.cicCall(skillPath(skill), 'PATCH', { displayName: `${skill} renamed` });
  await converge();
}, 60_000);
