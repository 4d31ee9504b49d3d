import {
  canonicalJson,
  type DesiredPresence,
  type DesiredSecondaryStatus,
  type NotSyncedReason,
  type PresenceMode,
} from '@bridge/contracts';
import { presenceOf, secondaryStatusOf } from './presence-of';
import { statusKey, type PresenceState } from './presence-state';
import type { PresenceTable } from './presence-table';

export type DesiredPresenceState =
  | { readonly key: string; readonly state: 'present'; readonly document: DesiredPresence }
  | { readonly key: string; readonly state: 'absent'; readonly reason: NotSyncedReason };

export type DesiredSecondaryStatusState =
  | { readonly key: string; readonly state: 'present'; readonly document: DesiredSecondaryStatus }
  | { readonly key: string; readonly state: 'absent'; readonly reason: NotSyncedReason };

/** The settings presence mapping takes: the mode, the table, and Sync Advanced Platform Objects. */
export interface PresenceRules {
  readonly mode: PresenceMode;
  readonly table: PresenceTable;
  /** Off: presences and secondary statuses are published absent (syncOptionOff) and delivery leaves them be. */
  readonly syncPresence: boolean;
}

/**
 * The desired presence of one user. `user`: whether the user itself is synced (its MappingUserDesired), since a
 * user that is not synced has no presence either, for the same reason. Undefined while CIC has said nothing
 * about the user's status: there is nothing to send yet.
 */
export function desiredPresenceOf(
  state: PresenceState,
  userId: string,
  user: { readonly state: 'present' } | { readonly state: 'absent'; readonly reason: NotSyncedReason },
  rules: PresenceRules,
): DesiredPresenceState | undefined {
  const current = state.statuses.get(userId);
  if (!current) return undefined;
  if (!rules.syncPresence) return { key: userId, state: 'absent', reason: 'syncOptionOff' };
  if (user.state === 'absent') return { key: userId, state: 'absent', reason: user.reason };
  const message = state.messages.get(statusKey(current.status.statusId));
  const document = {
    ...presenceOf(current.status, message, rules.mode, rules.table),
    sequence: current.sequence,
  };
  return { key: userId, state: 'present', document };
}

/** The desired secondary status of one CIC status message, by its id as CIC spells it. */
export function desiredSecondaryStatusOf(
  state: PresenceState,
  statusId: string,
  rules: PresenceRules,
): DesiredSecondaryStatusState {
  const message = state.messages.get(statusKey(statusId));
  if (!message || message.id !== statusId)
    return { key: statusId, state: 'absent', reason: 'removedFromCic' };
  if (!rules.syncPresence) return { key: statusId, state: 'absent', reason: 'syncOptionOff' };
  const document = secondaryStatusOf(message, rules.table);
  return document
    ? { key: statusId, state: 'present', document }
    : { key: statusId, state: 'absent', reason: 'systemPresenceOnly' };
}

/**
 * The presence to publish after `last` (the one published before, if any), recomputed because of the CIC event
 * at `causeSequence`. Delivery derives Genesys event ids from (user, sequence) and drops a sequence not above
 * the last it sent, so a presence whose content changed without a new status of its own (its status message
 * changed, or the table or mode at a restart) takes the sequence of the event that changed it; one whose content
 * did not change is `last` itself, which is not published again.
 */
export function sequencedPresence(
  desired: DesiredPresenceState,
  last: DesiredPresenceState | undefined,
  causeSequence: number,
): DesiredPresenceState {
  if (desired.state === 'absent' || last?.state !== 'present') return desired;
  const { sequence, ...content } = desired.document;
  const { sequence: lastSequence, ...lastContent } = last.document;
  if (canonicalJson(content) === canonicalJson(lastContent)) return last;
  if (sequence > lastSequence) return desired;
  return {
    ...desired,
    document: { ...desired.document, sequence: Math.max(causeSequence, lastSequence + 1) },
  };
}
