import type { DesiredPresence } from '@bridge/contracts';
import { defaultRetrySettings, type References } from '@bridge/delivery-planning';
import type { ClaimedPresence, PresenceOutcome } from '../persistence/presences';
import type { StatusOfRecord } from '../persistence/record-statuses';
import { LaneActivity } from './lane-activity';
import { PresenceLane, type PresenceGenesys } from './presence-lane';
import { PresencePace } from './presence-pace';

const available: DesiredPresence = {
  statusId: 'Available',
  systemPresence: 'OnQueue',
  routingStatus: 'IDLE',
  changedAt: '2026-12-01T10:00:00.000Z',
  sequence: 5,
};
const claimedPresence = (key: string, fields: Partial<ClaimedPresence> = {}): ClaimedPresence => ({
  key,
  desired: { present: true, document: available },
  delivered: undefined,
  primarySourceUserId: undefined,
  attempts: 0,
  revision: '1',
  waitedMs: 100,
  abandoned: false,
  traces: [],
  ...fields,
});

/** The lane over fakes: one claimed batch, users live as `g-<key>` unless named pending. */
function laneWith(
  claimed: ClaimedPresence[],
  refusedEventIds: readonly string[] = [],
  pendingUsers: string[] = [],
  pace = new PresencePace({ perMinute: 0, burst: 1 }),
  overrides: Partial<PresenceGenesys> = {},
) {
  const calls: string[] = [];
  const outcomes: PresenceOutcome[] = [];
  const statuses: StatusOfRecord[] = [];
  const references: References = {
    live: (kind, key) =>
      kind === 'user' && !pendingUsers.includes(key)
        ? {
            kind: 'user',
            key,
            genesysId: `g-${key}`,
            origin: 'created',
            name: key,
            live: true,
            actual: {} as never,
          }
        : undefined,
    pending: (kind, key) => kind === 'user' && pendingUsers.includes(key),
  };
  const genesys: PresenceGenesys = {
    presenceSourceNamed: async (name) => (calls.push(`source ${name}`), 'src'),
    systemPresenceDefinitionIds: async () => new Map([['OnQueue', 'd-onqueue']]),
    primarySourceOf: async (userId) => (calls.push(`read primary ${userId}`), 'src'),
    setPrimarySource: async (userId) => void calls.push(`primary ${userId}`),
    sendPresenceEvents: async (events) => {
      calls.push(`presence ${events.map((e) => e.userId).join()}`);
      return events
        .filter((e) => refusedEventIds.includes(e.userId))
        .map((e) => ({ eventId: e.eventId, message: 'no', retryable: true }));
    },
    sendRoutingStatusEvents: async (events) => (
      calls.push(`routing ${events.map((e) => e.status).join()}`),
      []
    ),
    setOutOfOffice: async () => void calls.push('outOfOffice'),
    ...overrides,
  };
  const lane = new PresenceLane(
    {
      claim: async () => claimed.splice(0),
      renew: async (keys) => void calls.push(`renew ${keys.join()}`),
      finish: async (done) => void outcomes.push(...done),
    },
    { references: async () => references },
    { save: async (records) => (statuses.push(...records), []) },
    genesys,
    new LaneActivity(),
    pace,
    (name) => `uuid(${name})`,
    {
      batch: 500,
      pollMs: 10,
      leaseMs: 1000,
      sourceName: 'Bridge',
      retry: defaultRetrySettings,
      waitRecheckMs: 5000,
    },
    { warn: () => undefined },
    () => 0.5,
  );
  return { lane, calls, outcomes, statuses };
}

