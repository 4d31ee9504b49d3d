import type {
  CicUser,
  ContactCenterData,
  Phones,
  Skill,
  SkillAssignment,
  StatusMessage,
  UserStatus,
  Workgroup,
  WrapUpCode,
} from './model';
import { fail, ok, type Outcome } from './outcome';
import { Registry } from './registry';

/** A partial update as an admin makes it: a value sets a field, null clears it, absence leaves it alone. */
export type Patch<T> = { [K in keyof T]?: T[K] | null };
export type UserPatch = Patch<Omit<CicUser, 'id' | 'phones' | 'createdDate' | 'lastModifiedDate'>> & {
  phones?: Patch<Phones>;
};
export type WorkgroupPatch = Patch<Omit<Workgroup, 'id' | 'createdDate' | 'lastModifiedDate'>>;
export type SkillPatch = Patch<Omit<Skill, 'id' | 'createdDate' | 'lastModifiedDate'>>;
export type WrapUpCodePatch = Patch<Omit<WrapUpCode, 'id' | 'createdDate' | 'lastModifiedDate'>>;
export interface UserStatusChange {
  statusId: string;
  notes?: string | null;
  /** ISO date-time; only for a status whose definition can have a date or a time. */
  until?: string | null;
  loggedIn?: boolean;
  onPhone?: boolean;
}

/** Fields an object cannot lose: clearing them with null is refused. */
const REQUIRED = new Set([
  'password',
  'queueType',
  'isActive',
  'members',
  'skills',
  'wrapUpCodes',
  'treatAsLanguage',
]);

function applyPatch<T extends object>(target: T, patch: object): Outcome {
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (value === null) {
      if (REQUIRED.has(key)) return fail('invalid', `${key} cannot be cleared`);
      delete (target as Record<string, unknown>)[key];
    } else {
      (target as Record<string, unknown>)[key] = value;
    }
  }
  return ok();
}

/**
 * The center's state and the admin's operations on it (Interaction Administrator's rules: references must exist,
 * deleting an object removes every reference to it). Plain TypeScript; the clock is passed in.
 */
export class ContactCenter {
  readonly users = new Registry<CicUser>();
  readonly workgroups = new Registry<Workgroup>();
  readonly skills = new Registry<Skill>();
  readonly wrapUpCodes = new Registry<WrapUpCode>();
  readonly statusMessages = new Map<string, StatusMessage>();
  readonly userStatuses = new Map<string, UserStatus>();
  /** user key → workgroup keys, so a user's workgroups need no scan of every workgroup. */
  private readonly membership = new Map<string, Set<string>>();

  constructor(
    data: ContactCenterData,
    private readonly clock: () => Date = () => new Date(),
  ) {
    const copy = structuredClone(data);
    copy.skills.forEach((skill) => this.skills.set(skill));
    copy.wrapUpCodes.forEach((code) => this.wrapUpCodes.set(code));
    copy.users.forEach((user) => this.users.set(user));
    copy.workgroups.forEach((workgroup) => {
      this.workgroups.set(workgroup);
      workgroup.members.forEach((member) => this.indexMember(workgroup.id, member));
    });
    copy.statusMessages.forEach((status) => this.statusMessages.set(Registry.key(status.statusId), status));
    copy.userStatuses.forEach((status) => this.userStatuses.set(Registry.key(status.userId), status));
  }

  toData(): ContactCenterData {
    return structuredClone({
      users: this.users.values(),
      workgroups: this.workgroups.values(),
      skills: this.skills.values(),
      wrapUpCodes: this.wrapUpCodes.values(),
      statusMessages: [...this.statusMessages.values()],
      userStatuses: [...this.userStatuses.values()],
    });
  }

  workgroupsOf(userId: string): Workgroup[] {
    return this.workgroups.only(this.membership.get(Registry.key(userId)) ?? []);
  }

  authenticate(userId: string, password: string): CicUser | undefined {
    const user = this.users.get(userId);
    return user && user.password === password ? user : undefined;
  }

  addUser(user: CicUser): Outcome {
    if (this.users.has(user.id)) return fail('conflict', `user ${user.id} exists`);
    const invalid = this.checkSkills(user.skills);
    if (invalid) return invalid;
    this.users.set(structuredClone(user));
    const now = this.clock().toISOString();
    this.userStatuses.set(Registry.key(user.id), {
      userId: user.id,
      statusId: 'Available',
      statusChanged: now,
      loggedIn: false,
      onPhone: false,
      onPhoneChanged: now,
      stations: [],
    });
    return ok();
  }

