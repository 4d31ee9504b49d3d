import type { RoutingStatus, SystemPresence } from '@bridge/contracts';

/** The status-message options a row may test (ICWS `statusMessage` flags, reference §3.6). */
export const statusFlags = ['isAcdStatus', 'isAfterCallWorkStatus', 'isDoNotDisturbStatus'] as const;
export type StatusFlag = (typeof statusFlags)[number];

/**
 * One row of the mapping table. `when` lists conditions that must all hold; a row with none is the fallback.
 * `statusId` and `groupTag` compare case-insensitively (ICWS says status ids are case-insensitive).
 */
export interface PresenceRow {
  /** Names the row: an override row with the same name replaces it, and errors cite it. */
  readonly name: string;
  readonly when: {
    readonly loggedIn?: boolean;
    readonly statusId?: string;
    readonly flag?: StatusFlag;
    readonly onPhone?: boolean;
    readonly groupTag?: string;
  };
  readonly then: {
    readonly systemPresence: SystemPresence;
    readonly routingStatus: RoutingStatus;
    /** Statuses that mean "not here for a while": Genesys's out of office, ending at the status's `until`. */
    readonly outOfOffice?: boolean;
  };
}

export type PresenceTable = readonly PresenceRow[];

/**
 * System presences Genesys Cloud keeps no secondary statuses under ([INF], genesys-cloud-api.md §4): statuses
 * mapped to these show the system presence itself.
 */
export const presencesWithoutSecondaryStatuses: ReadonlySet<SystemPresence> = new Set(['OnQueue', 'Offline']);

const offQueue = (systemPresence: SystemPresence, outOfOffice?: true): PresenceRow['then'] => ({
  systemPresence,
  routingStatus: 'OFF_QUEUE',
  ...(outOfOffice && { outOfOffice }),
});

/**
 * The default table: reference §1.4's proposed mapping, after Genesys's Engage → Genesys Cloud connector. Rows are
 * matched by precedence (see `rowFor`), not by their order here. A status nothing else matches maps to Busy, off
 * queue: an agent in an unknown non-ACD status is present but not to be routed to, which Busy says and Available
 * would not (Genesys's Available invites interactions outside the queue).
 */
export const defaultPresenceTable: PresenceTable = Object.freeze([
  { name: 'loggedOut', when: { loggedIn: false }, then: offQueue('Offline') },
  { name: 'atLunch', when: { statusId: 'At Lunch' }, then: offQueue('Meal') },
  { name: 'awayFromDesk', when: { statusId: 'Away from desk' }, then: offQueue('Away') },
  { name: 'onBreak', when: { statusId: 'On Break' }, then: offQueue('Break') },
  { name: 'inAMeeting', when: { statusId: 'In a Meeting' }, then: offQueue('Meeting') },
  { name: 'training', when: { statusId: 'Training' }, then: offQueue('Training') },
  { name: 'outOfTheOffice', when: { statusId: 'Out of the Office' }, then: offQueue('Away', true) },
  { name: 'onVacation', when: { statusId: 'On Vacation' }, then: offQueue('Away', true) },
  { name: 'outOfTown', when: { statusId: 'Out of Town' }, then: offQueue('Away', true) },
  { name: 'goneHome', when: { statusId: 'Gone Home' }, then: offQueue('Offline') },
  {
    name: 'afterCallWork',
    when: { flag: 'isAfterCallWorkStatus' },
    then: { systemPresence: 'OnQueue', routingStatus: 'INTERACTING' },
  },
  {
    name: 'acdOnPhone',
    when: { flag: 'isAcdStatus', onPhone: true },
    then: { systemPresence: 'OnQueue', routingStatus: 'INTERACTING' },
  },
  {
    name: 'acdIdle',
    when: { flag: 'isAcdStatus' },
    then: { systemPresence: 'OnQueue', routingStatus: 'IDLE' },
  },
  { name: 'doNotDisturb', when: { flag: 'isDoNotDisturbStatus' }, then: offQueue('Busy') },
  { name: 'breakGroup', when: { groupTag: 'Break' }, then: offQueue('Break') },
  { name: 'otherwise', when: {}, then: offQueue('Busy') },
] satisfies PresenceRow[]);
