import type { DesiredPresence } from '@bridge/contracts';
import { deliveredAfter, planPresence, type PresenceContext } from './plan-presence';
import { choosePresenceRound, type PendingParts } from './presence-round';

const none: PendingParts = { presence: [], routingStatus: [], outOfOffice: [] };
const pending = (parts: Partial<PendingParts>): PendingParts => ({ ...none, ...parts });

describe('a presence round', () => {
  it('spends its one call on the endpoint whose changes have waited longest in all', () => {
    const round = choosePresenceRound(pending({ presence: [300, 200, 100], routingStatus: [500] }), 1, 500);
    expect(round).toEqual({ endpoints: ['presence'], outOfOffice: 0, paced: 1 });
  });

  it('calls a quiet endpoint once its waiting outweighs the busy one', () => {
    const round = choosePresenceRound(pending({ presence: [100, 100], routingStatus: [900] }), 1, 500);
    expect(round.endpoints).toEqual(['routingStatus']);
  });

  it('keeps an out-of-office change back until it has waited longer than a batch of events', () => {
    const events = pending({ presence: [400, 300, 200], outOfOffice: [800] });
    expect(choosePresenceRound(events, 1, 500)).toEqual({
      endpoints: ['presence'],
      outOfOffice: 0,
      paced: 1,
    });
    const older = pending({ presence: [400, 300, 200], outOfOffice: [950, 800] });
    expect(choosePresenceRound(older, 1, 500)).toEqual({ endpoints: [], outOfOffice: 1, paced: 1 });
  });

  it('with more tokens, sends every part that has them, the longest-waiting first', () => {
    const parts = pending({ presence: [50], routingStatus: [40], outOfOffice: [10, 30, 20] });
    expect(choosePresenceRound(parts, 3, 500)).toEqual({
      endpoints: ['presence', 'routingStatus'],
      outOfOffice: 1,
      paced: 3,
    });
    expect(choosePresenceRound(parts, Infinity, 500)).toEqual({
      endpoints: ['presence', 'routingStatus'],
      outOfOffice: 3,
      paced: 5,
    });
  });

  it('sends a full batch beyond its pace: a backlog, not a burst to collect', () => {
    const full = pending({ presence: [9_000], routingStatus: [1, 1, 1] });
    expect(choosePresenceRound(full, 1, 3)).toEqual({
      endpoints: ['presence', 'routingStatus'],
      outOfOffice: 0,
      paced: 1,
    });
  });

  it('makes no call with nothing pending', () => {
    expect(choosePresenceRound(none, 2, 500)).toEqual({ endpoints: [], outOfOffice: 0, paced: 0 });
  });
});

describe('what a round delivered', () => {
  const vacation: DesiredPresence = {
    statusId: 'On Vacation',
    systemPresence: 'Away',
    secondaryStatusKey: 'On Vacation',
    routingStatus: 'OFF_QUEUE',
    outOfOffice: { active: true },
    changedAt: '2026-12-01T10:00:00.000Z',
    sequence: 9,
  };
  const context: PresenceContext = { sourceId: 'src', user: { id: 'g-ann' }, definition: { id: 'd-vac' } };
  const before = {
    sequence: 4,
    presenceDefinitionId: 'd-avail',
    message: 'back soon',
    routingStatus: 'IDLE' as const,
  };
  const plan = planPresence('ann', vacation, before, context, (name) => `uuid(${name})`);
  if (plan.type !== 'send') throw new Error('a change to vacation sends');

  it('is the whole plan once every part went', () => {
    const all = new Set(['presence', 'routingStatus', 'outOfOffice'] as const);
    expect(deliveredAfter(plan, before, all)).toEqual(plan.delivered);
  });

  it('keeps the older sequence and the unsent parts, so the next plan sends only what is missing', () => {
    const delivered = deliveredAfter(plan, before, new Set(['presence'] as const));
    expect(delivered).toEqual({ sequence: 4, presenceDefinitionId: 'd-vac', routingStatus: 'IDLE' });
    const next = planPresence('ann', vacation, delivered, context, (name) => `uuid(${name})`);
    expect(next).toMatchObject({
      type: 'send',
      routingStatus: { eventId: 'uuid(presence:routingStatus:9:ann)' },
    });
    expect(next).not.toHaveProperty('presence');
    expect(next).toHaveProperty('outOfOffice');
  });

  it('starts below every sequence for a user nothing was delivered to', () => {
    const first = planPresence('ann', vacation, undefined, context, (name) => `uuid(${name})`);
    if (first.type !== 'send') throw new Error('a first presence sends');
    const delivered = deliveredAfter(first, undefined, new Set(['routingStatus'] as const));
    expect(delivered).toEqual({ sequence: -1, routingStatus: 'OFF_QUEUE' });
  });

  it('marks a part whose call failed unconfirmed, so it is sent again even when back at its old value', () => {
    const delivered = deliveredAfter(
      plan,
      before,
      new Set(['presence'] as const),
      new Set(['outOfOffice'] as const),
    );
    expect(delivered).toMatchObject({ presenceDefinitionId: 'd-vac', unconfirmed: ['outOfOffice'] });
    const backAtWork: DesiredPresence = { ...vacation, outOfOffice: { active: false }, sequence: 10 };
    const next = planPresence('ann', backAtWork, delivered, context, (name) => `uuid(${name})`);
    expect(next).toMatchObject({ type: 'send', outOfOffice: { active: false } });
    if (next.type !== 'send') throw new Error('sends');
    expect(
      deliveredAfter(next, delivered, new Set(['outOfOffice', 'routingStatus'] as const)),
    ).not.toHaveProperty('unconfirmed');
  });
});
