import { badRequest, invalidValue, notFound } from './api-error';
import { type Clock, isoAt } from './clock';
import { newId } from './ids';
import {
  type OrgState,
  PURECLOUD_SOURCE,
  type PresenceDefinitionEntry,
  type PresenceEntry,
  type RoutingStatusEntry,
  SYSTEM_PRESENCES,
  type SourceEntry,
  type SystemPresence,
  definitionName,
  systemPresenceId,
} from './org-state';
import { activeUser, userView } from './routing';

/** Presence definitions and sources, a user's presences, routing status and out of office. */
type Json = Record<string, unknown>;
const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const DEFINITIONS = '/api/v2/presence/definitions';
const SOURCES = '/api/v2/presence/sources';
export const MAX_BULK_PRESENCE_IDS = 50;
const ROUTING_STATUSES = ['OFF_QUEUE', 'IDLE', 'INTERACTING', 'NOT_RESPONDING', 'COMMUNICATING'] as const;

export function definitionView(d: PresenceDefinitionEntry): Json {
  return {
    id: d.id,
    name: definitionName(d),
    type: d.type,
    languageLabels: { ...d.languageLabels },
    systemPresence: d.systemPresence,
    divisionId: d.divisionId,
    deactivated: d.deactivated,
    selfUri: `${DEFINITIONS}/${d.id}`,
  };
}

function readDefinition(body: unknown): Pick<PresenceDefinitionEntry, 'languageLabels' | 'systemPresence'> {
  if (!isRecord(body)) throw badRequest('The body must be an OrganizationPresenceDefinition');
  const labels = body['languageLabels'];
  if (
    !isRecord(labels) ||
    Object.keys(labels).length === 0 ||
    !Object.values(labels).every((v) => typeof v === 'string')
  ) {
    throw badRequest('languageLabels is required, e.g. {"en_US": "Lunch"}');
  }
  const system = body['systemPresence'];
  if (typeof system !== 'string' || !(SYSTEM_PRESENCES as readonly string[]).includes(system)) {
    throw invalidValue(`systemPresence must be one of ${SYSTEM_PRESENCES.join(', ')}`);
  }
  return { languageLabels: labels as Record<string, string>, systemPresence: system as SystemPresence };
}

/** [INF] Genesys offers no secondary statuses under these system presences. */
const NO_SECONDARY_STATUS: readonly SystemPresence[] = ['OnQueue', 'Offline'];

function readUserDefinition(body: unknown): ReturnType<typeof readDefinition> {
  const fields = readDefinition(body);
  if (NO_SECONDARY_STATUS.includes(fields.systemPresence))
    throw invalidValue(`A secondary status cannot be under ${fields.systemPresence}`);
  return fields;
}

/** New definitions are secondary statuses (`type: User`) under a system presence [INF]. */
export function createDefinition(org: OrgState, body: unknown, foreign = false): PresenceDefinitionEntry {
  const fields = readUserDefinition(body);
  const entry: PresenceDefinitionEntry = {
    id: newId(),
    type: 'User',
    ...fields,
    divisionId: org.homeDivision.id,
    deactivated: false,
    foreign,
  };
  org.presenceDefinitions.set(entry.id, entry);
  return entry;
}

export function getDefinition(org: OrgState, id: string): PresenceDefinitionEntry {
  const entry = org.presenceDefinitions.get(id);
  if (!entry) throw notFound('Presence definition', id);
  return entry;
}

export function updateDefinition(org: OrgState, id: string, body: unknown): PresenceDefinitionEntry {
  const entry = getDefinition(org, id);
  Object.assign(entry, entry.type === 'User' ? readUserDefinition(body) : readDefinition(body));
  if (isRecord(body) && typeof body['deactivated'] === 'boolean') entry.deactivated = body['deactivated'];
  return entry;
}

