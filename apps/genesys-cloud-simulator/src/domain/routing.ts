import { ApiError, badRequest, conflict, invalidValue, notFound } from './api-error';
import { type Clock, isoAt } from './clock';
import { newId } from './ids';
import type { CatalogEntry, OrgState, QueueEntry, SimUser, WrapupCodeEntry } from './org-state';
import { type PageRequest, page } from './paging';

/**
 * Routing rules: queues, their members and wrap-up codes; skills, languages, wrap-up codes; a user's skills and
 * languages. Results are the Platform API models (Queue, RoutingSkill, …) as plain objects.
 */
const QUEUES = '/api/v2/routing/queues';
const SKILLS = '/api/v2/routing/skills';
const LANGUAGES = '/api/v2/routing/languages';
const WRAPUPCODES = '/api/v2/routing/wrapupcodes';
export const MAX_QUEUE_MEMBERS_PER_CALL = 100;
export const MAX_QUEUE_WRAPUPCODES_PER_CALL = 100;
export const MAX_USER_LANGUAGES_PER_CALL = 50;

type Json = Record<string, unknown>;
const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function requireName(body: unknown): string {
  if (!isRecord(body) || typeof body['name'] !== 'string' || body['name'].trim() === '') {
    throw badRequest('name is required');
  }
  return body['name'];
}

function requireArray(body: unknown, what: string, max: number): Json[] {
  if (!Array.isArray(body) || !body.every(isRecord)) throw badRequest(`The body must be an array of ${what}`);
  if (body.length > max) {
    throw new ApiError(400, 'bad.request', `At most ${max} ${what} may be sent in one request`, {
      max: String(max),
    });
  }
  return body;
}

/** `name` filters: leading or trailing `*` are wildcards, otherwise an exact, case-insensitive match [INF]. */
export function nameMatches(name: string, pattern: string | undefined, startsWith = false): boolean {
  if (!pattern) return true;
  const n = name.toLowerCase();
  let p = pattern.toLowerCase();
  const leading = p.startsWith('*');
  const trailing = p.endsWith('*') || startsWith;
  p = p.replace(/^\*/, '').replace(/\*$/, '');
  if (leading && trailing) return n.includes(p);
  if (leading) return n.endsWith(p);
  if (trailing) return n.startsWith(p);
  return n === p;
}

const idFilter = (ids: string[] | undefined) => (id: string) => !ids || ids.length === 0 || ids.includes(id);

export function activeUser(org: OrgState, id: string): SimUser {
  const user = org.users.get(id);
  if (!user || user.state === 'deleted') throw notFound('User', id);
  return user;
}

function sortByName<T extends { name: string }>(items: T[], order: string | undefined): T[] {
  const sorted = [...items].sort((a, b) => a.name.localeCompare(b.name));
  return order === 'desc' || order === 'descending' ? sorted.reverse() : sorted;
}

function assertUniqueName(
  entries: Iterable<{ id: string; name: string; state?: string }>,
  name: string,
  what: string,
  exceptId?: string,
): void {
  for (const entry of entries) {
    if (
      entry.id !== exceptId &&
      entry.state !== 'deleted' &&
      entry.name.toLowerCase() === name.toLowerCase()
    ) {
      throw conflict(what, name);
    }
  }
}

export function queueView(org: OrgState, queue: QueueEntry): Json {
  const members = [...queue.members.values()];
  return {
    ...queue.settings,
    id: queue.id,
    name: queue.name,
    ...(queue.description !== undefined ? { description: queue.description } : {}),
    division: {
      id: queue.divisionId,
      name: org.homeDivision.name,
      selfUri: `/api/v2/authorization/divisions/${queue.divisionId}`,
    },
    dateCreated: queue.dateCreated,
    dateModified: queue.dateModified,
    memberCount: members.length,
    userMemberCount: members.length,
    joinedMemberCount: members.filter((m) => m.joined).length,
    selfUri: `${QUEUES}/${queue.id}`,
  };
}

