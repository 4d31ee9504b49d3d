import { ConversationLedger } from './conversations';
import { EventLedger } from './event-ledger';
import { stableId } from './ids';

/**
 * The whole in-memory organization. Plain data: the rule modules (scim-users, routing, presence, wfm) read and
 * change it, /sim/state dumps it, /sim/reset replaces it. `foreign` marks objects seeded through /sim/seed, i.e.
 * created by someone other than the client under test, so tests can check the client leaves them alone.
 */
export type EntityState = 'active' | 'inactive' | 'deleted';

export interface PhoneNumber {
  value: string;
  type?: string;
  primary?: boolean;
}

export interface Email {
  value: string;
  type?: string;
  primary?: boolean;
}

export interface SimUser {
  id: string;
  userName: string;
  displayName: string;
  active: boolean;
  state: EntityState;
  title?: string;
  password: string;
  phoneNumbers: PhoneNumber[];
  emails: Email[];
  externalId?: string;
  roles: { value: string }[];
  division?: string;
  department?: string;
  managerId?: string;
  employeeNumber?: string;
  dateHire?: string;
  externalIds: { authority: string; value: string }[];
  /** skill id → proficiency; shared by SCIM routingSkills and /users/{id}/routingskills. */
  skills: Map<string, number>;
  languages: Map<string, number>;
  version: number;
  dateCreated: string;
  dateModified: string;
  foreign: boolean;
}

export interface CatalogEntry {
  id: string;
  name: string;
  state: EntityState;
  version: number;
  dateCreated: string;
  dateModified: string;
  foreign: boolean;
}

export interface WrapupCodeEntry extends CatalogEntry {
  description?: string;
  divisionId: string;
}

export interface QueueMembership {
  joined: boolean;
  ringNumber: number;
}

export interface QueueEntry {
  id: string;
  name: string;
  description?: string;
  divisionId: string;
  dateCreated: string;
  dateModified: string;
  /** Settings the simulator stores and echoes without interpreting (mediaSettings, acwSettings, …). */
  settings: Record<string, unknown>;
  members: Map<string, QueueMembership>;
  wrapupCodes: Set<string>;
  foreign: boolean;
}

export const SYSTEM_PRESENCES = [
  'Available',
  'Away',
  'Busy',
  'Offline',
  'Idle',
  'OnQueue',
  'Meal',
  'Training',
  'Meeting',
  'Break',
] as const;
export type SystemPresence = (typeof SYSTEM_PRESENCES)[number];

export interface PresenceDefinitionEntry {
  id: string;
  type: 'System' | 'User';
  languageLabels: Record<string, string>;
  systemPresence: SystemPresence;
  divisionId: string;
  deactivated: boolean;
  foreign: boolean;
}

export interface SourceEntry {
  id: string;
  name: string;
  description?: string;
  type: 'System' | 'User';
  deactivated: boolean;
}

export interface PresenceEntry {
  presenceDefinitionId: string;
  message?: string;
  modifiedDate: string;
  /** When the simulator took the event that set it (events API only). */
  receivedAt?: string;
}

export interface RoutingStatusEntry {
  status: 'OFF_QUEUE' | 'IDLE' | 'INTERACTING' | 'NOT_RESPONDING' | 'COMMUNICATING';
  startTime: string;
  /** When the simulator took the event that set it (events API only). */
  receivedAt?: string;
}

export interface OutOfOfficeEntry {
  startDate?: string;
  endDate?: string;
  active: boolean;
  indefinite: boolean;
}

export interface UploadEntry {
  uploadKey: string;
  fileName: string;
  createdAt: string;
  expiresAt: number;
  csv?: string;
}