/** System definitions cannot be deleted [INF]; a User one is deactivated, which is how Genesys retires them. */
export function deleteDefinition(org: OrgState, id: string): void {
  const entry = getDefinition(org, id);
  if (entry.type === 'System') throw badRequest('System presence definitions cannot be deleted');
  entry.deactivated = true;
}

export function listDefinitions(org: OrgState, deactivated: string | undefined): Json {
  const wantDeactivated = deactivated === 'true';
  const entities = [...org.presenceDefinitions.values()]
    .filter((d) => d.deactivated === wantDeactivated)
    .map(definitionView);
  return { total: entities.length, entities, selfUri: DEFINITIONS };
}

export function sourceView(s: SourceEntry): Json {
  return {
    id: s.id,
    name: s.name,
    ...(s.description !== undefined ? { description: s.description } : {}),
    type: s.type,
    deactivated: s.deactivated,
    selfUri: `${SOURCES}/${s.id}`,
  };
}

export function createSource(org: OrgState, body: unknown): SourceEntry {
  if (!isRecord(body) || typeof body['name'] !== 'string' || body['name'] === '')
    throw badRequest('name is required');
  const entry: SourceEntry = {
    id: newId(),
    name: body['name'],
    description: typeof body['description'] === 'string' ? body['description'] : undefined,
    type: 'User',
    deactivated: false,
  };
  org.sources.set(entry.id, entry);
  return entry;
}

export function getSource(org: OrgState, id: string): SourceEntry {
  const entry = org.sources.get(id);
  if (!entry) throw notFound('Presence source', id);
  return entry;
}

export function updateSource(org: OrgState, id: string, body: unknown): SourceEntry {
  const entry = getSource(org, id);
  if (!isRecord(body) || typeof body['name'] !== 'string' || body['name'] === '')
    throw badRequest('name is required');
  entry.name = body['name'];
  entry.description = typeof body['description'] === 'string' ? body['description'] : undefined;
  if (typeof body['deactivated'] === 'boolean') entry.deactivated = body['deactivated'];
  return entry;
}

export function deleteSource(org: OrgState, id: string): void {
  getSource(org, id).deactivated = true;
}

export function listSources(org: OrgState, deactivated: string | undefined): Json {
  const wantDeactivated = deactivated === 'true';
  const entities = [...org.sources.values()].filter((s) => s.deactivated === wantDeactivated).map(sourceView);
  return { total: entities.length, entities, selfUri: SOURCES };
}

function knownSource(org: OrgState, sourceId: string): string {
  if (sourceId === PURECLOUD_SOURCE) return PURECLOUD_SOURCE;
  return getSource(org, sourceId).id;
}

export function getPrimarySource(org: OrgState, userId: string): Json {
  activeUser(org, userId);
  const primary = org.primarySources.get(userId) ?? { sourceId: PURECLOUD_SOURCE, registered: false };
  return { ...primary, selfUri: `/api/v2/presence/users/${userId}/primarysource` };
}

export function putPrimarySource(org: OrgState, userId: string, body: unknown): Json {
  activeUser(org, userId);
  if (!isRecord(body) || typeof body['sourceId'] !== 'string') throw badRequest('sourceId is required');
  const sourceId = knownSource(org, body['sourceId']);
  org.primarySources.set(userId, { sourceId, registered: body['registered'] === true });
  return getPrimarySource(org, userId);
}

function offlineId(): string {
  return systemPresenceId('Offline');
}

export function presenceView(org: OrgState, userId: string, sourceId: string): Json {
  const entry = org.presences.get(userId)?.get(sourceId);
  const definitionId = entry?.presenceDefinitionId ?? offlineId();
  const definition = org.presenceDefinitions.get(definitionId);
  const primary = (org.primarySources.get(userId)?.sourceId ?? PURECLOUD_SOURCE) === sourceId;
  return {
    source: sourceId === PURECLOUD_SOURCE ? 'PURECLOUD' : (org.sources.get(sourceId)?.name ?? sourceId),
    sourceId,
    primary,
    presenceDefinition: {
      id: definitionId,
      systemPresence: definition?.systemPresence ?? 'Offline',
      selfUri: `${DEFINITIONS}/${definitionId}`,
    },
    ...(entry?.message !== undefined ? { message: entry.message } : {}),
    ...(entry ? { modifiedDate: entry.modifiedDate } : {}),
    selfUri: `/api/v2/users/${userId}/presences/${sourceId}`,
  };
}