  changeUser(id: string, patch: UserPatch): Outcome {
    const user = this.users.get(id);
    if (!user) return fail('notFound', `no user ${id}`);
    if (patch.skills) {
      const invalid = this.checkSkills(patch.skills);
      if (invalid) return invalid;
    }
    const { phones, ...rest } = patch;
    const updated = structuredClone(user);
    const applied = applyPatch(updated, rest);
    if (!applied.ok) return applied;
    if (phones) applyPatch(updated.phones, phones);
    updated.lastModifiedDate = this.clock().toISOString();
    this.users.set(updated);
    return ok();
  }

  removeUser(id: string): Outcome {
    const user = this.users.get(id);
    if (!user) return fail('notFound', `no user ${id}`);
    for (const workgroup of this.workgroupsOf(user.id)) this.dropMember(workgroup, user.id);
    this.users.delete(id);
    this.userStatuses.delete(Registry.key(id));
    return ok();
  }

  addWorkgroup(workgroup: Workgroup): Outcome {
    if (this.workgroups.has(workgroup.id)) return fail('conflict', `workgroup ${workgroup.id} exists`);
    const invalid = this.checkWorkgroup(workgroup.members, workgroup.skills, workgroup.wrapUpCodes);
    if (invalid) return invalid;
    const copy = structuredClone(workgroup);
    copy.members = copy.members.map((member) => (this.users.get(member) as CicUser).id);
    this.workgroups.set(copy);
    copy.members.forEach((member) => this.indexMember(copy.id, member));
    return ok();
  }

  changeWorkgroup(id: string, patch: WorkgroupPatch): Outcome {
    const workgroup = this.workgroups.get(id);
    if (!workgroup) return fail('notFound', `no workgroup ${id}`);
    const invalid = this.checkWorkgroup(patch.members ?? [], patch.skills ?? [], patch.wrapUpCodes ?? []);
    if (invalid) return invalid;
    const updated = structuredClone(workgroup);
    const applied = applyPatch(updated, patch);
    if (!applied.ok) return applied;
    updated.members = updated.members.map((member) => (this.users.get(member) as CicUser).id);
    updated.lastModifiedDate = this.clock().toISOString();
    workgroup.members.forEach((member) => this.unindexMember(workgroup.id, member));
    this.workgroups.set(updated);
    updated.members.forEach((member) => this.indexMember(updated.id, member));
    return ok();
  }

  removeWorkgroup(id: string): Outcome {
    const workgroup = this.workgroups.get(id);
    if (!workgroup) return fail('notFound', `no workgroup ${id}`);
    workgroup.members.forEach((member) => this.unindexMember(workgroup.id, member));
    this.workgroups.delete(id);
    return ok();
  }

  addMember(workgroupId: string, userId: string): Outcome {
    const workgroup = this.workgroups.get(workgroupId);
    const user = this.users.get(userId);
    if (!workgroup) return fail('notFound', `no workgroup ${workgroupId}`);
    if (!user) return fail('notFound', `no user ${userId}`);
    if (this.isMember(workgroup, user.id))
      return fail('conflict', `${user.id} is already in ${workgroup.id}`);
    workgroup.members.push(user.id);
    workgroup.lastModifiedDate = this.clock().toISOString();
    this.indexMember(workgroup.id, user.id);
    return ok();
  }

  removeMember(workgroupId: string, userId: string): Outcome {
    const workgroup = this.workgroups.get(workgroupId);
    if (!workgroup) return fail('notFound', `no workgroup ${workgroupId}`);
    if (!this.isMember(workgroup, userId)) return fail('notFound', `${userId} is not in ${workgroup.id}`);
    this.dropMember(workgroup, userId);
    return ok();
  }

  addSkill(skill: Skill): Outcome {
    if (this.skills.has(skill.id)) return fail('conflict', `skill ${skill.id} exists`);
    this.skills.set(structuredClone(skill));
    return ok();
  }

  changeSkill(id: string, patch: SkillPatch): Outcome {
    const skill = this.skills.get(id);
    if (!skill) return fail('notFound', `no skill ${id}`);
    const updated = structuredClone(skill);
    const applied = applyPatch(updated, patch);
    if (!applied.ok) return applied;
    updated.lastModifiedDate = this.clock().toISOString();
    this.skills.set(updated);
    return ok();
  }

  /** Deleting a skill takes it off every user and workgroup, as IA does. */
  removeSkill(id: string): Outcome {
    if (!this.skills.delete(id)) return fail('notFound', `no skill ${id}`);
    const other = (assignment: SkillAssignment) => Registry.key(assignment.skillId) !== Registry.key(id);
    for (const holder of [...this.users.values(), ...this.workgroups.values()]) {
      if (!holder.skills.every(other)) holder.skills = holder.skills.filter(other);
    }
    return ok();
  }

