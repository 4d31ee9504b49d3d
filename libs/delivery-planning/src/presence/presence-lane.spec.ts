import type { DesiredPresence } from '@bridge/contracts';
import { planPresence, type DeliveredPresence, type PresenceContext } from './plan-presence';
import { laneBudget } from './presence-share';

const uuid = (name: string) => `uuid(${name})`;
const lunch: DesiredPresence = {
  statusId: 'At Lunch',
  systemPresence: 'Meal',
  secondaryStatusKey: 'At Lunch',
  routingStatus: 'OFF_QUEUE',
  changedAt: '2026-12-01T10:00:00.000Z',
  sequence: 7,
};
const live: PresenceContext = { sourceId: 'src', user: { id: 'g-ann' }, definition: { id: 'd-lunch' } };
const plan = (desired: DesiredPresence, delivered?: DeliveredPresence, context = live) =>
  planPresence('ann', desired, delivered, context, uuid);

describe('a user presence', () => {
  it('sends the presence and the routing status, with ids from user, sequence and endpoint', () => {
    expect(plan(lunch)).toEqual({
      type: 'send',
      presence: {
        eventId: 'uuid(presence:presence:7:ann)',
        eventDateTime: lunch.changedAt,
        userId: 'g-ann',
        sourceId: 'src',
        presenceDefinitionId: 'd-lunch',
      },
      routingStatus: {
        eventId: 'uuid(presence:routingStatus:7:ann)',
        eventDateTime: lunch.changedAt,
        agentId: 'g-ann',
        status: 'OffQueue',
        sourceId: 'src',
      },
      delivered: { sequence: 7, presenceDefinitionId: 'd-lunch', routingStatus: 'OFF_QUEUE' },
    });
  });

  it('sends only what changed since the last delivered', () => {
    const delivered = { sequence: 6, presenceDefinitionId: 'd-lunch', routingStatus: 'IDLE' as const };
    const next = plan(lunch, delivered);
    expect(next).toMatchObject({ type: 'send', routingStatus: { status: 'OffQueue' } });
    expect(next).not.toHaveProperty('presence');
  });

  it('never sends an older change after a newer one', () => {
    expect(plan(lunch, { sequence: 7 })).toEqual({ type: 'stale' });
    expect(plan(lunch, { sequence: 9 })).toEqual({ type: 'stale' });
  });

  it('waits for a user or a secondary status still on its way', () => {
    expect(plan(lunch, undefined, { ...live, user: 'pending' })).toEqual({ type: 'wait', on: 'user' });
    expect(plan(lunch, undefined, { ...live, definition: 'pending' })).toEqual({
      type: 'wait',
      on: 'secondaryStatus',
    });
  });

  it('records an error naming the user when it is not in Genesys Cloud', () => {
    expect(plan(lunch, undefined, { ...live, user: 'missing' })).toMatchObject({
      type: 'error',
      code: 'userMissing',
      message: 'user ann is not live in Genesys Cloud',
    });
  });

  it('sets out of office only when it changes (WEM)', () => {
    const vacation = { ...lunch, outOfOffice: { active: true, endDate: '2026-12-24T00:00:00.000Z' } };
    expect(plan(vacation)).toMatchObject({
      outOfOffice: {
        userId: 'g-ann',
        active: true,
        startDate: lunch.changedAt,
        endDate: vacation.outOfOffice.endDate,
      },
    });
    const delivered = { sequence: 6, outOfOffice: vacation.outOfOffice };
    expect(plan(vacation, delivered)).not.toHaveProperty('outOfOffice');
    const back = { ...lunch, outOfOffice: { active: false } };
    expect(plan(back, delivered)).toMatchObject({ outOfOffice: { active: false } });
    expect(plan(back)).not.toHaveProperty('outOfOffice');
  });

  it('sends the status alone in status-only mode', () => {
    const statusOnly = { ...lunch, routingStatus: undefined };
    const next = plan(statusOnly);
    expect(next).toHaveProperty('presence');
    expect(next).not.toHaveProperty('routingStatus');
    expect(next).not.toHaveProperty('outOfOffice');
  });
});

describe('the shared rate budget', () => {
  const org = { perMinute: 300, burst: 10 };

  it('gives a lane its share while the other lane has work', () => {
    expect(laneBudget(org, 0.6, true)).toEqual({ perMinute: 180, burst: 6 });
  });

  it('gives a lane the whole budget while the other lane is idle, or when the budget is off', () => {
    expect(laneBudget(org, 0.6, false)).toBe(org);
    const off = { perMinute: 0, burst: 10 };
    expect(laneBudget(off, 0.6, true)).toBe(off);
  });
});