export function getUserPresence(org: OrgState, userId: string, sourceId: string): Json {
  activeUser(org, userId);
  return presenceView(org, userId, knownSource(org, sourceId));
}

/** PATCH /users/{id}/presences/{sourceId}: one or more of primary, presenceDefinition.id and message. */
export function patchUserPresence(
  org: OrgState,
  clock: Clock,
  userId: string,
  sourceId: string,
  body: unknown,
): Json {
  activeUser(org, userId);
  const source = knownSource(org, sourceId);
  if (!isRecord(body)) throw badRequest('The body must be a UserPresence');
  const perUser = org.presences.get(userId) ?? new Map<string, PresenceEntry>();
  org.presences.set(userId, perUser);
  const current = perUser.get(source) ?? { presenceDefinitionId: offlineId(), modifiedDate: isoAt(clock) };
  const definition = body['presenceDefinition'];
  if (definition !== undefined) {
    if (!isRecord(definition) || typeof definition['id'] !== 'string')
      throw badRequest('presenceDefinition.id is required');
    const entry = getDefinition(org, definition['id']);
    if (entry.deactivated) throw invalidValue(`Presence definition ${entry.id} is deactivated`);
    current.presenceDefinitionId = entry.id;
  }
  if (typeof body['message'] === 'string') current.message = body['message'];
  if (body['primary'] === true) org.primarySources.set(userId, { sourceId: source, registered: false });
  if (definition === undefined && typeof body['message'] !== 'string' && body['primary'] !== true) {
    throw badRequest('Set presenceDefinition, message or primary');
  }
  current.modifiedDate = isoAt(clock);
  perUser.set(source, current);
  return presenceView(org, userId, source);
}

/** PUT /users/presences/bulk: MutableUserPresence[] each naming its user (id) and source. */
export function putPresencesBulk(org: OrgState, clock: Clock, body: unknown): Json[] {
  if (!Array.isArray(body) || !body.every(isRecord))
    throw badRequest('The body must be an array of UserPresence');
  return body.map((entry) => {
    const userId = typeof entry['id'] === 'string' ? entry['id'] : '';
    const sourceId = typeof entry['sourceId'] === 'string' ? entry['sourceId'] : PURECLOUD_SOURCE;
    return patchUserPresence(org, clock, userId, sourceId, entry);
  });
}

export function getPresencesBulk(org: OrgState, sourceId: string, ids: string[]): Json[] {
  if (ids.length === 0) throw badRequest('id is required');
  if (ids.length > MAX_BULK_PRESENCE_IDS)
    throw badRequest(`At most ${MAX_BULK_PRESENCE_IDS} ids may be requested`);
  const source = knownSource(org, sourceId);
  return ids
    .filter((id) => org.users.has(id))
    .map((userId) => {
      const { primary: _primary, ...rest } = presenceView(org, userId, source);
      return { ...rest, userId };
    });
}

export function getRoutingStatus(org: OrgState, clock: Clock, userId: string): Json {
  activeUser(org, userId);
  const entry = org.routingStatus.get(userId) ?? { status: 'OFF_QUEUE', startTime: isoAt(clock) };
  return { userId, status: entry.status, startTime: entry.startTime };
}