  addWrapUpCode(code: WrapUpCode): Outcome {
    if (this.wrapUpCodes.has(code.id)) return fail('conflict', `wrap-up code ${code.id} exists`);
    this.wrapUpCodes.set(structuredClone(code));
    return ok();
  }

  changeWrapUpCode(id: string, patch: WrapUpCodePatch): Outcome {
    const code = this.wrapUpCodes.get(id);
    if (!code) return fail('notFound', `no wrap-up code ${id}`);
    const updated = structuredClone(code);
    const applied = applyPatch(updated, patch);
    if (!applied.ok) return applied;
    updated.lastModifiedDate = this.clock().toISOString();
    this.wrapUpCodes.set(updated);
    return ok();
  }

  removeWrapUpCode(id: string): Outcome {
    if (!this.wrapUpCodes.delete(id)) return fail('notFound', `no wrap-up code ${id}`);
    for (const workgroup of this.workgroups.values()) {
      workgroup.wrapUpCodes = workgroup.wrapUpCodes.filter((code) => Registry.key(code) !== Registry.key(id));
    }
    return ok();
  }

  /** Adds or replaces a status definition; says which it was. */
  putStatusMessage(status: StatusMessage): 'added' | 'changed' {
    const key = Registry.key(status.statusId);
    const existed = this.statusMessages.has(key);
    this.statusMessages.set(key, structuredClone(status));
    return existed ? 'changed' : 'added';
  }

  removeStatusMessage(statusId: string): Outcome<StatusMessage> {
    const key = Registry.key(statusId);
    const status = this.statusMessages.get(key);
    if (!status) return fail('notFound', `no status message ${statusId}`);
    this.statusMessages.delete(key);
    return ok(status);
  }

  setUserStatus(userId: string, change: UserStatusChange): Outcome<UserStatus> {
    const user = this.users.get(userId);
    if (!user) return fail('notFound', `no user ${userId}`);
    const definition = this.statusMessages.get(Registry.key(change.statusId));
    if (!definition) return fail('invalid', `no status message ${change.statusId}`);
    const dated = definition.canHaveDate || definition.canHaveTime;
    if (change.until && !dated)
      return fail('invalid', `until: status ${definition.statusId} has neither a date nor a time`);
    const now = this.clock().toISOString();
    const previous = this.userStatuses.get(Registry.key(user.id));
    const status: UserStatus = {
      userId: user.id,
      statusId: definition.statusId,
      statusChanged: now,
      loggedIn: change.loggedIn ?? previous?.loggedIn ?? true,
      onPhone: change.onPhone ?? previous?.onPhone ?? false,
      onPhoneChanged:
        change.onPhone !== undefined && change.onPhone !== previous?.onPhone
          ? now
          : (previous?.onPhoneChanged ?? now),
      stations: previous?.stations ?? [],
      ...(change.notes ? { notes: change.notes } : {}),
      ...(change.until
        ? {
            until: {
              dateTime: change.until,
              hasDate: definition.canHaveDate,
              hasTime: definition.canHaveTime,
            },
          }
        : {}),
    };
    this.userStatuses.set(Registry.key(user.id), status);
    return ok(status);
  }

  private isMember(workgroup: Workgroup, userId: string): boolean {
    return workgroup.members.some((member) => Registry.key(member) === Registry.key(userId));
  }

  private dropMember(workgroup: Workgroup, userId: string): void {
    workgroup.members = workgroup.members.filter((member) => Registry.key(member) !== Registry.key(userId));
    workgroup.lastModifiedDate = this.clock().toISOString();
    this.unindexMember(workgroup.id, userId);
  }

  private indexMember(workgroupId: string, userId: string): void {
    const key = Registry.key(userId);
    const set = this.membership.get(key) ?? new Set<string>();
    set.add(Registry.key(workgroupId));
    this.membership.set(key, set);
  }

  private unindexMember(workgroupId: string, userId: string): void {
    this.membership.get(Registry.key(userId))?.delete(Registry.key(workgroupId));
  }

  private checkSkills(skills: readonly SkillAssignment[]): Outcome | undefined {
    const missing = skills.find((assignment) => !this.skills.has(assignment.skillId));
    return missing ? fail('invalid', `no skill ${missing.skillId}`) : undefined;
  }

  private checkWorkgroup(
    members: readonly string[] | null,
    skills: readonly SkillAssignment[] | null,
    codes: readonly string[] | null,
  ): Outcome | undefined {
    const missingUser = (members ?? []).find((member) => !this.users.has(member));
    if (missingUser) return fail('invalid', `no user ${missingUser}`);
    const missingCode = (codes ?? []).find((code) => !this.wrapUpCodes.has(code));
    if (missingCode) return fail('invalid', `no wrap-up code ${missingCode}`);
    return this.checkSkills(skills ?? []);
  }
}
