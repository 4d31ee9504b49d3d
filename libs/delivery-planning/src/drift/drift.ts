import type { DesiredSecondaryStatus } from '@bridge/contracts';
import type {
  ActualNamedObject,
  ActualQueue,
  ActualSecondaryStatus,
  ActualUser,
  PhoneNumber,
  RoutingAssignment,
  UserFields,
} from '../genesys-state';
import type { ManagedIds } from '../plan-queue-sync';
import type { ManagedNames } from '../plan-user-sync';
import type { ResolvedQueue } from '../plan-queue-sync';

/**
 * One thing the bridge set that Genesys Cloud no longer shows as it was set: the field, what Genesys holds and
 * what the desired document asks for, as text for the record history (absent: there is none).
 */
export interface Drift {
  readonly field: string;
  readonly genesysValue?: string;
  readonly desiredValue?: string;
}

/**
 * What an audit found of one object: its drift, and the state to record as known so the reconciler plans the
 * repair: Genesys's values for the drifted fields, the known state's for the rest (a difference that is only
 * Genesys's own spelling must not turn into a call).
 */
export interface Finding<A> {
  readonly drift: readonly Drift[];
  readonly known: A;
}

/** The phone types the bridge writes (DESIGN §1); Genesys's others (work3, microsoftteams, …) are someone else's. */
const bridgePhoneTypes: ReadonlySet<string> = new Set(['work', 'work2', 'mobile', 'home', 'other']);

/**
 * A phone number as Genesys compares it: SCIM takes E.164 or `tel:+n;ext=x`, and an admin (or Genesys itself)
 * may write the same number with spaces, dashes, dots or brackets.
 */
export function normalisedPhone(value: string): string {
  return value
    .trim()
    .replace(/^tel:/i, '')
    .replace(/[\s\-.()]/g, '')
    .toLowerCase();
}

