import { randomBytes } from 'node:crypto';
import { ScimProblem } from './api-error';
import type { Clock } from './clock';
import { isoAt } from './clock';
import { newId } from './ids';
import type { OrgState, SimUser } from './org-state';
import { type FilterAttribute, getCi, matches, parseFilter } from './scim-filter';
import { type ScimDoc, applyPatch } from './scim-patch';
import {
  CORE_ATTRIBUTES,
  CORE_USER,
  ENTERPRISE_ATTRIBUTES,
  ENTERPRISE_USER,
  GENESYS_ATTRIBUTES,
  GENESYS_USER,
  LIST_RESPONSE,
} from './scim-schema';

/** The immutable external id every SCIM-managed user carries (ScimUserExtensions.externalIds description). */
export const SCIM_AUTHORITY = 'x-pc:scimv2:v1';
/** SCIM phoneNumbers / emails `type` values Genesys Cloud accepts; the Schemas endpoint publishes the same. */
export const PHONE_TYPES = [
  'work',
  'work2',
  'work3',
  'work4',
  'home',
  'mobile',
  'other',
  'microsoftteams',
  'zoomphone',
  'eightbyeight',
  'ringcentral',
];
export const EMAIL_TYPES = ['work', 'other'];
const MAX_ROUTING_ENTRIES = 50;

export const FILTER_ATTRIBUTES: ReadonlyMap<string, FilterAttribute> = new Map([
  ['id', { at: 'id', caseExact: true }],
  ['username', { at: 'userName', caseExact: false }],
  ['externalid', { at: 'externalId', caseExact: true }],
  ['active', { at: 'active', caseExact: true }],
  ['email', { at: 'emails.value', caseExact: false }],
  ['emails', { at: 'emails.value', caseExact: false }],
  ['emails.value', { at: 'emails.value', caseExact: false }],
  ['displayname', { at: 'displayName', caseExact: false }],
  ['manager', { urn: ENTERPRISE_USER, at: 'manager', caseExact: true }],
  ['division', { urn: ENTERPRISE_USER, at: 'division', caseExact: false }],
  ['employeenumber', { urn: ENTERPRISE_USER, at: 'employeeNumber', caseExact: true }],
  [`${GENESYS_USER}:externalids`.toLowerCase(), { urn: GENESYS_USER, at: 'externalIds', caseExact: true }],
]);

export const etagOf = (user: SimUser): string => `W/"${user.version}"`;

/** A user as ScimV2User. Deleted and inactive users both read `active: false`; only /sim shows the difference. */
export function toScim(org: OrgState, user: SimUser, baseUrl: string): ScimDoc {
  const skillName = (id: string) => org.skills.get(id)?.name ?? id;
  const languageName = (id: string) => org.languages.get(id)?.name ?? id;
  const enterprise: ScimDoc = {};
  enterprise['division'] = user.division ?? org.homeDivision.name;
  if (user.department !== undefined) enterprise['department'] = user.department;
  if (user.managerId !== undefined) {
    enterprise['manager'] = {
      value: user.managerId,
      $ref: `${baseUrl}/api/v2/scim/v2/users/${user.managerId}`,
    };
  }
  if (user.employeeNumber !== undefined) enterprise['employeeNumber'] = user.employeeNumber;
  if (user.dateHire !== undefined) enterprise['dateHire'] = user.dateHire;
  const doc: ScimDoc = {
    schemas: [CORE_USER, ENTERPRISE_USER, GENESYS_USER],
    id: user.id,
    active: user.active,
    userName: user.userName,
    displayName: user.displayName,
  };
  if (user.title !== undefined) doc['title'] = user.title;
  doc['phoneNumbers'] = user.phoneNumbers.map((p) => ({ ...p }));
  doc['emails'] = [
    ...user.emails.map((e) => ({ ...e })),
    { value: user.userName, type: 'other', primary: false },
  ];
  if (user.externalId !== undefined) doc['externalId'] = user.externalId;
  doc['groups'] = [];
  doc['roles'] = user.roles.map((r) => ({ ...r }));
  doc[ENTERPRISE_USER] = enterprise;
  doc[GENESYS_USER] = {
    routingSkills: [...user.skills].map(([id, proficiency]) => ({ name: skillName(id), proficiency })),
    routingLanguages: [...user.languages].map(([id, proficiency]) => ({
      name: languageName(id),
      proficiency,
    })),
    externalIds: [{ authority: SCIM_AUTHORITY, value: user.id }, ...user.externalIds.map((e) => ({ ...e }))],
  };
  doc['meta'] = {
    resourceType: 'User',
    lastModified: user.dateModified,
    location: `${baseUrl}/api/v2/scim/v2/users/${user.id}`,
    version: etagOf(user),
  };
  return doc;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const invalidValue = (detail: string) => new ScimProblem(400, 'invalidValue', detail);

function optionalString(doc: ScimDoc, name: string): string | undefined {
  const value = getCi(doc, name);
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalidValue(`${name} must be a string`);
  return value;
}

function parseActive(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'boolean') return value;
  // Entra ID sends "True"/"False" as strings in PATCH values.
  if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  throw invalidValue('active must be a boolean');
}

