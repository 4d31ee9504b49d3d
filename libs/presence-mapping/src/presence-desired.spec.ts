import {
  desiredPresenceOf,
  desiredSecondaryStatusOf,
  sequencedPresence,
  type DesiredPresenceState,
  type PresenceRules,
} from './presence-desired';
import { evolvePresence } from './presence-state';
import { defaultPresenceTable } from './presence-table';
import {
  aStatusMessage,
  aUserStatus,
  given,
  statusChanged,
  statusMessageChanged,
  statusMessageRemoved,
} from './test-support/builders';

const rules: PresenceRules = { mode: 'wem', table: defaultPresenceTable, syncPresence: true };
const synced = { state: 'present' } as const;

describe('desired presence', () => {
  it('carries the stream sequence of the latest status', () => {
    const state = given(
      statusChanged(aUserStatus('ann', 'Available')),
      statusChanged(aUserStatus('ann', 'At Lunch')),
    );
    expect(desiredPresenceOf(state, 'ann', synced, rules)).toMatchObject({
      key: 'ann',
      state: 'present',
      document: { systemPresence: 'Meal', sequence: 2 },
    });
  });

  it('says nothing about a user whose status CIC has not given', () => {
    expect(desiredPresenceOf(given(), 'ann', synced, rules)).toBeUndefined();
  });

  it('gives a user that is not synced no presence, for the same reason', () => {
    const state = given(statusChanged(aUserStatus('ann', 'Available')));
    const user = { state: 'absent', reason: 'noBusinessEmail' } as const;
    expect(desiredPresenceOf(state, 'ann', user, rules)).toEqual({
      key: 'ann',
      state: 'absent',
      reason: 'noBusinessEmail',
    });
  });

  it('says the option is off when Sync Advanced Platform Objects is', () => {
    const state = given(statusChanged(aUserStatus('ann', 'Available')));
    expect(desiredPresenceOf(state, 'ann', synced, { ...rules, syncPresence: false })).toMatchObject({
      state: 'absent',
      reason: 'syncOptionOff',
    });
  });

  it('re-maps the users in a status when its message changes', () => {
    const state = given(
      statusChanged(aUserStatus('ann', 'Custom')),
      statusChanged(aUserStatus('bob', 'custom')),
      statusChanged(aUserStatus('cid', 'Other')),
    );
    const targets = evolvePresence(
      state,
      statusMessageChanged(aStatusMessage('CUSTOM', { isAcdStatus: true })),
      4,
    );
    expect(targets).toEqual({ users: ['ann', 'bob'], statusMessages: ['CUSTOM'] });
    expect(desiredPresenceOf(state, 'bob', synced, rules)).toMatchObject({
      document: { systemPresence: 'OnQueue', sequence: 2 },
    });
  });

  it('moves a user out of the index of its former status', () => {
    const state = given(
      statusChanged(aUserStatus('ann', 'Custom')),
      statusChanged(aUserStatus('ann', 'Other')),
    );
    expect(evolvePresence(state, statusMessageRemoved('Custom'), 3).users).toEqual([]);
  });
});

describe('desired secondary status', () => {
  it('is the status message under its system presence, absent once removed', () => {
    const state = given(statusMessageChanged(aStatusMessage('In a Meeting')));
    expect(desiredSecondaryStatusOf(state, 'In a Meeting', rules)).toEqual({
      key: 'In a Meeting',
      state: 'present',
      document: { name: 'In a Meeting', systemPresence: 'Meeting' },
    });
    evolvePresence(state, statusMessageRemoved('in a meeting'), 2);
    expect(desiredSecondaryStatusOf(state, 'In a Meeting', rules)).toMatchObject({
      reason: 'removedFromCic',
    });
  });

  it('is absent for statuses shown as On Queue or Offline, and when the option is off', () => {
    const state = given(
      statusMessageChanged(aStatusMessage('Available', { isAcdStatus: true })),
      statusMessageChanged(aStatusMessage('Training')),
    );
    expect(desiredSecondaryStatusOf(state, 'Available', rules)).toMatchObject({
      reason: 'systemPresenceOnly',
    });
    expect(desiredSecondaryStatusOf(state, 'Training', { ...rules, syncPresence: false })).toMatchObject({
      reason: 'syncOptionOff',
    });
  });
});

describe('presence sequences', () => {
  const presence = (systemPresence: 'Busy' | 'Meal', sequence: number): DesiredPresenceState => ({
    key: 'ann',
    state: 'present',
    document: { statusId: 'X', systemPresence, changedAt: '2026-12-01T09:00:00Z', sequence },
  });

  it('keeps the sequence of a new status', () => {
    expect(sequencedPresence(presence('Meal', 7), presence('Busy', 3), 9)).toEqual(presence('Meal', 7));
  });

  it("gives a presence changed by another event that event's sequence, above the last one", () => {
    expect(sequencedPresence(presence('Meal', 3), presence('Busy', 3), 9)).toEqual(presence('Meal', 9));
    expect(sequencedPresence(presence('Meal', 3), presence('Busy', 12), 9)).toEqual(presence('Meal', 13));
  });

  it('gives back the last presence when only the sequence would differ, so nothing is republished', () => {
    expect(sequencedPresence(presence('Busy', 3), presence('Busy', 3), 9)).toEqual(presence('Busy', 3));
  });
});