/** Settings from a CreateQueueRequest/QueueRequest that are stored and echoed as given. */
const QUEUE_SETTINGS = [
  'mediaSettings',
  'routingRules',
  'bullseye',
  'acwSettings',
  'skillEvaluationMethod',
  'scoringMethod',
  'lastAgentRoutingMode',
  'queueFlow',
  'whisperPrompt',
  'onHoldPrompt',
  'autoAnswerOnly',
  'enableTranscription',
  'enableManualAssignment',
  'callingPartyName',
  'callingPartyNumber',
  'defaultScripts',
  'outboundEmailAddress',
  'peerId',
];

function queueSettings(body: Json): Json {
  const settings: Json = {};
  for (const key of QUEUE_SETTINGS) if (body[key] !== undefined) settings[key] = body[key];
  const method = settings['skillEvaluationMethod'];
  if (method !== undefined && method !== 'NONE' && method !== 'BEST' && method !== 'ALL') {
    throw invalidValue('skillEvaluationMethod must be NONE, BEST or ALL');
  }
  return settings;
}

function divisionOf(org: OrgState, body: Json): string {
  const division = body['division'];
  if (isRecord(division) && typeof division['id'] === 'string' && division['id'] !== org.homeDivision.id) {
    throw invalidValue(`Division ${division['id']} does not exist`);
  }
  return org.homeDivision.id;
}

export function createQueue(org: OrgState, clock: Clock, body: unknown, foreign = false): QueueEntry {
  const name = requireName(body);
  const json = body as Json;
  assertUniqueName(org.queues.values(), name, 'queue');
  const now = isoAt(clock);
  const queue: QueueEntry = {
    id: newId(),
    name,
    description: typeof json['description'] === 'string' ? json['description'] : undefined,
    divisionId: divisionOf(org, json),
    dateCreated: now,
    dateModified: now,
    settings: queueSettings(json),
    members: new Map(),
    wrapupCodes: new Set(),
    foreign,
  };
  org.queues.set(queue.id, queue);
  return queue;
}

export function getQueue(org: OrgState, id: string): QueueEntry {
  const queue = org.queues.get(id);
  if (!queue) throw notFound('Queue', id);
  return queue;
}

export function updateQueue(org: OrgState, clock: Clock, id: string, body: unknown): QueueEntry {
  const queue = getQueue(org, id);
  const name = requireName(body);
  assertUniqueName(org.queues.values(), name, 'queue', id);
  const json = body as Json;
  queue.name = name;
  queue.description = typeof json['description'] === 'string' ? json['description'] : undefined;
  queue.divisionId = divisionOf(org, json);
  queue.settings = queueSettings(json);
  queue.dateModified = isoAt(clock);
  return queue;
}

export function deleteQueue(org: OrgState, id: string): void {
  getQueue(org, id);
  org.queues.delete(id);
}

export interface QueueQuery {
  name?: string;
  id?: string[];
  sortOrder?: string;
}

export function listQueues(org: OrgState, query: QueueQuery, request: PageRequest): unknown {
  const found = sortByName(
    [...org.queues.values()].filter((q) => nameMatches(q.name, query.name) && idFilter(query.id)(q.id)),
    query.sortOrder,
  );
  return page(
    found.map((q) => queueView(org, q)),
    request,
    QUEUES,
  );
}

/** POST …/members: bulk add, or with delete=true bulk remove, up to 100 users a call. Not-found users are 400. */
export function bulkQueueMembers(
  org: OrgState,
  clock: Clock,
  queueId: string,
  body: unknown,
  remove: boolean,
): void {
  const queue = getQueue(org, queueId);
  const entries = requireArray(body, 'members', MAX_QUEUE_MEMBERS_PER_CALL);
  const ids = entries.map((entry) => {
    if (typeof entry['id'] !== 'string') throw badRequest('Each member needs an id');
    return entry['id'];
  });
  if (remove) {
    for (const id of ids) queue.members.delete(id);
  } else {
    for (const id of ids) activeUser(org, id);
    for (const id of ids) if (!queue.members.has(id)) queue.members.set(id, { joined: true, ringNumber: 1 });
  }
  queue.dateModified = isoAt(clock);
}

