import type { InboxNotification } from '@bridge/contracts';
import {
  catchUpReadsOf,
  inboxRequestKeyOf,
  missedInboxNotifications,
  observedShiftTrade,
  shiftTradeWeeksOf,
  type ObservedRequest,
} from './inbox-catch-up';
import { readWfmNotification } from './wfm-notification';

const at = (iso: string) => Date.parse(iso);
const gapStart = '2026-12-02T10:00:00.000Z';
const now = at('2026-12-02T10:00:30.000Z');
const reads = { ...catchUpReadsOf(at(gapStart), now), readsStartedAt: now };
const passedAt = at('2026-12-02T10:00:20.000Z');

const timeOff = (status: string, modifiedAt: string | undefined, requestId = 'r1'): ObservedRequest => ({
  genesysUserId: 'g1',
  cicUserId: 'agent.one',
  modifiedAt,
  request: { kind: 'timeOffRequest', requestId, status, isFullDayRequest: true, dates: ['2026-12-24'] },
});
const last = (entries: [string, string, string][], passedOnAt = passedAt) =>
  new Map(
    entries.map(([user, id, status]) => [
      inboxRequestKeyOf(user, 'timeOffRequest', id),
      { status, at: passedOnAt },
    ]),
  );
const idsOf = (notifications: InboxNotification[]) => notifications.map((n) => n.notificationId);

describe('catchUpReadsOf', () => {
  it('reads the days of the gap, from a minute before it began (clocks differ) to today', () => {
    expect(catchUpReadsOf(at('2026-12-01T23:59:30Z'), at('2026-12-02T00:10:00Z'))).toEqual({
      timeOffRange: { startDate: '2026-12-01', endDate: '2026-12-02' },
      clipped: false,
      since: '2026-12-01T23:58:30.000Z',
    });
  });

  it('reads at most the 33 days the query allows, and says the older part of a longer gap is not read', () => {
    const long = catchUpReadsOf(at('2026-10-01T00:00:00Z'), at('2026-12-02T12:00:00Z'));
    expect(long.timeOffRange).toEqual({ startDate: '2026-10-31', endDate: '2026-12-02' });
    expect(long.clipped).toBe(true);
  });
});

describe('shiftTradeWeeksOf', () => {
  it('names each week by the unit first day, from the gap week through the weeks of the next 33 days', () => {
    expect(shiftTradeWeeksOf(reads, now, 'Monday')).toEqual([
      '2026-11-30',
      '2026-12-07',
      '2026-12-14',
      '2026-12-21',
      '2026-12-28',
      '2027-01-04',
    ]);
    expect(shiftTradeWeeksOf(reads, now, 'Sunday')[0]).toBe('2026-11-29');
  });
});

describe('missedInboxNotifications', () => {
  it('rebuilds a status change the bridge did not pass on, with the id its live notification has', () => {
    const missed = missedInboxNotifications(
      [timeOff('APPROVED', '2026-12-02T10:00:10.000Z')],
      last([['g1', 'r1', 'PENDING']]),
      reads,
      now,
    );
    const live = readWfmNotification('g1', 'agent.one', {
      id: 'genesys-notification-id',
      timestamp: '2026-12-02T10:00:10.000Z',
      timeOffRequest: { timeOffRequestId: 'r1', status: 'APPROVED' },
    });
    expect(missed).toEqual([
      {
        notificationId: 'g1:timeOffRequest:r1:APPROVED',
        genesysUserId: 'g1',
        cicUserId: 'agent.one',
        timestamp: '2026-12-02T10:00:10.000Z',
        request: {
          kind: 'timeOffRequest',
          requestId: 'r1',
          status: 'APPROVED',
          isFullDayRequest: true,
          dates: ['2026-12-24'],
        },
      },
    ]);
    expect(live.kind === 'notification' && live.notification.notificationId).toBe(missed[0]?.notificationId);
  });

  it('rebuilds nothing for a status the bridge already passed on, however recently it changed', () => {
    const missed = missedInboxNotifications(
      [timeOff('APPROVED', '2026-12-02T10:00:10.000Z')],
      last([['g1', 'r1', 'APPROVED']]),
      reads,
      now,
    );
    expect(missed).toEqual([]);
  });

  it('rebuilds a request it never saw only if it changed in the gap and left the status it starts in', () => {
    const missed = missedInboxNotifications(
      [
        timeOff('DENIED', '2026-12-02T10:00:05.000Z', 'inGap'),
        timeOff('APPROVED', '2026-11-20T08:00:00.000Z', 'longAgo'),
        timeOff('PENDING', '2026-12-02T10:00:05.000Z', 'justMade'),
        timeOff('APPROVED', undefined, 'undated'),
      ],
      new Map(),
      reads,
      now,
    );
    expect(idsOf(missed)).toEqual(['g1:timeOffRequest:inGap:DENIED']);
  });

  it('tells a status change to each synced agent of a shift trade, as their live notifications would', () => {
    const trade = {
      requestId: 't1',
      status: 'Matched',
      modifiedAt: '2026-12-02T10:00:05.000Z',
      weekDate: '2026-12-07',
      initiatingUserId: 'g1',
      receivingUserId: 'g2',
    };
    const synced = new Map([
      ['g1', 'agent.one'],
      ['g2', 'agent.two'],
    ]);
    const missed = missedInboxNotifications(observedShiftTrade(trade, synced), new Map(), reads, now);
    expect(
      missed.map((n) => [n.notificationId, n.cicUserId, n.request.kind === 'shiftTrade' && n.request.role]),
    ).toEqual([
      ['g1:shiftTrade:t1:Matched', 'agent.one', 'initiating'],
      ['g2:shiftTrade:t1:Matched', 'agent.two', 'receiving'],
    ]);
    expect(observedShiftTrade(trade, new Map([['g2', 'agent.two']])).map((o) => o.genesysUserId)).toEqual([
      'g2',
    ]);
  });

  it('does not weigh a read against a status passed on live after the reads began: that one is newer', () => {
    // Read while still pending; its approval arrived live meanwhile and was passed on.
    const missed = missedInboxNotifications(
      [timeOff('PENDING', '2026-12-02T10:00:05.000Z')],
      last([['g1', 'r1', 'APPROVED']], now + 10),
      reads,
      now,
    );
    expect(missed).toEqual([]);
  });

  it('rebuilds a request read twice (pending and by its dates) once', () => {
    const read = timeOff('DENIED', '2026-12-02T10:00:05.000Z');
    expect(missedInboxNotifications([read, read], last([['g1', 'r1', 'PENDING']]), reads, now)).toHaveLength(
      1,
    );
  });
});
