import {
  emailKey,
  userEmailOf,
  type CicUser,
  type DesiredRoutingEntry,
  type NotSyncedReason,
} from '@bridge/contracts';
import type { CicState } from './cic-state';
import type { MappingRules } from './mapping-rules';
import { ratingOf } from './rating';
import type { DesiredUserState } from './target';

/**
 * Why a CIC user cannot be synced, or undefined when it can: the email decides (the business one, else the
 * mailbox one: userEmailOf), and an email another CIC user claimed first (see CicState.usersByEmail) cannot be a
 * second Genesys user.
 */
export function userIneligibility(state: CicState, user: CicUser): NotSyncedReason | undefined {
  const email = userEmailOf(user);
  if (!email.ok) return email.reason;
  const holder = state.usersByEmail.get(emailKey(email.email))?.[0];
  return holder === undefined || holder === user.id ? undefined : 'duplicateBusinessEmail';
}

export function isSyncedUser(state: CicState, userId: string): boolean {
  const user = state.users.get(userId);
  return user !== undefined && userIneligibility(state, user) === undefined;
}

// CIC phone field → Genesys Cloud phone type, in the order the document lists them.
const phoneTypes = [
  ['business', 'work'],
  ['business2', 'work2'],
  ['mobile', 'mobile'],
  ['home', 'home'],
  ['fax', 'other'],
] as const;

/** The desired Genesys Cloud user of one CIC user id. */
export function desiredUser(state: CicState, userId: string, rules: MappingRules): DesiredUserState {
  const user = state.users.get(userId);
  if (!user) return { key: userId, state: 'absent', reason: 'removedFromCic' };
  const reason = userIneligibility(state, user);
  const email = userEmailOf(user);
  if (reason || !email.ok) return { key: userId, state: 'absent', reason: reason ?? 'noBusinessEmail' };
  const { routingSkills, routingLanguages } = routingEntries(state, user, rules);
  return {
    key: userId,
    state: 'present',
    document: {
      externalId: user.id,
      userName: email.email,
      displayName: user.displayName?.trim() || user.id,
      phoneNumbers: phoneTypes.flatMap(([field, type]) => {
        const value = user.phones[field]?.trim();
        return value ? [{ type, value }] : [];
      }),
      routingSkills,
      routingLanguages,
      ...(email.fromMailbox ? { note: 'businessEmailFromMailbox' as const } : {}),
    },
  };
}

/**
 * The user's skills after merging: a skill assigned directly keeps its own proficiency, even when a workgroup
 * offers a higher one (the admin set it on purpose); otherwise the highest proficiency across the user's
 * workgroups counts. Every workgroup listing the user contributes, whether or not it becomes a queue, because
 * CIC's ACD applies workgroup skills to members regardless. Skills CIC has not told us about (or deleted) are
 * left out; they reappear when the skill does.
 */
export function mergedProficiencies(state: CicState, user: CicUser): Map<string, number> {
  const merged = new Map<string, number>();
  for (const workgroupId of state.workgroupsOfUser.get(user.id) ?? []) {
    for (const skill of state.workgroups.get(workgroupId)?.skills ?? []) {
      merged.set(skill.skillId, Math.max(merged.get(skill.skillId) ?? -1, skill.proficiency));
    }
  }
  for (const skill of user.skills) merged.set(skill.skillId, skill.proficiency);
  return merged;
}

function routingEntries(state: CicState, user: CicUser, rules: MappingRules) {
  const routingSkills: DesiredRoutingEntry[] = [];
  const routingLanguages: DesiredRoutingEntry[] = [];
  const merged = [...mergedProficiencies(state, user)].sort(([a], [b]) => compare(a, b));
  for (const [skillId, proficiency] of merged) {
    const skill = state.skills.get(skillId);
    if (!skill) continue;
    const entry = { key: skillId, rating: ratingOf(proficiency, rules.ratingBands) };
    (skill.treatAsLanguage ? routingLanguages : routingSkills).push(entry);
  }
  return { routingSkills, routingLanguages };
}

/** Code-unit order: stable across locales, so equal states serialize identically. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
