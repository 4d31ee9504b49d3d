import {
  CicStatusMessageChanged,
  CicStatusMessageRemoved,
  CicUserStatusChanged,
  type CicStatusMessage,
  type CicUserStatus,
  type EventData,
} from '@bridge/contracts';

/** A presence fact as object-mapping sees it: only `type` and `data` matter, so a decoded envelope fits. */
export type PresenceEvent =
  | { readonly type: typeof CicUserStatusChanged.type; readonly data: EventData<typeof CicUserStatusChanged> }
  | {
      readonly type: typeof CicStatusMessageChanged.type;
      readonly data: EventData<typeof CicStatusMessageChanged>;
    }
  | {
      readonly type: typeof CicStatusMessageRemoved.type;
      readonly data: EventData<typeof CicStatusMessageRemoved>;
    };

const presenceEventTypes: ReadonlySet<string> = new Set([
  CicUserStatusChanged.type,
  CicStatusMessageChanged.type,
  CicStatusMessageRemoved.type,
]);

/** Whether an event is a presence fact (the CIC stream carries configuration events beside them). */
export function isPresenceEvent<E extends { readonly type: string }>(event: E): event is E & PresenceEvent {
  return presenceEventTypes.has(event.type);
}

/**
 * The projection of CIC status facts. Status ids are case-insensitive in ICWS, so messages and the index are
 * keyed on the lower-cased id; each user's status keeps the CIC event's stream sequence it came with.
 */
export interface PresenceState {
  readonly statuses: Map<string, { readonly status: CicUserStatus; readonly sequence: number }>;
  readonly messages: Map<string, CicStatusMessage>;
  /** lower-cased status id → the users in that status: a status message's change re-maps exactly them. */
  readonly usersByStatus: Map<string, Set<string>>;
}

/** An empty projection, before the first CIC event. */
export function initialPresenceState(): PresenceState {
  return { statuses: new Map(), messages: new Map(), usersByStatus: new Map() };
}

/** The documents one event can change: presences by CIC user id, secondary statuses by CIC status id. */
export interface PresenceTargets {
  readonly users: readonly string[];
  readonly statusMessages: readonly string[];
}

/** The key status messages and the index use: ICWS compares status ids without case. */
export const statusKey = (statusId: string) => statusId.toLowerCase();

/** Applies one presence fact in place (`sequence`: its place in the CIC stream); returns what it can change. */
export function evolvePresence(
  state: PresenceState,
  event: PresenceEvent,
  sequence: number,
): PresenceTargets {
  switch (event.type) {
    case 'CicUserStatusChanged': {
      const { userStatus } = event.data;
      const previous = state.statuses.get(userStatus.userId);
      if (previous) state.usersByStatus.get(statusKey(previous.status.statusId))?.delete(userStatus.userId);
      state.statuses.set(userStatus.userId, { status: userStatus, sequence });
      const key = statusKey(userStatus.statusId);
      const users = state.usersByStatus.get(key) ?? new Set<string>();
      state.usersByStatus.set(key, users.add(userStatus.userId));
      return { users: [userStatus.userId], statusMessages: [] };
    }
    case 'CicStatusMessageChanged': {
      const { statusMessage } = event.data;
      const key = statusKey(statusMessage.id);
      const previous = state.messages.get(key);
      state.messages.set(key, statusMessage);
      // A respelled id leaves the old spelling's secondary status behind: it is recomputed (as gone) too.
      const statusMessages =
        previous && previous.id !== statusMessage.id ? [previous.id, statusMessage.id] : [statusMessage.id];
      return { users: [...(state.usersByStatus.get(key) ?? [])], statusMessages };
    }
    case 'CicStatusMessageRemoved': {
      const key = statusKey(event.data.id);
      const previous = state.messages.get(key);
      state.messages.delete(key);
      const statusMessages =
        previous && previous.id !== event.data.id ? [previous.id, event.data.id] : [event.data.id];
      return { users: [...(state.usersByStatus.get(key) ?? [])], statusMessages };
    }
  }
}