function rejectUnknown(object: ScimDoc, known: readonly string[], where: string): void {
  const allowed = new Set(known.map((k) => k.toLowerCase()));
  for (const key of Object.keys(object)) {
    if (!allowed.has(key.toLowerCase())) {
      throw new ScimProblem(400, 'invalidSyntax', `Unknown attribute '${key}' in ${where}`);
    }
  }
}

function multi(doc: ScimDoc, name: string): Record<string, unknown>[] {
  const value = getCi(doc, name);
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every(isRecord))
    throw invalidValue(`${name} must be an array of objects`);
  return value;
}

function proficiencyOf(entry: Record<string, unknown>, what: string): number {
  const value = entry['proficiency'] ?? 0;
  if (typeof value !== 'number' || value < 0 || value > 5) {
    throw invalidValue(`${what} proficiency must be a number from 0.0 to 5.0`);
  }
  return value;
}

/**
 * The writable fields of a ScimV2User body, validated. Used by POST, PUT and (after applying operations) PATCH.
 * Unknown attributes are a 400 invalidSyntax rather than silently ignored [INF], so a misspelt field in a client
 * shows up in its tests.
 */
export function readScimBody(
  org: OrgState,
  body: unknown,
): Omit<SimUser, 'id' | 'version' | 'dateCreated' | 'dateModified' | 'foreign' | 'state' | 'password'> & {
  password?: string;
} {
  if (!isRecord(body)) throw new ScimProblem(400, 'invalidSyntax', 'The body must be a JSON object');
  rejectUnknown(body, [...CORE_ATTRIBUTES, ENTERPRISE_USER, GENESYS_USER], 'User');
  const userName = optionalString(body, 'userName');
  if (!userName) throw invalidValue('userName is required');
  const displayName = optionalString(body, 'displayName');
  if (!displayName) throw invalidValue('displayName is required');

  const phoneNumbers = multi(body, 'phoneNumbers').map((p) => {
    const type = p['type'];
    if (typeof p['value'] !== 'string') throw invalidValue('phoneNumbers[].value must be a string');
    if (type !== undefined && (typeof type !== 'string' || !PHONE_TYPES.includes(type))) {
      throw invalidValue(
        `phoneNumbers[].type ${JSON.stringify(type)} is not one of ${PHONE_TYPES.join(', ')}`,
      );
    }
    return {
      value: p['value'],
      ...(type ? { type } : {}),
      ...(p['primary'] === true ? { primary: true } : {}),
    };
  });
  // The `other` email mirrors userName and is immutable, so it is derived, never stored.
  const emails = multi(body, 'emails')
    .filter((e) => e['type'] !== 'other')
    .map((e) => {
      const type = e['type'];
      if (typeof e['value'] !== 'string') throw invalidValue('emails[].value must be a string');
      if (type !== undefined && (typeof type !== 'string' || !EMAIL_TYPES.includes(type))) {
        throw invalidValue(`emails[].type ${JSON.stringify(type)} must be work or other`);
      }
      return {
        value: e['value'],
        ...(type ? { type } : {}),
        ...(e['primary'] === true ? { primary: true } : {}),
      };
    });
  const roles = multi(body, 'roles').map((r) => {
    if (typeof r['value'] !== 'string') throw invalidValue('roles[].value must be a string');
    return { value: r['value'] };
  });

  const enterprise = getCi(body, ENTERPRISE_USER) ?? {};
  if (!isRecord(enterprise)) throw invalidValue(`${ENTERPRISE_USER} must be an object`);
  rejectUnknown(enterprise, ENTERPRISE_ATTRIBUTES, ENTERPRISE_USER);
  const division = optionalString(enterprise, 'division');
  if (division !== undefined && division !== org.homeDivision.name) {
    throw invalidValue(`Division '${division}' does not exist`);
  }
  const manager = getCi(enterprise, 'manager');
  let managerId: string | undefined;
  if (isRecord(manager) && typeof manager['value'] === 'string' && manager['value'] !== '') {
    managerId = manager['value'];
    if (!org.users.has(managerId)) throw invalidValue(`Manager ${managerId} does not exist`);
  } else if (manager !== undefined && manager !== null && !isRecord(manager)) {
    throw invalidValue('manager must be an object with a value');
  }
  const dateHire = optionalString(enterprise, 'dateHire');
  if (dateHire !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(dateHire))
    throw invalidValue('dateHire must be YYYY-MM-DD');

  const genesys = getCi(body, GENESYS_USER) ?? {};
  if (!isRecord(genesys)) throw invalidValue(`${GENESYS_USER} must be an object`);
  rejectUnknown(genesys, GENESYS_ATTRIBUTES, GENESYS_USER);
  const routingSkills = multi(genesys, 'routingSkills');
  const routingLanguages = multi(genesys, 'routingLanguages');
  if (routingSkills.length > MAX_ROUTING_ENTRIES || routingLanguages.length > MAX_ROUTING_ENTRIES) {
    throw invalidValue(
      `At most ${MAX_ROUTING_ENTRIES} routingSkills and ${MAX_ROUTING_ENTRIES} routingLanguages`,
    );
  }
  const skills = new Map<string, number>();
  for (const entry of routingSkills) {
    // Names are case-sensitive (ScimUserRoutingSkill.name).
    const skill = [...org.skills.values()].find((s) => s.name === entry['name'] && s.state === 'active');
    if (!skill) throw invalidValue(`Routing skill '${String(entry['name'])}' does not exist`);
    skills.set(skill.id, proficiencyOf(entry, 'routingSkills'));
  }
  const languages = new Map<string, number>();
  for (const entry of routingLanguages) {
    const language = [...org.languages.values()].find(
      (l) => l.name === entry['name'] && l.state === 'active',
    );
    if (!language) throw invalidValue(`Routing language '${String(entry['name'])}' does not exist`);
    languages.set(language.id, proficiencyOf(entry, 'routingLanguages'));
  }
  const externalIds = multi(genesys, 'externalIds')
    .filter((e) => typeof e['authority'] === 'string' && !e['authority'].startsWith(SCIM_AUTHORITY))
    .map((e) => {
      if (typeof e['value'] !== 'string') throw invalidValue('externalIds[].value must be a string');
      return { authority: String(e['authority']), value: e['value'] };
    });

  return {
    userName,
    displayName,
    active: parseActive(getCi(body, 'active')),
    title: optionalString(body, 'title'),
    password: optionalString(body, 'password'),
    phoneNumbers,
    emails,
    externalId: optionalString(body, 'externalId'),
    roles,
    division,
    department: optionalString(enterprise, 'department'),
    managerId,
    employeeNumber: optionalString(enterprise, 'employeeNumber'),
    dateHire,
    externalIds,
    skills,
    languages,
  };
}

