import { readWfmNotification, userIdOfWfmTopic, wfmTopicOf } from './wfm-notification';

const at = '2026-12-01T10:00:00.000Z';

describe('readWfmNotification', () => {
  it('reads an approved full-day time-off request for the CIC user', () => {
    const reading = readWfmNotification('g1', 'agent.one', {
      id: 'n1',
      timestamp: at,
      type: 'TimeOffRequest',
      timeOffRequest: {
        timeOffRequestId: 'tor1',
        user: { id: 'g1' },
        isFullDayRequest: true,
        status: 'APPROVED',
        fullDayManagementUnitDates: ['2026-12-24'],
        partialDayStartDateTimes: [],
      },
      agentNotification: true,
    });
    expect(reading).toEqual({
      kind: 'notification',
      notification: {
        notificationId: 'g1:timeOffRequest:tor1:APPROVED',
        genesysNotificationId: 'n1',
        genesysUserId: 'g1',
        cicUserId: 'agent.one',
        timestamp: at,
        request: {
          kind: 'timeOffRequest',
          requestId: 'tor1',
          status: 'APPROVED',
          isFullDayRequest: true,
          dates: ['2026-12-24'],
        },
      },
    });
  });

  it('tells the receiving agent of a shift trade from the one who started it', () => {
    const body = {
      id: 'n2',
      timestamp: at,
      shiftTrade: {
        tradeId: 't1',
        newState: 'Matched',
        weekDate: '2026-12-07',
        initiatingUser: { id: 'g1' },
      },
    };
    const started = readWfmNotification('g1', 'a', body);
    const asked = readWfmNotification('g2', 'b', body);
    expect(started.kind === 'notification' && started.notification.request).toMatchObject({
      role: 'initiating',
    });
    expect(asked.kind === 'notification' && asked.notification.request).toMatchObject({
      kind: 'shiftTrade',
      requestId: 't1',
      status: 'Matched',
      role: 'receiving',
    });
    // One trade's new state is news for each of its agents: each gets a notification of their own.
    const ids = [started, asked].map((r) => (r.kind === 'notification' ? r.notification.notificationId : ''));
    expect(ids).toEqual(['g1:shiftTrade:t1:Matched', 'g2:shiftTrade:t1:Matched']);
  });

  it('ignores other WFM notifications and bodies without an id or time', () => {
    expect(readWfmNotification('g', 'c', { id: 'n', timestamp: at, adherenceExplanation: {} })).toEqual({
      kind: 'ignored',
      reason: 'otherType',
    });
    expect(readWfmNotification('g', 'c', { timeOffRequest: {} })).toEqual({
      kind: 'ignored',
      reason: 'malformed',
    });
  });

  it('spells the topic of a user and reads the user back', () => {
    expect(wfmTopicOf('abc')).toBe('v2.users.abc.workforcemanagement.notifications');
    expect(userIdOfWfmTopic(wfmTopicOf('abc'))).toBe('abc');
    expect(userIdOfWfmTopic('v2.users.abc.presence')).toBeUndefined();
  });
});
