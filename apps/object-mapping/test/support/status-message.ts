import type { CicStatusMessage } from '@bridge/contracts';

/**
 * A CIC status message with every option off unless given, for the projection's unit and integration specs.
 * Typed from the contract, so a schema change breaks it. (libs/presence-mapping has its own: a domain lib may
 * not import test code from an app.)
 */
export function aStatusMessage(id: string, options: Partial<CicStatusMessage> = {}): CicStatusMessage {
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
    ...options,
  };
}