// userName (lower case) → user id, per org: a scan of every user on each create would make a large sync
// quadratic. Built on first use, so it covers however the org was filled; kept by create and update below.
const userIdsByName = new WeakMap<OrgState, Map<string, string>>();

function nameIndex(org: OrgState): Map<string, string> {
  let index = userIdsByName.get(org);
  if (!index) {
    index = new Map([...org.users.values()].map((u) => [u.userName.toLowerCase(), u.id]));
    userIdsByName.set(org, index);
  }
  return index;
}

function assertUniqueUserName(org: OrgState, userName: string, exceptId?: string): void {
  const holder = nameIndex(org).get(userName.toLowerCase());
  if (holder !== undefined && holder !== exceptId)
    throw new ScimProblem(409, 'uniqueness', `userName '${userName}' is already in use`);
}

function indexUserName(org: OrgState, user: SimUser, previousName?: string): void {
  const index = nameIndex(org);
  if (previousName !== undefined && index.get(previousName.toLowerCase()) === user.id)
    index.delete(previousName.toLowerCase());
  index.set(user.userName.toLowerCase(), user.id);
}

export function createScimUser(org: OrgState, clock: Clock, body: unknown, foreign = false): SimUser {
  const fields = readScimBody(org, body);
  assertUniqueUserName(org, fields.userName);
  const now = isoAt(clock);
  const { password, ...rest } = fields;
  const user: SimUser = {
    ...rest,
    id: newId(),
    // Without a password, Genesys generates a random 40-character one.
    password: password ?? randomBytes(30).toString('base64'),
    state: fields.active ? 'active' : 'inactive',
    version: 1,
    dateCreated: now,
    dateModified: now,
    foreign,
  };
  org.users.set(user.id, user);
  indexUserName(org, user);
  return user;
}