/** PATCH …/members: join or unjoin up to 100 members; users who are not members are ignored. */
export function patchQueueMembers(org: OrgState, queueId: string, body: unknown): void {
  const queue = getQueue(org, queueId);
  for (const entry of requireArray(body, 'members', MAX_QUEUE_MEMBERS_PER_CALL)) {
    const member = typeof entry['id'] === 'string' ? queue.members.get(entry['id']) : undefined;
    if (member && typeof entry['joined'] === 'boolean') member.joined = entry['joined'];
  }
}

export function patchQueueMember(org: OrgState, queueId: string, memberId: string, body: unknown): void {
  const member = getQueue(org, queueId).members.get(memberId);
  if (!member) throw notFound('Queue member', memberId);
  if (isRecord(body) && typeof body['joined'] === 'boolean') member.joined = body['joined'];
}

export function deleteQueueMember(org: OrgState, queueId: string, memberId: string): void {
  const queue = getQueue(org, queueId);
  if (!queue.members.delete(memberId)) throw notFound('Queue member', memberId);
}

export function userView(org: OrgState, user: SimUser): Json {
  return {
    id: user.id,
    name: user.displayName,
    division: { id: org.homeDivision.id, name: org.homeDivision.name },
    email: user.userName,
    username: user.userName,
    state: user.state,
    version: user.version,
    ...(user.title !== undefined ? { title: user.title } : {}),
    ...(user.department !== undefined ? { department: user.department } : {}),
    selfUri: `/api/v2/users/${user.id}`,
  };
}

export interface MemberQuery {
  name?: string;
  joined?: string;
}

export function listQueueMembers(
  org: OrgState,
  queueId: string,
  query: MemberQuery,
  request: PageRequest,
): unknown {
  const queue = getQueue(org, queueId);
  const members = [...queue.members]
    .map(([userId, membership]) => ({ user: org.users.get(userId), membership }))
    .filter(
      (m): m is { user: SimUser; membership: { joined: boolean; ringNumber: number } } =>
        m.user !== undefined,
    )
    .filter((m) => nameMatches(m.user.displayName, query.name))
    .filter((m) => query.joined === undefined || String(m.membership.joined) === query.joined)
    .map(({ user, membership }) => ({
      id: user.id,
      name: user.displayName,
      user: userView(org, user),
      ringNumber: membership.ringNumber,
      joined: membership.joined,
      memberBy: 'user',
      selfUri: `/api/v2/users/${user.id}`,
    }));
  // QueueMemberEntityListing has no total, pageCount or lastUri.
  return page(members, request, `${QUEUES}/${queueId}/members`, false);
}

function catalogView(entry: CatalogEntry, base: string): Json {
  return {
    id: entry.id,
    name: entry.name,
    dateModified: entry.dateModified,
    state: entry.state,
    version: String(entry.version),
    selfUri: `${base}/${entry.id}`,
  };
}

export const skillView = (entry: CatalogEntry): Json => catalogView(entry, SKILLS);
export const languageView = (entry: CatalogEntry): Json => catalogView(entry, LANGUAGES);

function createCatalogEntry(
  map: Map<string, CatalogEntry>,
  clock: Clock,
  body: unknown,
  what: string,
  foreign: boolean,
): CatalogEntry {
  const name = requireName(body);
  assertUniqueName(map.values(), name, what);
  const now = isoAt(clock);
  const entry: CatalogEntry = {
    id: newId(),
    name,
    state: 'active',
    version: 1,
    dateCreated: now,
    dateModified: now,
    foreign,
  };
  map.set(entry.id, entry);
  return entry;
}

export const createSkill = (org: OrgState, clock: Clock, body: unknown, foreign = false): CatalogEntry =>
  createCatalogEntry(org.skills, clock, body, 'skill', foreign);
export const createLanguage = (org: OrgState, clock: Clock, body: unknown, foreign = false): CatalogEntry =>
  createCatalogEntry(org.languages, clock, body, 'language', foreign);

