import type { GenesysDump } from './expected-org';

/**
 * What Genesys should show for a CIC user's status, from the default mapping table of presence-api.md written
 * here on its own (not through libs/presence-mapping), so a wrong rule cannot agree with itself; and the same
 * view read from the Genesys simulator's /sim/state.
 */
export type PresenceMode = 'wem' | 'statusOnly';

export interface CicStatusMessage {
  statusId: string;
  messageText: string;
  groupTag: string;
  isAcdStatus: boolean;
  isAfterCallWorkStatus: boolean;
  isDoNotDisturbStatus: boolean;
}

export interface CicUserStatus {
  userId: string;
  statusId: string;
  loggedIn: boolean;
  onPhone: boolean;
  /** As `/sim/user-statuses` takes it (a date-time) or as `/sim/center` shows it. */
  until?: string | { dateTime: string };
}

/** The CIC simulator's center as far as presence goes (`GET /sim/center`). */
export interface CicPresenceCenter {
  statusMessages: CicStatusMessage[];
  userStatuses: CicUserStatus[];
}

export interface PresenceView {
  systemPresence: string;
  /** The presence definition's name: the secondary status (= CIC message text) or the system presence's. */
  name: string;
  /** RoutingStatus spelling; WEM only. */
  routingStatus?: string;
  /** Only an active out of office; WEM only. */
  outOfOffice?: { active: true; endDate?: string };
}

/** The System definitions' names in Genesys. */
const SYSTEM_NAMES: Record<string, string> = { OnQueue: 'On Queue', Offline: 'Offline' };
const BY_STATUS_ID: Record<string, string> = {
  'at lunch': 'Meal',
  'away from desk': 'Away',
  'on break': 'Break',
  'in a meeting': 'Meeting',
  training: 'Training',
  'gone home': 'Offline',
};
const OUT_OF_OFFICE = new Set(['out of the office', 'on vacation', 'out of town']);

export function expectedPresence(
  status: CicUserStatus,
  message: CicStatusMessage | undefined,
  mode: PresenceMode,
): PresenceView {
  const id = status.statusId.toLowerCase();
  const outOfOffice = status.loggedIn && OUT_OF_OFFICE.has(id);
  const byId = outOfOffice ? 'Away' : BY_STATUS_ID[id];
  // The status id first (case-insensitive), then the status message's flags, then its group.
  const onQueue =
    status.loggedIn && !byId && !!message && (message.isAfterCallWorkStatus || message.isAcdStatus);
  const systemPresence = !status.loggedIn
    ? 'Offline'
    : (byId ??
      (onQueue
        ? 'OnQueue'
        : message?.isDoNotDisturbStatus
          ? 'Busy'
          : message?.groupTag.toLowerCase() === 'break'
            ? 'Break'
            : // Every other status off queue reads Busy.
              'Busy'));
  const routingStatus = !onQueue
    ? 'OFF_QUEUE'
    : message?.isAfterCallWorkStatus || status.onPhone
      ? 'INTERACTING'
      : 'IDLE';
  const view: PresenceView = {
    systemPresence,
    name: SYSTEM_NAMES[systemPresence] ?? message?.messageText ?? status.statusId,
  };
  if (mode === 'statusOnly') return view;
  return {
    ...view,
    routingStatus,
    ...(outOfOffice
      ? {
          outOfOffice: {
            active: true,
            ...(status.until
              ? { endDate: iso(typeof status.until === 'string' ? status.until : status.until.dateTime) }
              : {}),
          },
        }
      : {}),
  };
}

const iso = (text: string): string => new Date(text).toISOString();

export interface GenesysPresenceState {
  users: Record<
    string,
    {
      presence?: { systemPresence: string; name: string };
      routingStatus?: { status: string };
      outOfOffice?: { active: boolean; endDate?: string };
    }
  >;
}

/** The same view from /sim/state, keyed by CIC user id (the Genesys user's externalId). */
export function actualPresence(org: GenesysDump, state: GenesysPresenceState): Record<string, PresenceView> {
  const views: Record<string, PresenceView> = {};
  for (const [genesysId, user] of Object.entries(org.users)) {
    const cicId = user.externalId;
    const entry = state.users[genesysId];
    if (!cicId || !entry?.presence) continue;
    views[cicId] = {
      systemPresence: entry.presence.systemPresence,
      name: entry.presence.name,
      ...(entry.routingStatus ? { routingStatus: entry.routingStatus.status } : {}),
      ...(entry.outOfOffice?.active
        ? {
            outOfOffice: {
              active: true,
              ...(entry.outOfOffice.endDate ? { endDate: iso(entry.outOfOffice.endDate) } : {}),
            },
          }
        : {}),
    };
  }
  return views;
}
