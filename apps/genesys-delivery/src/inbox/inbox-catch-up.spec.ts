import type { InboxNotification } from '@bridge/contracts';
import { inboxRequestKeyOf } from '@bridge/delivery-planning';
import type { ShiftTradeState, TimeOffRequestState } from '@bridge/genesys-client';
import { type CatchUpGenesys, InboxCatchUp } from './inbox-catch-up';

const now = Date.parse('2026-12-02T10:00:30.000Z');
const gapStart = Date.parse('2026-12-02T10:00:00.000Z');
const inGap = '2026-12-02T10:00:10.000Z';

/** Two management units: the agents' and one with nobody synced. Answers what each read asks. */
function fakeGenesys(timeOff: TimeOffRequestState[], trades: ShiftTradeState[]) {
  const calls: string[] = [];
  const genesys: CatchUpGenesys = {
    managementUnits: async () => {
      calls.push('units');
      return [
        { id: 'mu1', startDayOfWeek: 'Monday' },
        { id: 'mu2', startDayOfWeek: 'Monday' },
      ];
    },
    managementUnitUserIds: async (unitId) => {
      calls.push(`users ${unitId}`);
      return unitId === 'mu1' ? ['g1', 'g2', 'unsynced'] : ['elsewhere'];
    },
    queryTimeOffRequests: async (unitId, query) => {
      calls.push(`timeOff ${unitId} ${'pendingOnly' in query ? 'pending' : JSON.stringify(query.dateRange)}`);
      return 'pendingOnly' in query ? timeOff.filter((r) => r.status === 'PENDING') : timeOff;
    },
    weekShiftTrades: async (unitId, weekDate) => {
      calls.push(`trades ${unitId} ${weekDate}`);
      return trades.filter((t) => t.weekDate === weekDate);
    },
  };
  return { genesys, calls };
}

const synced = new Map([
  ['g1', 'agent.one'],
  ['g2', 'agent.two'],
]);

describe('InboxCatchUp', () => {
  it('reads the units of synced agents and passes on each change the gap hid', async () => {
    const { genesys, calls } = fakeGenesys(
      [
        {
          requestId: 'r1',
          userId: 'g1',
          status: 'APPROVED',
          modifiedAt: inGap,
          isFullDayRequest: true,
          dates: [],
        },
        {
          requestId: 'r2',
          userId: 'g1',
          status: 'PENDING',
          modifiedAt: inGap,
          isFullDayRequest: true,
          dates: [],
        },
        {
          requestId: 'r3',
          userId: 'unsynced',
          status: 'DENIED',
          modifiedAt: inGap,
          isFullDayRequest: true,
          dates: [],
        },
      ],
      [
        {
          requestId: 't1',
          status: 'Matched',
          modifiedAt: inGap,
          weekDate: '2026-12-07',
          initiatingUserId: 'g2',
          receivingUserId: 'g1',
        },
      ],
    );
    const passed: InboxNotification[] = [];
    const catchUp = new InboxCatchUp(
      genesys,
      {
        lastStatuses: async () =>
          new Map([[inboxRequestKeyOf('g1', 'timeOffRequest', 'r1'), { status: 'PENDING', at: 0 }]]),
      },
      async (n) => void passed.push(n),
    );
    expect(await catchUp.run(gapStart, synced, now)).toEqual({ passedOn: 3, clipped: false });
    expect(passed.map((n) => [n.notificationId, n.cicUserId])).toEqual([
      ['g1:timeOffRequest:r1:APPROVED', 'agent.one'],
      ['g2:shiftTrade:t1:Matched', 'agent.two'],
      ['g1:shiftTrade:t1:Matched', 'agent.one'],
    ]);
    expect(calls.filter((c) => c.includes('mu2'))).toEqual(['users mu2']);
    expect(calls).toContain('timeOff mu1 pending');
    expect(calls).toContain('timeOff mu1 {"startDate":"2026-12-02","endDate":"2026-12-02"}');
    expect(calls).toContain('trades mu1 2026-12-07');
  });

  it('passes nothing on when every status is the one already passed on', async () => {
    const { genesys } = fakeGenesys(
      [
        {
          requestId: 'r1',
          userId: 'g1',
          status: 'APPROVED',
          modifiedAt: inGap,
          isFullDayRequest: true,
          dates: [],
        },
      ],
      [],
    );
    const passed: InboxNotification[] = [];
    const catchUp = new InboxCatchUp(
      genesys,
      {
        lastStatuses: async () =>
          new Map([[inboxRequestKeyOf('g1', 'timeOffRequest', 'r1'), { status: 'APPROVED', at: 0 }]]),
      },
      async (n) => void passed.push(n),
    );
    expect(await catchUp.run(gapStart, synced, now)).toEqual({ passedOn: 0, clipped: false });
    expect(passed).toEqual([]);
  });
});