function getCatalogEntry(map: Map<string, CatalogEntry>, id: string, what: string): CatalogEntry {
  const entry = map.get(id);
  if (!entry || entry.state === 'deleted') throw notFound(what, id);
  return entry;
}

export const getSkill = (org: OrgState, id: string): CatalogEntry => getCatalogEntry(org.skills, id, 'Skill');
export const getLanguage = (org: OrgState, id: string): CatalogEntry =>
  getCatalogEntry(org.languages, id, 'Language');

/** Deleting a skill or language keeps it with state `deleted` (the model's state enum) and unassigns it. */
export function deleteSkill(org: OrgState, clock: Clock, id: string): void {
  const skill = getSkill(org, id);
  skill.state = 'deleted';
  skill.version += 1;
  skill.dateModified = isoAt(clock);
  for (const user of org.users.values()) user.skills.delete(id);
}

export function deleteLanguage(org: OrgState, clock: Clock, id: string): void {
  const language = getLanguage(org, id);
  language.state = 'deleted';
  language.version += 1;
  language.dateModified = isoAt(clock);
  for (const user of org.users.values()) user.languages.delete(id);
}

export interface CatalogQuery {
  name?: string;
  id?: string[];
  sortOrder?: string;
}

/** Skills match `name` as "starts with" (the skills API says so); languages the same way [INF]. */
export function listCatalog(
  map: Map<string, CatalogEntry>,
  query: CatalogQuery,
  request: PageRequest,
  base: string,
): unknown {
  const found = sortByName(
    [...map.values()].filter(
      (e) => e.state !== 'deleted' && nameMatches(e.name, query.name, true) && idFilter(query.id)(e.id),
    ),
    query.sortOrder,
  );
  return page(
    found.map((e) => catalogView(e, base)),
    request,
    base,
  );
}

export const listSkills = (org: OrgState, query: CatalogQuery, request: PageRequest): unknown =>
  listCatalog(org.skills, query, request, SKILLS);
export const listLanguages = (org: OrgState, query: CatalogQuery, request: PageRequest): unknown =>
  listCatalog(org.languages, query, request, LANGUAGES);

export function wrapupCodeView(org: OrgState, code: WrapupCodeEntry): Json {
  return {
    id: code.id,
    name: code.name,
    division: {
      id: code.divisionId,
      name: org.homeDivision.name,
      selfUri: `/api/v2/authorization/divisions/${code.divisionId}`,
    },
    ...(code.description !== undefined ? { description: code.description } : {}),
    dateCreated: code.dateCreated,
    dateModified: code.dateModified,
    createdBy: 'simulator',
    modifiedBy: 'simulator',
    selfUri: `${WRAPUPCODES}/${code.id}`,
  };
}

export function createWrapupCode(
  org: OrgState,
  clock: Clock,
  body: unknown,
  foreign = false,
): WrapupCodeEntry {
  const name = requireName(body);
  assertUniqueName(org.wrapupCodes.values(), name, 'wrap-up code');
  const json = body as Json;
  const now = isoAt(clock);
  const code: WrapupCodeEntry = {
    id: newId(),
    name,
    description: typeof json['description'] === 'string' ? json['description'] : undefined,
    divisionId: divisionOf(org, json),
    state: 'active',
    version: 1,
    dateCreated: now,
    dateModified: now,
    foreign,
  };
  org.wrapupCodes.set(code.id, code);
  return code;
}

export function getWrapupCode(org: OrgState, id: string): WrapupCodeEntry {
  const code = org.wrapupCodes.get(id);
  if (!code) throw notFound('Wrap-up code', id);
  return code;
}

export function updateWrapupCode(org: OrgState, clock: Clock, id: string, body: unknown): WrapupCodeEntry {
  const code = getWrapupCode(org, id);
  const name = requireName(body);
  assertUniqueName(org.wrapupCodes.values(), name, 'wrap-up code', id);
  const json = body as Json;
  code.name = name;
  code.description = typeof json['description'] === 'string' ? json['description'] : undefined;
  code.version += 1;
  code.dateModified = isoAt(clock);
  return code;
}

