import type { CicStatusMessage, CicUserStatus } from '@bridge/contracts';
import { presenceOf, secondaryStatusOf } from './presence-of';
import { defaultPresenceTable } from './presence-table';
import { aStatusMessage, aUserStatus } from './test-support/builders';

const table = defaultPresenceTable;

function wem(status: CicUserStatus, message: CicStatusMessage | undefined) {
  return presenceOf(status, message, 'wem', table);
}

describe('the default presence table', () => {
  const rows: [string, CicStatusMessage, Partial<CicUserStatus>, string, string, boolean][] = [
    [
      'a logged-out user',
      aStatusMessage('Available', { isAcdStatus: true }),
      { loggedIn: false },
      'Offline',
      'OFF_QUEUE',
      false,
    ],
    [
      'an ACD status, not on the phone',
      aStatusMessage('Available', { isAcdStatus: true }),
      {},
      'OnQueue',
      'IDLE',
      false,
    ],
    [
      'an ACD status on the phone',
      aStatusMessage('Available', { isAcdStatus: true }),
      { onPhone: true },
      'OnQueue',
      'INTERACTING',
      false,
    ],
    [
      'after-call work',
      aStatusMessage('Follow Up', { isAfterCallWorkStatus: true }),
      {},
      'OnQueue',
      'INTERACTING',
      false,
    ],
    ['At Lunch', aStatusMessage('At Lunch', { groupTag: 'Break' }), {}, 'Meal', 'OFF_QUEUE', false],
    ['Away from desk', aStatusMessage('Away from desk'), {}, 'Away', 'OFF_QUEUE', false],
    ['On Break', aStatusMessage('On Break'), {}, 'Break', 'OFF_QUEUE', false],
    [
      'a status of the Break group',
      aStatusMessage('Coffee', { groupTag: 'Break' }),
      {},
      'Break',
      'OFF_QUEUE',
      false,
    ],
    ['In a Meeting', aStatusMessage('In a Meeting'), {}, 'Meeting', 'OFF_QUEUE', false],
    ['Training', aStatusMessage('Training'), {}, 'Training', 'OFF_QUEUE', false],
    [
      'Do Not Disturb',
      aStatusMessage('Do Not Disturb', { isDoNotDisturbStatus: true }),
      {},
      'Busy',
      'OFF_QUEUE',
      false,
    ],
    ['Out of the Office', aStatusMessage('Out of the Office'), {}, 'Away', 'OFF_QUEUE', true],
    ['On Vacation', aStatusMessage('On Vacation'), {}, 'Away', 'OFF_QUEUE', true],
    ['Out of Town', aStatusMessage('Out of Town'), {}, 'Away', 'OFF_QUEUE', true],
    ['Gone Home', aStatusMessage('Gone Home'), {}, 'Offline', 'OFF_QUEUE', false],
    ['any other non-ACD status', aStatusMessage('Working at Home'), {}, 'Busy', 'OFF_QUEUE', false],
  ];

  it.each(rows)('maps %s', (_, message, status, systemPresence, routingStatus, outOfOffice) => {
    expect(wem(aUserStatus('u', message.id, status), message)).toMatchObject({
      systemPresence,
      routingStatus,
      outOfOffice: { active: outOfOffice },
    });
  });

  it('matches status ids whatever their case, as ICWS compares them', () => {
    const message = aStatusMessage('AT LUNCH');
    expect(wem(aUserStatus('u', 'at lunch'), message)).toMatchObject({ systemPresence: 'Meal' });
  });

  it('keys on the status id before the flags: At Lunch flagged do-not-disturb is still Meal', () => {
    const message = aStatusMessage('At Lunch', { isDoNotDisturbStatus: true });
    expect(wem(aUserStatus('u', 'At Lunch'), message)).toMatchObject({ systemPresence: 'Meal' });
  });

  it('maps a status CIC gave no definition for by its id alone', () => {
    expect(wem(aUserStatus('u', 'On Vacation'), undefined)).toMatchObject({ systemPresence: 'Away' });
    expect(wem(aUserStatus('u', 'Mystery'), undefined)).toMatchObject({ systemPresence: 'Busy' });
  });

  it('ends out of office when the status does, at its until date', () => {
    const until = { dateTime: '2026-12-24T00:00:00.000Z', hasDate: true, hasTime: false };
    expect(wem(aUserStatus('u', 'On Vacation', { until }), aStatusMessage('On Vacation'))).toMatchObject({
      outOfOffice: { active: true, endDate: '2026-12-24T00:00:00.000Z' },
    });
  });
});

describe('presenceOf', () => {
  it('names the secondary status of the user status, with the status notes as the message and CIC time', () => {
    const message = aStatusMessage('In a Meeting');
    const status = aUserStatus('u', 'in a meeting', { notes: 'budget review' });
    expect(wem(status, message)).toEqual({
      statusId: 'in a meeting',
      systemPresence: 'Meeting',
      secondaryStatusKey: 'In a Meeting',
      routingStatus: 'OFF_QUEUE',
      outOfOffice: { active: false },
      message: 'budget review',
      changedAt: '2026-12-01T09:00:00.000Z',
    });
  });

  it('shows the system presence itself for On Queue and Offline, which have no secondary statuses', () => {
    const available = aStatusMessage('Available', { isAcdStatus: true });
    expect(wem(aUserStatus('u', 'Available'), available)).not.toHaveProperty('secondaryStatusKey');
    const meeting = aStatusMessage('In a Meeting');
    expect(wem(aUserStatus('u', 'In a Meeting', { loggedIn: false }), meeting)).not.toHaveProperty(
      'secondaryStatusKey',
    );
  });

  it('sends the presence alone in status-only mode', () => {
    const message = aStatusMessage('On Vacation');
    const presence = presenceOf(aUserStatus('u', 'On Vacation'), message, 'statusOnly', table);
    expect(presence).not.toHaveProperty('routingStatus');
    expect(presence).not.toHaveProperty('outOfOffice');
    expect(presence).toMatchObject({ systemPresence: 'Away', secondaryStatusKey: 'On Vacation' });
  });
});

describe('secondaryStatusOf', () => {
  it('makes a status message a secondary status named by its text, under its mapped system presence', () => {
    const message = aStatusMessage('At Lunch', { messageText: 'Lunch break' });
    expect(secondaryStatusOf(message, table)).toEqual({ name: 'Lunch break', systemPresence: 'Meal' });
  });

  it('gives none for statuses mapped to On Queue or Offline', () => {
    expect(secondaryStatusOf(aStatusMessage('Available', { isAcdStatus: true }), table)).toBeUndefined();
    expect(secondaryStatusOf(aStatusMessage('Gone Home'), table)).toBeUndefined();
  });

  it('names a status message without text by its id', () => {
    expect(secondaryStatusOf(aStatusMessage('Coffee', { messageText: ' ' }), table)).toMatchObject({
      name: 'Coffee',
    });
  });
});
