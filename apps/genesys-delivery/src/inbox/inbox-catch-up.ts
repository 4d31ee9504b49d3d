import type { InboxNotification } from '@bridge/contracts';
import {
  catchUpReadsOf,
  missedInboxNotifications,
  observedShiftTrade,
  shiftTradeWeeksOf,
  type ObservedRequest,
} from '@bridge/delivery-planning';
import type { GenesysClient } from '@bridge/genesys-client';
import type { InboxRequests } from '../persistence/inbox-requests';

export type CatchUpGenesys = Pick<
  GenesysClient,
  'managementUnits' | 'managementUnitUserIds' | 'queryTimeOffRequests' | 'weekShiftTrades'
>;

export interface CatchUpOutcome {
  /** Notifications rebuilt and passed on. */
  readonly passedOn: number;
  /** The gap began before the 33 days the time-off query reaches: older changes were not read. */
  readonly clipped: boolean;
}

/**
 * Rebuilds what a gap hid from the agents in `users` (Genesys id → CIC user): reads their management units'
 * requests changed since the gap began (pending ones, the gap's days of time off, the shift trades of the weeks
 * around it; every call through the org's rate gate), and passes on a notification for each status change the
 * bridge did not pass on (the rules are libs/delivery-planning's `missedInboxNotifications`).
 */
export class InboxCatchUp {
  constructor(
    private readonly genesys: CatchUpGenesys,
    private readonly requests: Pick<InboxRequests, 'lastStatuses'>,
    /** Publishes one notification and records its status (as a live one is). */
    private readonly passOn: (notification: InboxNotification) => Promise<void>,
  ) {}

  async run(
    gapStartedAt: number,
    users: ReadonlyMap<string, string>,
    now = Date.now(),
  ): Promise<CatchUpOutcome> {
    const reads = { ...catchUpReadsOf(gapStartedAt, now), readsStartedAt: now };
    const observed: ObservedRequest[] = [];
    for (const unit of await this.genesys.managementUnits()) {
      const members = (await this.genesys.managementUnitUserIds(unit.id)).filter((id) => users.has(id));
      if (members.length === 0) continue;
      const timeOff = [
        ...(await this.genesys.queryTimeOffRequests(unit.id, { pendingOnly: true })),
        ...(await this.genesys.queryTimeOffRequests(unit.id, { dateRange: reads.timeOffRange })),
      ];
      for (const request of timeOff) {
        const cicUserId = users.get(request.userId);
        if (cicUserId === undefined) continue;
        observed.push({
          genesysUserId: request.userId,
          cicUserId,
          modifiedAt: request.modifiedAt,
          request: {
            kind: 'timeOffRequest',
            requestId: request.requestId,
            status: request.status,
            isFullDayRequest: request.isFullDayRequest,
            dates: [...request.dates],
          },
        });
      }
      for (const week of shiftTradeWeeksOf(reads, now, unit.startDayOfWeek))
        for (const trade of await this.genesys.weekShiftTrades(unit.id, week))
          observed.push(...observedShiftTrade(trade, users));
    }
    const missed = missedInboxNotifications(observed, await this.requests.lastStatuses(observed), reads, now);
    for (const notification of missed) await this.passOn(notification);
    return { passedOn: missed.length, clipped: reads.clipped };
  }
}
