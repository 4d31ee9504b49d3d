import {
  cicObjectOf,
  emailKey,
  userEmailOf,
  type CicEvent,
  type CicSkill,
  type CicUser,
  type CicWorkgroup,
  type CicWrapUpCode,
} from '@bridge/contracts';

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
  /**
   * email key → ids of the users with that usable business email, in the order they took it. Genesys Cloud has
   * one user per email, so the first claimant keeps it and the others are "not synced: duplicateBusinessEmail".
   * First come rather than, say, lowest id: a newcomer's typo must not take a working agent's Genesys user away.
   * The order is the order of the claiming events in the CIC log (their positions), not the order they were
   * applied in: a broker redelivers an event late, behind later ones, and the holder must still be the one a
   * rebuild from the CIC stream picks.
   */
  readonly usersByEmail: Map<string, string[]>;
  /** user id → the log position of the event with which it claimed its current email */
  readonly emailClaimedAt: Map<string, number>;
  /**
   * `<kind>:<id>` → the log position of the last event applied to that object, removals included: an older event
   * of the object that a broker redelivers late, behind it, must not bring back its older state.
   */
  readonly appliedAt: Map<string, number>;
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
    usersByEmail: new Map(),
    emailClaimedAt: new Map(),
    appliedAt: new Map(),
  };
}

/**
 * Applies one CIC event. CIC events carry the object's whole state, so applying the same event twice is
 * harmless. The state is updated in place and returned: copying maps of 10,000 users on every event would make
 * the initial sync quadratic, and the projection is the only owner of its state. Callers that need the state
 * before the event (affectedTargets) read it first. `position` is the event's place in the CIC log (its stream
 * sequence): where the order of events decides (who holds a shared email), the log's order counts, not the
 * order of application, and an event older than one already applied to its object changes nothing.
 */
export function evolve(state: CicState, event: CicEvent, position: number): CicState {
  const { kind, id } = cicObjectOf(event);
  const object = `${kind}:${id}`;
  if ((state.appliedAt.get(object) ?? -Infinity) > position) return state;
  state.appliedAt.set(object, position);
  return applyEvent(state, event, position);
}

function applyEvent(state: CicState, event: CicEvent, position: number): CicState {
  switch (event.type) {
    case 'CicUserChanged':
      unindexUser(state, event.data.user.id);
      claimEmail(state, event.data.user.id, emailKeyOf(event.data.user), position);
      state.users.set(event.data.user.id, event.data.user);
      for (const skill of event.data.user.skills)
        add(state.usersWithSkill, skill.skillId, event.data.user.id);
      return state;
    case 'CicUserRemoved':
      unindexUser(state, event.data.id);
      claimEmail(state, event.data.id, undefined, position);
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

/** The key of the email a user is synced under (userEmailOf), or undefined when it has none. */
export function emailKeyOf(user: CicUser): string | undefined {
  const email = userEmailOf(user);
  return email.ok ? emailKey(email.email) : undefined;
}

/**
 * Moves the user's claim to `key`, placed among the other claimants by the log position of the claiming event; a
 * user keeping the same email keeps its place in the line.
 */
function claimEmail(state: CicState, userId: string, key: string | undefined, position: number): void {
  const previous = state.users.get(userId);
  const previousKey = previous ? emailKeyOf(previous) : undefined;
  if (previousKey === key) return;
  if (previousKey !== undefined) {
    const claimants = (state.usersByEmail.get(previousKey) ?? []).filter((id) => id !== userId);
    if (claimants.length > 0) state.usersByEmail.set(previousKey, claimants);
    else state.usersByEmail.delete(previousKey);
  }
  if (key === undefined) {
    state.emailClaimedAt.delete(userId);
    return;
  }
  state.emailClaimedAt.set(userId, position);
  const claimants = state.usersByEmail.get(key);
  // Nearly every email has one claimant, and there is one list per synced user: a literal holds exactly it,
  // where splicing into an empty array reserves room for many more.
  if (!claimants) {
    state.usersByEmail.set(key, [userId]);
    return;
  }
  const later = claimants.findIndex((id) => (state.emailClaimedAt.get(id) ?? Infinity) > position);
  claimants.splice(later === -1 ? claimants.length : later, 0, userId);
  state.usersByEmail.set(key, claimants);
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
