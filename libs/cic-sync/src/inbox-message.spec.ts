import type { InboxNotification } from '@bridge/contracts';
import { INBOX_EVENT_ID, inboxLaunchUrlOf, inboxMessageOf } from './inbox-message';

const timeOff: InboxNotification = {
  notificationId: 'n1',
  genesysUserId: 'g1',
  cicUserId: 'agent.one',
  timestamp: '2026-12-01T10:00:00.000Z',
  request: {
    kind: 'timeOffRequest',
    requestId: 'tor1',
    status: 'APPROVED',
    isFullDayRequest: true,
    dates: ['2026-12-24'],
  },
};
const launch = 'https://idp.example.com/saml/launch?target=x';

describe('inboxMessageOf', () => {
  it('addresses the agent by CIC user id and says what happened to the time-off request', () => {
    expect(inboxMessageOf(timeOff, launch)).toEqual({
      objectId: 'agent.one',
      eventId: INBOX_EVENT_ID,
      data: [
        'n1',
        'timeOffRequest',
        'tor1',
        'APPROVED',
        'Your time-off request for 2026-12-24 was approved.',
        launch,
      ],
    });
  });

  it('tells the agent who was asked to take a shift trade that it was accepted', () => {
    const trade: InboxNotification = {
      ...timeOff,
      request: {
        kind: 'shiftTrade',
        requestId: 't1',
        status: 'Matched',
        weekDate: '2026-12-07',
        role: 'receiving',
      },
    };
    expect(inboxMessageOf(trade, launch).data[4]).toBe(
      'A shift trade offered to you in the week of 2026-12-07 was accepted.',
    );
  });

  it('shows a status it does not know as Genesys spells it', () => {
    const odd: InboxNotification = { ...timeOff, request: { ...timeOff.request, status: 'WAITLISTED' } };
    expect(inboxMessageOf(odd, launch).data[4]).toBe('Your time-off request for 2026-12-24 is WAITLISTED.');
  });
});

describe('inboxLaunchUrlOf', () => {
  it('points at the IdP launch with My Performance as its target', () => {
    const url = new URL(
      inboxLaunchUrlOf('https://idp.example.com/sso', 'https://apps.mypurecloud.com/directory/#/activity'),
    );
    expect(url.pathname).toBe('/sso/saml/launch');
    expect(url.searchParams.get('target')).toBe('https://apps.mypurecloud.com/directory/#/activity');
  });
});
