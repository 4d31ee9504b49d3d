import type { DesiredRoutingEntry, DesiredUser } from '@bridge/contracts';
import type { Dependency } from './dependency-order';
import type { ActualUser, PhoneNumber, RoutingAssignment, UserFields } from './genesys-state';
import type { UserChanges, UserOperation, UserRemoval } from './operations';

/** Skill and language names the bridge manages; assignments of any other name belong to someone else. */
export interface ManagedNames {
  readonly skills: ReadonlySet<string>;
  readonly languages: ReadonlySet<string>;
}

const noManagedNames: ManagedNames = { skills: new Set(), languages: new Set() };

/** Genesys names of the skills and languages the bridge delivered, by CIC skill key. */
export interface NameLookup {
  readonly skill: (key: string) => string | undefined;
  readonly language: (key: string) => string | undefined;
}

/**
 * The SCIM fields a desired user document asks for, its skill and language keys resolved to Genesys names.
 * Keys without a name yet are left out and listed in `unresolved`, so the caller can wait for them.
 */
export function userFieldsOf(
  desired: DesiredUser,
  names: NameLookup,
): { fields: UserFields; unresolved: Dependency[] } {
  const unresolved: Dependency[] = [];
  const resolve = (kind: 'skill' | 'language', entries: readonly DesiredRoutingEntry[]) =>
    entries.flatMap(({ key, rating }) => {
      const name = names[kind](key);
      if (name === undefined) unresolved.push({ kind, key });
      return name === undefined ? [] : [{ name, proficiency: rating }];
    });
  return {
    fields: {
      userName: desired.userName,
      displayName: desired.displayName,
      externalId: desired.externalId,
      phoneNumbers: desired.phoneNumbers.map(({ type, value }) => ({ type, value })),
      routingSkills: resolve('skill', desired.routingSkills),
      routingLanguages: resolve('language', desired.routingLanguages),
    },
    unresolved,
  };
}

/**
 * The calls that make a Genesys user match its desired fields (`userFieldsOf`): create it, patch only the fields that differ
 * (one PATCH for all of them), or deactivate it when the desired state is absent. Assignments of skills and
 * languages the bridge does not manage are kept. An empty plan means the user already matches.
 */
export function planUserSync(
  target: UserFields | undefined,
  actual: ActualUser | undefined,
  managed: ManagedNames = noManagedNames,
  removal: UserRemoval = 'deactivate',
): UserOperation[] {
  if (!target) {
    // A user deactivated before hard deletion was chosen is deleted too, the next time it is reconciled.
    if (removal === 'delete') return actual ? [{ type: 'deleteUser' }] : [];
    return actual?.active ? [{ type: 'deactivateUser' }] : [];
  }
  if (!actual) return [{ type: 'createUser', user: target }];
  const changes: { -readonly [K in keyof UserChanges]: UserChanges[K] } = {};
  if (!actual.active) changes.active = true;
  if (actual.userName !== target.userName) changes.userName = target.userName;
  if (actual.displayName !== target.displayName) changes.displayName = target.displayName;
  if (actual.externalId !== target.externalId) changes.externalId = target.externalId;
  if (!samePhones(actual.phoneNumbers, target.phoneNumbers)) changes.phoneNumbers = target.phoneNumbers;
  const skills = keepForeign(target.routingSkills, actual.routingSkills, managed.skills);
  if (!sameAssignments(actual.routingSkills, skills)) changes.routingSkills = skills;
  const languages = keepForeign(target.routingLanguages, actual.routingLanguages, managed.languages);
  if (!sameAssignments(actual.routingLanguages, languages)) changes.routingLanguages = languages;
  return Object.keys(changes).length === 0 ? [] : [{ type: 'patchUser', changes }];
}

/** The user as it reads after the operations succeeded (the caller's new "actual"). */
export function applyUserOperation(
  actual: ActualUser | undefined,
  operation: UserOperation,
  id: string,
): ActualUser | undefined {
  switch (operation.type) {
    case 'createUser':
      return { id, active: true, ...operation.user };
    case 'patchUser':
      return actual ? { ...actual, ...operation.changes } : undefined;
    case 'deactivateUser':
      return actual ? { ...actual, active: false } : undefined;
    case 'deleteUser':
      return undefined;
  }
}

function keepForeign(
  target: readonly RoutingAssignment[],
  actual: readonly RoutingAssignment[],
  managed: ReadonlySet<string>,
): RoutingAssignment[] {
  const wanted = new Set(target.map((a) => a.name));
  return [...target, ...actual.filter((a) => !managed.has(a.name) && !wanted.has(a.name))];
}

const phoneKey = (p: PhoneNumber) => `${p.type}\u0000${p.value}`;
const assignmentKey = (a: RoutingAssignment) => `${a.name}\u0000${a.proficiency}`;

function sameSet<T>(a: readonly T[], b: readonly T[], key: (item: T) => string): boolean {
  if (a.length !== b.length) return false;
  const keys = new Set(a.map(key));
  return b.every((item) => keys.has(key(item)));
}

const samePhones = (a: readonly PhoneNumber[], b: readonly PhoneNumber[]) => sameSet(a, b, phoneKey);
const sameAssignments = (a: readonly RoutingAssignment[], b: readonly RoutingAssignment[]) =>
  sameSet(a, b, assignmentKey);