export function deleteWrapupCode(org: OrgState, id: string): void {
  getWrapupCode(org, id);
  org.wrapupCodes.delete(id);
  for (const queue of org.queues.values()) queue.wrapupCodes.delete(id);
}

export function listWrapupCodes(
  org: OrgState,
  query: CatalogQuery & { sortBy?: string },
  request: PageRequest,
): unknown {
  let found = [...org.wrapupCodes.values()].filter(
    (c) => nameMatches(c.name, query.name) && idFilter(query.id)(c.id),
  );
  found =
    query.sortBy === 'id' ? found.sort((a, b) => a.id.localeCompare(b.id)) : sortByName(found, undefined);
  if (query.sortOrder === 'descending' || query.sortOrder === 'desc') found.reverse();
  return page(
    found.map((c) => wrapupCodeView(org, c)),
    request,
    WRAPUPCODES,
  );
}

export function addQueueWrapupCodes(org: OrgState, queueId: string, body: unknown): Json[] {
  const queue = getQueue(org, queueId);
  const entries = requireArray(body, 'wrap-up codes', MAX_QUEUE_WRAPUPCODES_PER_CALL);
  const codes = entries.map((entry) => getWrapupCode(org, String(entry['id'])));
  for (const code of codes) queue.wrapupCodes.add(code.id);
  return codes.map((c) => wrapupCodeView(org, c));
}

export function listQueueWrapupCodes(org: OrgState, queueId: string, request: PageRequest): unknown {
  const queue = getQueue(org, queueId);
  const codes = [...queue.wrapupCodes].flatMap((id) => {
    const code = org.wrapupCodes.get(id);
    return code ? [wrapupCodeView(org, code)] : [];
  });
  return page(codes, request, `${QUEUES}/${queueId}/wrapupcodes`);
}

export function removeQueueWrapupCode(org: OrgState, queueId: string, codeId: string): void {
  if (!getQueue(org, queueId).wrapupCodes.delete(codeId)) throw notFound('Queue wrap-up code', codeId);
}

function proficiency(value: unknown): number {
  if (typeof value !== 'number' || Number.isNaN(value) || value < 0 || value > 5) {
    throw invalidValue('proficiency must be a number from 0.0 to 5.0');
  }
  return value;
}

function userSkillView(org: OrgState, userId: string, skillId: string, level: number): Json {
  const skill = org.skills.get(skillId);
  return {
    id: skillId,
    name: skill?.name ?? skillId,
    proficiency: level,
    state: skill?.state ?? 'active',
    skillUri: `${SKILLS}/${skillId}`,
    selfUri: `/api/v2/users/${userId}/routingskills/${skillId}`,
  };
}

function userLanguageView(org: OrgState, userId: string, languageId: string, level: number): Json {
  const language = org.languages.get(languageId);
  return {
    id: languageId,
    name: language?.name ?? languageId,
    proficiency: level,
    state: language?.state ?? 'active',
    languageUri: `${LANGUAGES}/${languageId}`,
    selfUri: `/api/v2/users/${userId}/routinglanguages/${languageId}`,
  };
}

function touch(user: SimUser, clock: Clock): void {
  user.version += 1;
  user.dateModified = isoAt(clock);
}

export function listUserSkills(org: OrgState, userId: string, request: PageRequest): unknown {
  const user = activeUser(org, userId);
  const views = [...user.skills].map(([id, level]) => userSkillView(org, userId, id, level));
  return page(
    sortByName(views as { name: string }[], undefined),
    request,
    `/api/v2/users/${userId}/routingskills`,
  );
}

function readSkillPosts(org: OrgState, body: unknown, max: number): Map<string, number> {
  const posts = new Map<string, number>();
  for (const entry of requireArray(body, 'routing skills', max)) {
    const id = String(entry['id']);
    getSkill(org, id);
    posts.set(id, proficiency(entry['proficiency']));
  }
  return posts;
}