export function findScimUser(org: OrgState, id: string): SimUser {
  const user = org.users.get(id);
  if (!user) throw new ScimProblem(404, undefined, `User ${id} not found`);
  return user;
}

/** If-Match: `*`, or the current version in any of the forms W/"n", "n" or n. Stale → 400 invalidVers. */
export function checkIfMatch(user: SimUser, ifMatch: string | undefined): void {
  if (ifMatch === undefined || ifMatch.trim() === '*') return;
  const wanted = ifMatch.trim().replace(/^W\//, '').replace(/"/g, '');
  if (wanted !== String(user.version)) {
    throw new ScimProblem(
      400,
      'invalidVers',
      `Version ${ifMatch} does not match the current version ${etagOf(user)}`,
    );
  }
}

export function isNotModified(user: SimUser, ifNoneMatch: string | undefined): boolean {
  if (ifNoneMatch === undefined) return false;
  return ifNoneMatch.trim().replace(/^W\//, '').replace(/"/g, '') === String(user.version);
}

function applyFields(org: OrgState, clock: Clock, user: SimUser, body: unknown): SimUser {
  const fields = readScimBody(org, body);
  assertUniqueUserName(org, fields.userName, user.id);
  const { password, ...rest } = fields;
  const wasDeleted = user.state === 'deleted';
  const previousName = user.userName;
  Object.assign(user, rest);
  indexUserName(org, user, previousName);
  if (password !== undefined) user.password = password;
  // Re-enabling a deleted user brings it back without its roles (FAQ on Okta re-enable).
  if (wasDeleted && user.active) user.roles = [];
  user.state = user.active ? 'active' : wasDeleted ? 'deleted' : 'inactive';
  user.version += 1;
  user.dateModified = isoAt(clock);
  return user;
}

export function replaceScimUser(
  org: OrgState,
  clock: Clock,
  id: string,
  body: unknown,
  ifMatch?: string,
): SimUser {
  const user = findScimUser(org, id);
  checkIfMatch(user, ifMatch);
  return applyFields(org, clock, user, body);
}

export function patchScimUser(
  org: OrgState,
  clock: Clock,
  id: string,
  body: unknown,
  baseUrl: string,
  ifMatch?: string,
): SimUser {
  const user = findScimUser(org, id);
  checkIfMatch(user, ifMatch);
  const patched = applyPatch(toScim(org, user, baseUrl), body);
  // The derived parts of the document are not client data: drop them before validating it as a PUT body.
  delete patched['id'];
  delete patched['meta'];
  delete patched['groups'];
  delete patched['schemas'];
  return applyFields(org, clock, user, patched);
}

/** DELETE marks the user deleted (hard delete, per the FAQ); PATCH active=false only deactivates. */
export function deleteScimUser(org: OrgState, clock: Clock, id: string, ifMatch?: string): void {
  const user = findScimUser(org, id);
  checkIfMatch(user, ifMatch);
  user.state = 'deleted';
  user.active = false;
  user.version += 1;
  user.dateModified = isoAt(clock);
  for (const queue of org.queues.values()) queue.members.delete(id);
}

export interface ScimListQuery {
  filter?: string;
  startIndex?: string;
  count?: string;
  attributes?: string;
  excludedAttributes?: string;
}

const ALWAYS_RETURNED = ['id', 'userName', 'active', 'meta', 'schemas'];

function project(doc: ScimDoc, attributes?: string, excluded?: string): ScimDoc {
  const names = (text: string) => text.split(',').map((n) => n.trim().split('.')[0]?.toLowerCase() ?? '');
  if (attributes) {
    const wanted = new Set([...names(attributes), ...ALWAYS_RETURNED.map((n) => n.toLowerCase())]);
    return Object.fromEntries(Object.entries(doc).filter(([key]) => wanted.has(key.toLowerCase())));
  }
  if (excluded) {
    const drop = new Set(names(excluded));
    const result = Object.fromEntries(Object.entries(doc).filter(([key]) => !drop.has(key.toLowerCase())));
    // Genesys-extension sub-attributes are listed by their short names (routingSkills, routingLanguages, …).
    const genesys = result[GENESYS_USER];
    if (isRecord(genesys)) {
      result[GENESYS_USER] = Object.fromEntries(
        Object.entries(genesys).filter(([k]) => !drop.has(k.toLowerCase())),
      );
    }
    return result;
  }
  return doc;
}

export function projectScimUser(
  doc: ScimDoc,
  query: Pick<ScimListQuery, 'attributes' | 'excludedAttributes'>,
): ScimDoc {
  return project(doc, query.attributes, query.excludedAttributes);
}

function positive(value: string | undefined, fallback: number, name: string, min: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw invalidValue(`${name} must be an integer ≥ ${min}`);
  return n;
}

/** GET /scim/v2/users: no filter lists active users only; a filter searches every user, inactive included. */
export function listScimUsers(org: OrgState, query: ScimListQuery, baseUrl: string): ScimDoc {
  const startIndex = positive(query.startIndex, 1, 'startIndex', 1);
  const count = positive(query.count, 25, 'count', 0);
  const docs = [...org.users.values()]
    .filter((u) => query.filter || u.state === 'active')
    .map((u) => toScim(org, u, baseUrl));
  const filter = query.filter ? parseFilter(query.filter) : undefined;
  const found = filter ? docs.filter((d) => matches(d, filter, FILTER_ATTRIBUTES)) : docs;
  const pageItems = count === 0 ? [] : found.slice(startIndex - 1, startIndex - 1 + count);
  return {
    schemas: [LIST_RESPONSE],
    totalResults: found.length,
    startIndex,
    itemsPerPage: pageItems.length,
    Resources: pageItems.map((d) => project(d, query.attributes, query.excludedAttributes)),
  };
}