/** Only OFF_QUEUE and IDLE are meant to be set through PUT [INF]; the others come from conversations. */
export function putRoutingStatus(org: OrgState, clock: Clock, userId: string, body: unknown): Json {
  activeUser(org, userId);
  const status = isRecord(body) ? body['status'] : undefined;
  if (typeof status !== 'string' || !(ROUTING_STATUSES as readonly string[]).includes(status)) {
    throw invalidValue(`status must be one of ${ROUTING_STATUSES.join(', ')}`);
  }
  if (status !== 'OFF_QUEUE' && status !== 'IDLE') throw badRequest('Only OFF_QUEUE and IDLE can be set');
  const entry: RoutingStatusEntry = { status, startTime: isoAt(clock) };
  org.routingStatus.set(userId, entry);
  return { userId, ...entry };
}

export function getOutOfOffice(org: OrgState, userId: string): Json {
  const user = activeUser(org, userId);
  const entry = org.outOfOffice.get(userId) ?? { active: false, indefinite: false };
  return {
    id: userId,
    user: userView(org, user),
    ...entry,
    selfUri: `/api/v2/users/${userId}/outofoffice`,
  };
}

const isDateTime = (value: unknown): boolean => typeof value === 'string' && !Number.isNaN(Date.parse(value));

export function putOutOfOffice(org: OrgState, userId: string, body: unknown): Json {
  activeUser(org, userId);
  if (!isRecord(body)) throw badRequest('The body must be an OutOfOffice');
  const active = body['active'] === true;
  const indefinite = body['indefinite'] === true;
  const { startDate, endDate } = body;
  if (startDate !== undefined && !isDateTime(startDate))
    throw invalidValue('startDate must be an ISO-8601 date-time');
  if (endDate !== undefined && !isDateTime(endDate))
    throw invalidValue('endDate must be an ISO-8601 date-time');
  if (
    typeof startDate === 'string' &&
    typeof endDate === 'string' &&
    Date.parse(endDate) < Date.parse(startDate)
  )
    throw invalidValue('endDate must not be before startDate');
  if (active && !indefinite && (startDate === undefined || endDate === undefined)) {
    throw badRequest('An active, non-indefinite out of office needs startDate and endDate');
  }
  org.outOfOffice.set(userId, {
    active,
    indefinite,
    ...(typeof startDate === 'string' ? { startDate } : {}),
    ...(typeof endDate === 'string' ? { endDate } : {}),
  });
  return getOutOfOffice(org, userId);
}

/**
 * For /sim/state: per user, the presence of the primary source (with its definition's name and system presence),
 * the primary source, routing status and out of office; and the definitions and sources. Tests compare it with
 * what the client under test meant to set.
 */
export function presenceState(org: OrgState): Json {
  const users: Json = {};
  for (const userId of org.users.keys()) {
    const primarySourceId = org.primarySources.get(userId)?.sourceId ?? PURECLOUD_SOURCE;
    const presence = org.presences.get(userId)?.get(primarySourceId);
    const definition = presence ? org.presenceDefinitions.get(presence.presenceDefinitionId) : undefined;
    const routing = org.routingStatus.get(userId);
    const outOfOffice = org.outOfOffice.get(userId);
    users[userId] = {
      primarySourceId,
      ...(presence && definition
        ? {
            presence: {
              sourceId: primarySourceId,
              presenceDefinitionId: definition.id,
              systemPresence: definition.systemPresence,
              name: definitionName(definition),
              eventDateTime: presence.modifiedDate,
              ...(presence.message !== undefined ? { message: presence.message } : {}),
            },
          }
        : {}),
      ...(routing ? { routingStatus: { status: routing.status, eventDateTime: routing.startTime } } : {}),
      ...(outOfOffice
        ? {
            outOfOffice: {
              active: outOfOffice.active,
              ...(outOfOffice.endDate !== undefined ? { endDate: outOfOffice.endDate } : {}),
            },
          }
        : {}),
    };
  }
  return {
    users,
    definitions: [...org.presenceDefinitions.values()].map(definitionView),
    sources: [...org.sources.values()].map(sourceView),
  };
}