/** PUT …/routingskills/bulk replaces every assignment; PATCH adds or updates and keeps the rest. */
export function bulkUserSkills(
  org: OrgState,
  clock: Clock,
  userId: string,
  body: unknown,
  replace: boolean,
): unknown {
  const user = activeUser(org, userId);
  const posts = readSkillPosts(org, body, Number.MAX_SAFE_INTEGER);
  if (replace) user.skills = posts;
  else for (const [id, level] of posts) user.skills.set(id, level);
  touch(user, clock);
  return listUserSkills(org, userId, { pageNumber: 1, pageSize: Math.max(1, user.skills.size) });
}

export function addUserSkill(org: OrgState, clock: Clock, userId: string, body: unknown): Json {
  const user = activeUser(org, userId);
  const [entry] = [...readSkillPosts(org, [body], 1)];
  if (!entry) throw badRequest('A routing skill is required');
  user.skills.set(entry[0], entry[1]);
  touch(user, clock);
  return userSkillView(org, userId, entry[0], entry[1]);
}

export function putUserSkill(
  org: OrgState,
  clock: Clock,
  userId: string,
  skillId: string,
  body: unknown,
): Json {
  const user = activeUser(org, userId);
  getSkill(org, skillId);
  const level = proficiency(isRecord(body) ? body['proficiency'] : undefined);
  user.skills.set(skillId, level);
  touch(user, clock);
  return userSkillView(org, userId, skillId, level);
}

export function deleteUserSkill(org: OrgState, clock: Clock, userId: string, skillId: string): void {
  const user = activeUser(org, userId);
  if (!user.skills.delete(skillId)) throw notFound('User routing skill', skillId);
  touch(user, clock);
}

export function listUserLanguages(org: OrgState, userId: string, request: PageRequest): unknown {
  const user = activeUser(org, userId);
  const views = [...user.languages].map(([id, level]) => userLanguageView(org, userId, id, level));
  return page(
    sortByName(views as { name: string }[], undefined),
    request,
    `/api/v2/users/${userId}/routinglanguages`,
  );
}

function readLanguagePosts(org: OrgState, body: unknown, max: number): Map<string, number> {
  const posts = new Map<string, number>();
  for (const entry of requireArray(body, 'routing languages', max)) {
    const id = String(entry['id']);
    getLanguage(org, id);
    posts.set(id, proficiency(entry['proficiency']));
  }
  return posts;
}

/** PATCH …/routinglanguages/bulk adds or updates, at most 50 in the body; there is no bulk replace. */
export function patchUserLanguages(org: OrgState, clock: Clock, userId: string, body: unknown): unknown {
  const user = activeUser(org, userId);
  for (const [id, level] of readLanguagePosts(org, body, MAX_USER_LANGUAGES_PER_CALL))
    user.languages.set(id, level);
  touch(user, clock);
  return listUserLanguages(org, userId, { pageNumber: 1, pageSize: Math.max(1, user.languages.size) });
}

export function addUserLanguage(org: OrgState, clock: Clock, userId: string, body: unknown): Json {
  const user = activeUser(org, userId);
  const [entry] = [...readLanguagePosts(org, [body], 1)];
  if (!entry) throw badRequest('A routing language is required');
  user.languages.set(entry[0], entry[1]);
  touch(user, clock);
  return userLanguageView(org, userId, entry[0], entry[1]);
}

export function patchUserLanguage(
  org: OrgState,
  clock: Clock,
  userId: string,
  languageId: string,
  body: unknown,
): Json {
  const user = activeUser(org, userId);
  getLanguage(org, languageId);
  const level = proficiency(isRecord(body) ? body['proficiency'] : undefined);
  user.languages.set(languageId, level);
  touch(user, clock);
  return userLanguageView(org, userId, languageId, level);
}

export function deleteUserLanguage(org: OrgState, clock: Clock, userId: string, languageId: string): void {
  const user = activeUser(org, userId);
  if (!user.languages.delete(languageId)) throw notFound('User routing language', languageId);
  touch(user, clock);
}