export interface HistoricalImport {
  requestId: string;
  dateImportEnded: string;
  dateImportStarted?: string;
  status:
    'Initiated' | 'InProgress' | 'Pending' | 'Success' | 'Failed' | 'Cancelled' | 'Purged' | 'PurgePending';
  error?: string;
  dateCreated: string;
  dateModified: string;
  active: boolean;
  type: 'Csv' | 'Json';
  fileName: string;
  fileSize: number;
  /** Queue × media combinations in the file, for the "must not appear in another file" rule. */
  queueMedia: string[];
  rows: number;
  /** The file as received (the sandbox's record, for tests); not part of the Genesys answer. */
  csv: string;
  /** The check's verdict, published when the processing time is over (`settleAt`, simulated ms). */
  verdict: { status: 'Success' | 'Failed'; error?: string };
  settleAt: number;
}

export interface OrgState {
  orgName: string;
  homeDivision: { id: string; name: string };
  users: Map<string, SimUser>;
  skills: Map<string, CatalogEntry>;
  languages: Map<string, CatalogEntry>;
  wrapupCodes: Map<string, WrapupCodeEntry>;
  queues: Map<string, QueueEntry>;
  presenceDefinitions: Map<string, PresenceDefinitionEntry>;
  sources: Map<string, SourceEntry>;
  /** userId → sourceId ('purecloud' for the built-in source) → presence */
  presences: Map<string, Map<string, PresenceEntry>>;
  primarySources: Map<string, { sourceId: string; registered: boolean }>;
  routingStatus: Map<string, RoutingStatusEntry>;
  outOfOffice: Map<string, OutOfOfficeEntry>;
  presenceSettings: Record<string, unknown>;
  uploads: Map<string, UploadEntry>;
  imports: HistoricalImport[];
  deleteJobs: Map<string, { id: string; requestIds: string[] }>;
  /** Conversations the events API made; presence and routing status events leave their mark in the user's state. */
  conversations: ConversationLedger;
  eventLedger: EventLedger;
}

/** The built-in source's id in paths (`/users/{userId}/presences/purecloud`). */
export const PURECLOUD_SOURCE = 'purecloud';

export function systemPresenceId(name: SystemPresence): string {
  return stableId(`presence:${name}`);
}

export function newOrg(orgName: string): OrgState {
  const homeDivision = { id: stableId('division:Home'), name: 'Home' };
  const presenceDefinitions = new Map<string, PresenceDefinitionEntry>();
  for (const name of SYSTEM_PRESENCES) {
    const id = systemPresenceId(name);
    presenceDefinitions.set(id, {
      id,
      type: 'System',
      languageLabels: { en_US: name === 'OnQueue' ? 'On Queue' : name },
      systemPresence: name,
      divisionId: homeDivision.id,
      deactivated: false,
      foreign: false,
    });
  }
  return {
    orgName,
    homeDivision,
    users: new Map(),
    skills: new Map(),
    languages: new Map(),
    wrapupCodes: new Map(),
    queues: new Map(),
    presenceDefinitions,
    sources: new Map(),
    presences: new Map(),
    primarySources: new Map(),
    routingStatus: new Map(),
    outOfOffice: new Map(),
    presenceSettings: { id: stableId('presence-settings'), requestingOffQueueEnabled: false },
    uploads: new Map(),
    imports: [],
    deleteJobs: new Map(),
    conversations: new ConversationLedger(),
    eventLedger: new EventLedger(),
  };
}

/** The name a definition shows: its en_US label, else its first one. */
export function definitionName(d: PresenceDefinitionEntry): string {
  return d.languageLabels['en_US'] ?? Object.values(d.languageLabels)[0] ?? '';
}

/**
 * JSON-safe snapshot for /sim/state (Maps and Sets become objects and arrays; passwords are left out, and so is
 * the event ledgers, whose id sets grow with every event: /sim/presence-stats and /sim/conversations give them).
 */
export function dumpOrg(org: OrgState): unknown {
  return JSON.parse(
    JSON.stringify(org, (key, value: unknown) => {
      if (key === 'password' || key === 'eventLedger' || key === 'conversations') return undefined;
      if (value instanceof Map) return Object.fromEntries(value as Map<string, unknown>);
      if (value instanceof Set) return [...(value as Set<unknown>)];
      return value;
    }),
  );
}
