import type {
  CicStatusMessage,
  CicUserStatus,
  DesiredPresence,
  DesiredSecondaryStatus,
  PresenceMode,
} from '@bridge/contracts';
import { presencesWithoutSecondaryStatuses, type PresenceRow, type PresenceTable } from './presence-table';

/** What a row is tested against: the user's status and, when CIC defined it, its status message. */
interface StatusFacts {
  readonly statusId: string;
  readonly loggedIn: boolean;
  readonly onPhone: boolean;
  readonly message: CicStatusMessage | undefined;
}

const sameText = (a: string, b: string | undefined) => b !== undefined && a.toLowerCase() === b.toLowerCase();

function matches(row: PresenceRow, facts: StatusFacts): boolean {
  const { when } = row;
  return (
    (when.loggedIn === undefined || when.loggedIn === facts.loggedIn) &&
    (when.statusId === undefined || sameText(when.statusId, facts.statusId)) &&
    (when.flag === undefined || facts.message?.[when.flag] === true) &&
    (when.onPhone === undefined || when.onPhone === facts.onPhone) &&
    (when.groupTag === undefined || sameText(when.groupTag, facts.message?.groupTag))
  );
}

/** Precedence: logged in or not, then the status id, then the flags, then the group, then the fallback. */
function precedence(row: PresenceRow): number {
  const { when } = row;
  if (when.loggedIn !== undefined) return 0;
  if (when.statusId !== undefined) return 1;
  if (when.flag !== undefined) return 2;
  if (when.groupTag !== undefined) return 3;
  return 4;
}

/**
 * The row a status maps by: the matching row of the highest precedence, the first in the table among equals.
 * Throws when nothing matches, which a table validated by `presenceTableOf` (it keeps a fallback) never does.
 */
function rowFor(facts: StatusFacts, table: PresenceTable): PresenceRow {
  let best: PresenceRow | undefined;
  for (const row of table)
    if (matches(row, facts) && (best === undefined || precedence(row) < precedence(best))) best = row;
  if (best === undefined) throw new RangeError(`no presence table row matches status "${facts.statusId}"`);
  return best;
}

/**
 * The Genesys secondary status a CIC status message becomes, under its mapped system presence; undefined for
 * statuses mapped to a system presence without secondary statuses (On Queue, Offline), which show it itself.
 */
export function secondaryStatusOf(
  message: CicStatusMessage,
  table: PresenceTable,
): DesiredSecondaryStatus | undefined {
  const row = rowFor({ statusId: message.id, loggedIn: true, onPhone: false, message }, table);
  const { systemPresence } = row.then;
  if (presencesWithoutSecondaryStatuses.has(systemPresence)) return undefined;
  return { name: message.messageText.trim() || message.id, systemPresence };
}

/**
 * A synced user's presence for its CIC status (`message`: the status's definition, when CIC gave one). WEM mode
 * adds the routing status and out of office; status-only mode sends the presence alone. The caller adds the
 * CIC event's stream sequence.
 */
export function presenceOf(
  status: CicUserStatus,
  message: CicStatusMessage | undefined,
  mode: PresenceMode,
  table: PresenceTable,
): Omit<DesiredPresence, 'sequence'> {
  const row = rowFor({ ...status, message }, table);
  const { systemPresence, routingStatus, outOfOffice } = row.then;
  const secondary = message && secondaryStatusOf(message, table);
  const endDate = outOfOffice ? status.until?.dateTime : undefined;
  return {
    statusId: status.statusId,
    systemPresence,
    // The secondary status only when the user shows the presence it sits under (logged out shows Offline).
    ...(message && secondary?.systemPresence === systemPresence && { secondaryStatusKey: message.id }),
    ...(mode === 'wem' && {
      routingStatus,
      outOfOffice: { active: outOfOffice === true, ...(endDate && { endDate }) },
    }),
    ...(status.notes && { message: status.notes }),
    changedAt: status.changedAt,
  };
}