/** A user name is an email address: Genesys holds it without regard to case. */
const sameUserName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * A synced user against what Genesys lists. Only what the bridge sets counts: user name (case aside), display
 * name, external id, being active, the phone types it maps (number format aside), and the ratings of the skills
 * and languages it manages (assignments of other names are someone else's).
 */
export function userDrift(
  desired: UserFields,
  genesys: ActualUser,
  known: ActualUser,
  managed: ManagedNames,
): Finding<ActualUser> {
  const drift: Drift[] = [];
  const changed: { -readonly [K in keyof ActualUser]?: ActualUser[K] } = {};
  const text = (
    field: 'userName' | 'displayName' | 'externalId',
    equal: (a: string, b: string) => boolean,
  ) => {
    const held = genesys[field];
    const wanted = desired[field];
    if (held !== undefined && equal(held, wanted)) return;
    drift.push({ field, ...valueOf('genesysValue', held), desiredValue: wanted });
    changed[field] = held;
  };
  text('userName', sameUserName);
  text('displayName', (a, b) => a === b);
  text('externalId', (a, b) => a === b);
  if (!genesys.active) {
    drift.push({ field: 'active', genesysValue: 'false', desiredValue: 'true' });
    changed.active = false;
  }
  const phones = phoneDrift(desired.phoneNumbers, genesys.phoneNumbers);
  if (phones.length > 0) changed.phoneNumbers = genesys.phoneNumbers;
  drift.push(...phones);
  for (const [field, names] of [
    ['routingSkills', managed.skills],
    ['routingLanguages', managed.languages],
  ] as const) {
    const assignments = assignmentDrift(field, desired[field], genesys[field], names);
    if (assignments.length > 0) changed[field] = genesys[field];
    drift.push(...assignments);
  }
  return { drift, known: drift.length === 0 ? known : { ...known, ...changed, id: genesys.id } };
}

function phoneDrift(desired: readonly PhoneNumber[], genesys: readonly PhoneNumber[]): Drift[] {
  const byType = (phones: readonly PhoneNumber[]) =>
    new Map(phones.filter((p) => bridgePhoneTypes.has(p.type)).map((p) => [p.type, p.value]));
  const wanted = byType(desired);
  const held = byType(genesys);
  return [...bridgePhoneTypes].flatMap((type) => {
    const [w, h] = [wanted.get(type), held.get(type)];
    if (w === h || (w !== undefined && h !== undefined && normalisedPhone(w) === normalisedPhone(h)))
      return [];
    return [{ field: `phoneNumbers.${type}`, ...valueOf('genesysValue', h), ...valueOf('desiredValue', w) }];
  });
}

function assignmentDrift(
  field: 'routingSkills' | 'routingLanguages',
  desired: readonly RoutingAssignment[],
  genesys: readonly RoutingAssignment[],
  managed: ReadonlySet<string>,
): Drift[] {
  const wanted = new Map(desired.map((a) => [a.name, a.proficiency]));
  const held = new Map(genesys.map((a) => [a.name, a.proficiency]));
  const names = new Set([...wanted.keys(), ...[...held.keys()].filter((name) => managed.has(name))]);
  return [...names].sort().flatMap((name) => {
    const [w, h] = [wanted.get(name), held.get(name)];
    if (w === h) return [];
    return [{ field: `${field}.${name}`, ...valueOf('genesysValue', h), ...valueOf('desiredValue', w) }];
  });
}

/**
 * A synced queue against what Genesys lists: its name, and its members and wrap-up codes among those the bridge
 * manages (one drift per member or code missing or not wanted; `label` names them for the record history).
 * Members and codes the bridge does not manage are someone else's.
 */
export function queueDrift(
  desired: ResolvedQueue,
  genesys: ActualQueue,
  managed: ManagedIds,
  label: (genesysId: string) => string,
): Finding<ActualQueue> {
  const drift: Drift[] = [];
  if (genesys.name !== desired.name)
    drift.push({ field: 'name', genesysValue: genesys.name, desiredValue: desired.name });
  drift.push(
    ...membershipDrift('member', desired.memberIds, genesys.memberIds, managed.userIds, label),
    ...membershipDrift(
      'wrapUpCode',
      desired.wrapUpCodeIds,
      genesys.wrapUpCodeIds,
      managed.wrapUpCodeIds,
      label,
    ),
  );
  return { drift, known: genesys };
}

function membershipDrift(
  field: string,
  desired: readonly string[],
  genesys: readonly string[],
  managed: ReadonlySet<string>,
  label: (genesysId: string) => string,
): Drift[] {
  const held = new Set(genesys);
  const wanted = new Set(desired);
  const missing = desired.filter((id) => !held.has(id)).map((id) => ({ field, desiredValue: label(id) }));
  const extra = genesys
    .filter((id) => !wanted.has(id) && managed.has(id))
    .map((id) => ({ field, genesysValue: label(id) }));
  return [...missing, ...extra];
}

/**
 * A skill, language or wrap-up code against what Genesys lists: its name. (Skills and languages cannot be renamed
 * in Genesys, so for them only their being gone counts, which `goneDrift` says.)
 */
export function namedDrift(
  desired: { name: string },
  genesys: ActualNamedObject,
): Finding<ActualNamedObject> {
  if (genesys.name === desired.name) return { drift: [], known: genesys };
  return {
    drift: [{ field: 'name', genesysValue: genesys.name, desiredValue: desired.name }],
    known: genesys,
  };
}

/** A secondary status against what Genesys lists: its name and its system presence. */
export function secondaryStatusDrift(
  desired: DesiredSecondaryStatus,
  genesys: ActualSecondaryStatus,
): Finding<ActualSecondaryStatus> {
  const drift: Drift[] = [];
  if (genesys.name !== desired.name)
    drift.push({ field: 'name', genesysValue: genesys.name, desiredValue: desired.name });
  if (genesys.systemPresence !== desired.systemPresence)
    drift.push({
      field: 'systemPresence',
      genesysValue: genesys.systemPresence,
      desiredValue: desired.systemPresence,
    });
  return { drift, known: genesys };
}

/** A managed object Genesys no longer lists (deleted, or deactivated, by hand): it is to be provisioned again. */
export function goneDrift(name: string): Drift {
  return { field: 'object', desiredValue: name };
}

function valueOf<F extends 'genesysValue' | 'desiredValue'>(
  field: F,
  value: string | number | undefined,
): Partial<Record<F, string>> {
  return value === undefined ? {} : ({ [field]: String(value) } as Partial<Record<F, string>>);
}
