import type { CicSkill, CicUser, CicWorkgroup, CicWrapUpCode } from '@bridge/contracts';
import type { CicEvent } from './cic-event';

/**
 * What CIC told us, by id, with the reverse indexes the incremental mapping needs (who holds a skill, which
 * workgroups a user is in). Indexes may name ids the projection has not seen yet: a workgroup can list a member
 * before that user's own event arrives, and the mapping simply finds no user there.
 */
export interface CicState {
  readonly users: Map<string, CicUser>;
  readonly workgroups: Map<string, CicWorkgroup>;
  readonly skills: Map<string, CicSkill>;
  readonly wrapUpCodes: Map<string, CicWrapUpCode>;
  /** user id → ids of the workgroups listing it as a member */
  readonly workgroupsOfUser: Map<string, Set<string>>;
  /** skill id → ids of the users holding it directly */
  readonly usersWithSkill: Map<string, Set<string>>;
  /** skill id → ids of the workgroups holding it */
  readonly workgroupsWithSkill: Map<string, Set<string>>;
  /** wrap-up code id → ids of the workgroups offering it */
  readonly workgroupsWithWrapUpCode: Map<string, Set<string>>;
}

export function initialCicState(): CicState {
  return {
    users: new Map(),
    workgroups: new Map(),
    skills: new Map(),
    wrapUpCodes: new Map(),
    workgroupsOfUser: new Map(),
    usersWithSkill: new Map(),
    workgroupsWithSkill: new Map(),
    workgroupsWithWrapUpCode: new Map(),
  };
}

/**
 * Applies one CIC event. CIC events carry the object's whole state, so applying the same event twice is
 * harmless. The state is updated in place and returned: copying maps of 10,000 users on every event would make
 * the initial sync quadratic, and the projection is the only owner of its state. Callers that need the state
 * before the event (affectedTargets) read it first.
 */
export function evolve(state: CicState, event: CicEvent): CicState {
  switch (event.type) {
    case 'CicUserChanged':
      unindexUser(state, event.data.user.id);
      state.users.set(event.data.user.id, event.data.user);
      for (const skill of event.data.user.skills)
        add(state.usersWithSkill, skill.skillId, event.data.user.id);
      return state;
    case 'CicUserRemoved':
      unindexUser(state, event.data.id);
      state.users.delete(event.data.id);
      return state;
    case 'CicWorkgroupChanged': {
      const workgroup = event.data.workgroup;
      unindexWorkgroup(state, workgroup.id);
      state.workgroups.set(workgroup.id, workgroup);
      for (const member of workgroup.members) add(state.workgroupsOfUser, member, workgroup.id);
      for (const skill of workgroup.skills) add(state.workgroupsWithSkill, skill.skillId, workgroup.id);
      for (const code of workgroup.wrapUpCodes) add(state.workgroupsWithWrapUpCode, code, workgroup.id);
      return state;
    }
    case 'CicWorkgroupRemoved':
      unindexWorkgroup(state, event.data.id);
      state.workgroups.delete(event.data.id);
      return state;
    case 'CicSkillChanged':
      state.skills.set(event.data.skill.id, event.data.skill);
      return state;
    case 'CicSkillRemoved':
      state.skills.delete(event.data.id);
      return state;
    case 'CicWrapUpCodeChanged':
      state.wrapUpCodes.set(event.data.wrapUpCode.id, event.data.wrapUpCode);
      return state;
    case 'CicWrapUpCodeRemoved':
      state.wrapUpCodes.delete(event.data.id);
      return state;
  }
}

function unindexUser(state: CicState, userId: string): void {
  for (const skill of state.users.get(userId)?.skills ?? [])
    remove(state.usersWithSkill, skill.skillId, userId);
}

function unindexWorkgroup(state: CicState, workgroupId: string): void {
  const previous = state.workgroups.get(workgroupId);
  if (!previous) return;
  for (const member of previous.members) remove(state.workgroupsOfUser, member, workgroupId);
  for (const skill of previous.skills) remove(state.workgroupsWithSkill, skill.skillId, workgroupId);
  for (const code of previous.wrapUpCodes) remove(state.workgroupsWithWrapUpCode, code, workgroupId);
}

function add(index: Map<string, Set<string>>, key: string, value: string): void {
  const set = index.get(key);
  if (set) set.add(value);
  else index.set(key, new Set([value]));
}

function remove(index: Map<string, Set<string>>, key: string, value: string): void {
  const set = index.get(key);
  if (!set) return;
  set.delete(value);
  if (set.size === 0) index.delete(key);
}