describe('the presence lane', () => {
  it("sends a round's routing status events without waiting for its presence call's answer", async () => {
    let routingSent: () => void = () => undefined;
    const routingCalled = new Promise<void>((resolve) => (routingSent = resolve));
    const { lane, outcomes } = laneWith(
      [claimedPresence('ann', { primarySourceUserId: 'g-ann' })],
      [],
      [],
      undefined,
      {
        // Answers only once the routing call is out: two calls one after the other would never end.
        sendPresenceEvents: async () => (await routingCalled, []),
        sendRoutingStatusEvents: async () => (routingSent(), []),
      },
    );
    await lane.step();
    expect(outcomes).toMatchObject([{ key: 'ann', outcome: 'done' }]);
  });

  it('keeps its presences leased while a slow round sends, so no other instance takes them up', async () => {
    const { lane, calls } = laneWith([claimedPresence('ann')], [], [], undefined, {
      // Slower than a third of the lease: the round renews it meanwhile.
      setPrimarySource: async (userId) => {
        await new Promise((resolve) => setTimeout(resolve, 500));
        calls.push(`primary ${userId}`);
      },
    });
    await lane.step();
    expect(calls.slice(1, 3)).toEqual(['renew ann', 'primary g-ann']);
    const renewals = calls.length;
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(calls).toHaveLength(renewals);
  });

  it('becomes the primary source once, then sends presence and routing status in one call each', async () => {
    const { lane, calls, outcomes, statuses } = laneWith([
      claimedPresence('ann'),
      claimedPresence('bob', { primarySourceUserId: 'g-bob' }),
    ]);
    expect(await lane.step()).toBe(true);
    expect(calls).toEqual(['source Bridge', 'primary g-ann', 'presence g-ann,g-bob', 'routing Idle,Idle']);
    expect(outcomes).toMatchObject([
      { key: 'ann', outcome: 'done', primarySourceUserId: 'g-ann' },
      { key: 'bob', outcome: 'done', delivered: { sequence: 5, presenceDefinitionId: 'd-onqueue' } },
    ]);
    expect(statuses.map((s) => [s.kind, s.key, s.status.status])).toEqual([
      ['presence', 'ann', 'synced'],
      ['presence', 'bob', 'synced'],
    ]);
  });

  it('retries a user whose event Genesys refused as retryable, and only that user', async () => {
    const { lane, outcomes, statuses } = laneWith(
      [
        claimedPresence('ann', { primarySourceUserId: 'g-ann' }),
        claimedPresence('bob', { primarySourceUserId: 'g-bob' }),
      ],
      ['g-bob'],
    );
    await lane.step();
    expect(outcomes.map((o) => [o.key, o.outcome])).toEqual([
      ['ann', 'done'],
      ['bob', 'retry'],
    ]);
    expect(statuses.find((s) => s.key === 'bob')?.status).toMatchObject({
      status: 'error',
      error: { code: 'eventRefused' },
    });
  });

  it('waits for a user on its way, sending nothing for it', async () => {
    const { lane, calls, outcomes } = laneWith([claimedPresence('cat')], [], ['cat']);
    await lane.step();
    expect(calls).toEqual(['source Bridge']);
    expect(outcomes).toEqual([{ key: 'cat', revision: '1', outcome: 'wait', on: 'user', delayMs: 5000 }]);
  });

  it('sends the whole presence to a Genesys user created again since the last delivery', async () => {
    const delivered = { sequence: 5, presenceDefinitionId: 'd-onqueue', routingStatus: 'IDLE' as const };
    const { lane, calls } = laneWith([claimedPresence('ann', { delivered, primarySourceUserId: 'g-old' })]);
    await lane.step();
    expect(calls).toEqual(['source Bridge', 'primary g-ann', 'presence g-ann', 'routing Idle']);
  });

  it('sends nothing for an older change than the one delivered', async () => {
    const { lane, calls, outcomes } = laneWith([
      claimedPresence('ann', { delivered: { sequence: 9 }, primarySourceUserId: 'g-ann' }),
    ]);
    await lane.step();
    expect(calls).toEqual(['source Bridge']);
    expect(outcomes).toEqual([{ key: 'ann', revision: '1', outcome: 'done' }]);
  });

  it('with one call of its pace, sends the longest-waiting part and leaves the rest due, recorded', async () => {
    const onePerMinute = new PresencePace({ perMinute: 1, burst: 1 });
    const { lane, calls, outcomes, statuses } = laneWith(
      [
        claimedPresence('ann', { primarySourceUserId: 'g-ann', waitedMs: 50 }),
        claimedPresence('bob', {
          primarySourceUserId: 'g-bob',
          waitedMs: 400,
          delivered: { sequence: 4, presenceDefinitionId: 'd-onqueue', routingStatus: 'INTERACTING' },
        }),
      ],
      [],
      [],
      onePerMinute,
    );
    await lane.step();
    expect(calls).toEqual(['source Bridge', 'routing Idle,Idle']);
    expect(outcomes).toEqual([
      {
        key: 'ann',
        revision: '1',
        outcome: 'partial',
        delivered: { sequence: -1, routingStatus: 'IDLE' },
        primarySourceUserId: 'g-ann',
      },
      {
        key: 'bob',
        revision: '1',
        outcome: 'done',
        delivered: { sequence: 5, presenceDefinitionId: 'd-onqueue', routingStatus: 'IDLE' },
        primarySourceUserId: 'g-bob',
      },
    ]);
    expect(statuses.map((s) => [s.key, s.status.status])).toEqual([['bob', 'synced']]);
    expect(onePerMinute.available()).toBe(0);
  });

  it('sends every part again after a round that died before recording what it sent', async () => {
    const delivered = { sequence: 4, presenceDefinitionId: 'd-onqueue', routingStatus: 'IDLE' as const };
    const { lane, calls } = laneWith([
      claimedPresence('ann', { delivered, primarySourceUserId: 'g-ann', abandoned: true }),
    ]);
    await lane.step();
    expect(calls).toEqual(['source Bridge', 'presence g-ann', 'routing Idle']);
  });

  it('reads the primary source of a user a dead round may have set it for, and sets it only if not', async () => {
    const { lane, calls, outcomes } = laneWith(
      [claimedPresence('ann', { abandoned: true }), claimedPresence('bob', { abandoned: true })],
      [],
      [],
      undefined,
      {
        primarySourceOf: async (userId) => (
          calls.push(`read primary ${userId}`),
          userId === 'g-ann' ? 'src' : 'other'
        ),
      },
    );
    await lane.step();
    expect(calls.filter((call) => call.includes('primary'))).toEqual([
      'read primary g-ann',
      'read primary g-bob',
      'primary g-bob',
    ]);
    expect(outcomes).toMatchObject([
      { key: 'ann', outcome: 'done', primarySourceUserId: 'g-ann' },
      { key: 'bob', outcome: 'done', primarySourceUserId: 'g-bob' },
    ]);
  });
});
