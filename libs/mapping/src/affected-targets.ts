import type { CicEvent, CicSkillAssignment } from '@bridge/contracts';
import { emailKeyOf, type CicState } from './cic-state';
import type { Target } from './target';

/**
 * The targets whose desired state an event may change, read from the state BEFORE the event is applied, so one
 * change recomputes only what it touches: a membership change touches one queue (and the added or removed
 * users' inherited skills), a skill rename touches only the skill, a Treat-as-Language toggle touches the skill,
 * the language and every holder. A superset is safe (unchanged documents are not republished); a missing target
 * is a bug, which the tests check against the full recompute.
 */
export function affectedTargets(before: CicState, event: CicEvent): Target[] {
  const targets = new TargetSet();
  switch (event.type) {
    case 'CicUserChanged': {
      const user = event.data.user;
      targets.add('user', user.id);
      const previous = before.users.get(user.id);
      const oldKey = previous && emailKeyOf(previous);
      const newKey = emailKeyOf(user);
      // Only an email change can change who is synced: the user itself, and whoever shares the old or the new
      // email (the next in line inherits an email its holder gives up). Their queues' members change with them.
      if (oldKey !== newKey)
        addUsersWithQueues(before, targets, [user.id, ...claimants(before, oldKey, newKey)]);
      break;
    }
    case 'CicUserRemoved': {
      const previous = before.users.get(event.data.id);
      const key = previous && emailKeyOf(previous);
      targets.add('user', event.data.id);
      if (key !== undefined) addUsersWithQueues(before, targets, claimants(before, key));
      break;
    }
    case 'CicWorkgroupChanged': {
      const after = event.data.workgroup;
      const previous = before.workgroups.get(after.id);
      targets.add('queue', after.id);
      const oldMembers = new Set(previous?.members ?? []);
      const newMembers = new Set(after.members);
      if (!sameSkills(previous?.skills ?? [], after.skills)) {
        targets.addAll('user', [...oldMembers, ...newMembers]);
      } else if (after.skills.length > 0) {
        // Same skills: only users who joined or left inherit differently.
        targets.addAll(
          'user',
          [...oldMembers].filter((id) => !newMembers.has(id)),
        );
        targets.addAll(
          'user',
          [...newMembers].filter((id) => !oldMembers.has(id)),
        );
      }
      break;
    }
    case 'CicWorkgroupRemoved': {
      const previous = before.workgroups.get(event.data.id);
      targets.add('queue', event.data.id);
      if (previous && previous.skills.length > 0) targets.addAll('user', previous.members);
      break;
    }
    case 'CicSkillChanged': {
      const skill = event.data.skill;
      targets.add('skill', skill.id);
      targets.add('language', skill.id);
      // A rename changes the skill document only: users reference skills by key.
      if (before.skills.get(skill.id)?.treatAsLanguage !== skill.treatAsLanguage) {
        targets.addAll('user', holders(before, skill.id));
      }
      break;
    }
    case 'CicSkillRemoved':
      targets.add('skill', event.data.id);
      targets.add('language', event.data.id);
      if (before.skills.has(event.data.id)) targets.addAll('user', holders(before, event.data.id));
      break;
    case 'CicWrapUpCodeChanged':
      targets.add('wrapUpCode', event.data.wrapUpCode.id);
      if (!before.wrapUpCodes.has(event.data.wrapUpCode.id)) {
        targets.addAll('queue', before.workgroupsWithWrapUpCode.get(event.data.wrapUpCode.id) ?? []);
      }
      break;
    case 'CicWrapUpCodeRemoved':
      targets.add('wrapUpCode', event.data.id);
      if (before.wrapUpCodes.has(event.data.id)) {
        targets.addAll('queue', before.workgroupsWithWrapUpCode.get(event.data.id) ?? []);
      }
      break;
  }
  return targets.list();
}

function claimants(state: CicState, ...keys: (string | undefined)[]): string[] {
  return keys.flatMap((key) => (key === undefined ? [] : (state.usersByEmail.get(key) ?? [])));
}

function addUsersWithQueues(state: CicState, targets: TargetSet, userIds: readonly string[]): void {
  for (const id of userIds) {
    targets.add('user', id);
    targets.addAll('queue', state.workgroupsOfUser.get(id) ?? []);
  }
}

/** Users holding a skill directly or through any workgroup. */
function holders(state: CicState, skillId: string): Set<string> {
  const users = new Set(state.usersWithSkill.get(skillId) ?? []);
  for (const workgroupId of state.workgroupsWithSkill.get(skillId) ?? []) {
    for (const member of state.workgroups.get(workgroupId)?.members ?? []) users.add(member);
  }
  return users;
}

function sameSkills(a: readonly CicSkillAssignment[], b: readonly CicSkillAssignment[]): boolean {
  if (a.length !== b.length) return false;
  const byId = new Map(a.map((skill) => [skill.skillId, skill.proficiency]));
  return b.every((skill) => byId.get(skill.skillId) === skill.proficiency);
}

class TargetSet {
  private readonly seen = new Set<string>();
  private readonly targets: Target[] = [];

  add(kind: Target['kind'], key: string): void {
    const id = `${kind}:${key}`;
    if (this.seen.has(id)) return;
    this.seen.add(id);
    this.targets.push({ kind, key });
  }

  addAll(kind: Target['kind'], keys: Iterable<string>): void {
    for (const key of keys) this.add(kind, key);
  }

  list(): Target[] {
    return this.targets;
  }
}
