import type { CicStatusMessage, CicUserStatus } from '@bridge/contracts';
import {
  evolvePresence,
  initialPresenceState,
  type PresenceEvent,
  type PresenceState,
} from '../presence-state';

/** A status message with every flag off unless given: typed from the contract, so a schema change breaks it. */
export function aStatusMessage(id: string, overrides: Partial<CicStatusMessage> = {}): CicStatusMessage {
  return {
    id,
    messageText: id,
    isAcdStatus: false,
    isAfterCallWorkStatus: false,
    isDoNotDisturbStatus: false,
    isSelectableStatus: true,
    isPersistentStatus: false,
    isForwardStatus: false,
    isAllowFollowUpStatus: false,
    canHaveDate: false,
    canHaveTime: false,
    ...overrides,
  };
}

export function aUserStatus(
  userId: string,
  statusId: string,
  overrides: Partial<CicUserStatus> = {},
): CicUserStatus {
  return {
    userId,
    statusId,
    loggedIn: true,
    onPhone: false,
    changedAt: '2026-12-01T09:00:00.000Z',
    ...overrides,
  };
}

export const statusChanged = (userStatus: CicUserStatus): PresenceEvent => ({
  type: 'CicUserStatusChanged',
  data: { userStatus },
});

export const statusMessageChanged = (statusMessage: CicStatusMessage): PresenceEvent => ({
  type: 'CicStatusMessageChanged',
  data: { statusMessage },
});

export const statusMessageRemoved = (id: string): PresenceEvent => ({
  type: 'CicStatusMessageRemoved',
  data: { id },
});

/** The state after these events, numbered 1, 2, 3… as their stream sequences. */
export function given(...events: PresenceEvent[]): PresenceState {
  const state = initialPresenceState();
  events.forEach((event, index) => evolvePresence(state, event, index + 1));
  return state;
}
