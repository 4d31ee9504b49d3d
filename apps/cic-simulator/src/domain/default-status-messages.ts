import type { StatusMessage } from './model';

type Flags = Partial<Omit<StatusMessage, 'statusId' | 'messageText' | 'groupTag' | 'iconUri' | 'systemId'>>;

function status(statusId: string, groupTag: string, flags: Flags = {}): StatusMessage {
  return {
    statusId,
    messageText: statusId,
    groupTag,
    iconUri: `/status-icons/${encodeURIComponent(statusId)}.png`,
    systemId: statusId,
    canHaveDate: false,
    canHaveTime: false,
    isDoNotDisturbStatus: false,
    isSelectableStatus: true,
    isPersistentStatus: false,
    isForwardStatus: false,
    isAfterCallWorkStatus: false,
    isAcdStatus: false,
    isAllowFollowUpStatus: false,
    ...flags,
  };
}

/**
 * The customary CIC default statuses (reference §3.6, [INF] except Available, Do Not Disturb and On Vacation),
 * with the flags a stock server sets, so presence mapping has every case to work on.
 */
export const DEFAULT_STATUS_MESSAGES: readonly StatusMessage[] = [
  status('Available', 'Available', { isAcdStatus: true, isAllowFollowUpStatus: true }),
  status('Available, Follow-Me', 'Available', { isAcdStatus: true, isForwardStatus: true }),
  status('Available, Forward', 'Available', { isAcdStatus: true, isForwardStatus: true }),
  status('Available, No ACD', 'Available'),
  status('Away from desk', 'Away'),
  status('At Lunch', 'Break'),
  status('Do Not Disturb', 'Busy', { isDoNotDisturbStatus: true }),
  status('Gone Home', 'Away', { isPersistentStatus: true }),
  status('In a Meeting', 'Busy', { canHaveTime: true }),
  status('On Vacation', 'Away', { canHaveDate: true, isPersistentStatus: true }),
  status('Out of the Office', 'Away', { canHaveDate: true, canHaveTime: true }),
  status('Out of Town', 'Away', { canHaveDate: true }),
  status('Working at Home', 'Available'),
  status('Follow Up', 'Busy', { isAfterCallWorkStatus: true, isAcdStatus: true }),
  status('Awaiting Callback', 'Busy', { isAfterCallWorkStatus: true }),
  status('ACD - Agent Not Answering', 'Busy', { isSelectableStatus: false }),
];
