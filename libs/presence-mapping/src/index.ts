/**
 * Agent presence mapping (issue 12): a CIC user status and its status message → the Genesys presence, routing
 * status and out of office; a CIC status message → a Genesys secondary status. Pure; see README.md.
 */
export {
  defaultPresenceTable,
  type PresenceRow,
  type PresenceTable,
  type StatusFlag,
} from './presence-table';
export { presenceOf, secondaryStatusOf } from './presence-of';
export { presenceTableOf, PresenceTableError } from './presence-table-override';
export {
  evolvePresence,
  initialPresenceState,
  isPresenceEvent,
  type PresenceEvent,
  type PresenceState,
  type PresenceTargets,
} from './presence-state';
export {
  desiredPresenceOf,
  desiredSecondaryStatusOf,
  sequencedPresence,
  type DesiredPresenceState,
  type DesiredSecondaryStatusState,
  type PresenceRules,
} from './presence-desired';
