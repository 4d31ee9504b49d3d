import type { InboxNotification, InboxRequestKind } from '@bridge/contracts';
import { inboxNotificationIdOf } from './wfm-notification';

/**
 * The inbox catch-up after a gap (issue 19, ADR 0013 "Catch-up"): Genesys keeps no backlog for a channel without a
 * socket, so what its topics said meanwhile is rebuilt from the management units' reads of the requests' current
 * state, compared with the last status the bridge passed on per agent and request.
 */

/** The widest date range the time-off requests query accepts (the SDK's TimeOffRequestQueryBody). */
const TIME_OFF_QUERY_MAX_DAYS = 33;
/** Genesys's clock and the bridge's may differ: a change stamped this much before the gap began counts as in it. */
const CATCH_UP_CLOCK_MARGIN_MS = 60_000;
const DAY_MS = 24 * 60 * 60 * 1000;
const WEEK_DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** What a catch-up reads for a gap, besides the pending time-off requests, and what counts as changed in it. */
export interface CatchUpReads {
  /** The days (yyyy-MM-dd, inclusive, UTC) of the time-off requests query: the gap's, at most 33. */
  readonly timeOffRange: { readonly startDate: string; readonly endDate: string };
  /** The gap began before the 33 days the query reaches: what changed before `timeOffRange` is not read. */
  readonly clipped: boolean;
  /** A request changed at or after this instant (ISO) changed in the gap. */
  readonly since: string;
}

/** The reads for a gap that began at `gapStartedAt` (ms), caught up at `now` (ms). */
export function catchUpReadsOf(gapStartedAt: number, now: number): CatchUpReads {
  const endDate = dayOf(now);
  const earliest = dayOf(now - (TIME_OFF_QUERY_MAX_DAYS - 1) * DAY_MS);
  const since = Math.min(gapStartedAt, now) - CATCH_UP_CLOCK_MARGIN_MS;
  const wanted = dayOf(since);
  return {
    timeOffRange: { startDate: wanted < earliest ? earliest : wanted, endDate },
    clipped: wanted < earliest,
    since: new Date(since).toISOString(),
  };
}

/**
 * The weeks (their first day, by the management unit's `startDayOfWeek`) whose shift trades a catch-up reads: from
 * the week the time-off range starts in through the week 33 days after `now`, where trades for upcoming shifts are.
 */
export function shiftTradeWeeksOf(reads: CatchUpReads, now: number, startDayOfWeek: string): string[] {
  const firstDay = Math.max(0, WEEK_DAYS.indexOf(startDayOfWeek));
  const weekOf = (ms: number) => ms - ((new Date(ms).getUTCDay() - firstDay + 7) % 7) * DAY_MS;
  const last = weekOf(now + TIME_OFF_QUERY_MAX_DAYS * DAY_MS);
  const weeks: string[] = [];
  for (let week = weekOf(Date.parse(reads.timeOffRange.startDate)); week <= last; week += 7 * DAY_MS)
    weeks.push(dayOf(week));
  return weeks;
}

/** A synced agent's request as a management unit read gives it now, with when Genesys last changed it. */
export interface ObservedRequest {
  readonly genesysUserId: string;
  readonly cicUserId: string;
  readonly request: InboxNotification['request'];
  readonly modifiedAt: string | undefined;
}

/** The key of the last status the bridge passed on for one agent's request. */
export function inboxRequestKeyOf(genesysUserId: string, kind: InboxRequestKind, requestId: string): string {
  return `${genesysUserId}:${kind}:${requestId}`;
}

/** The status a request starts in: the agent made it, so it is no news to them. */
const INITIAL_STATUS: Readonly<Record<InboxRequestKind, string>> = {
  timeOffRequest: 'PENDING',
  shiftTrade: 'Unmatched',
};

/** The last status the bridge passed on for one agent's request, and when (ms, the bridge's clock). */
export interface PassedOnStatus {
  readonly status: string;
  readonly at: number;
}

/**
 * The notifications a gap hid: for each agent's request read, one when its status differs from the last one the
 * bridge passed on (`passedOn`, by `inboxRequestKeyOf`); for a request the bridge never passed on, one when it
 * changed in the gap (at or after `reads.since`) to a status other than the one it starts in. A request changed
 * twice in the gap gives its current status only. A status passed on after the reads began (`readsStartedAt`) came
 * live while every socket listened: it is at least as new as the read, and so is every later change, so the read
 * is not weighed against it. Each notification's id is the one a live notification of the same change has
 * (`inboxNotificationIdOf`), so news that came both ways reaches the agent once.
 */
export function missedInboxNotifications(
  observed: readonly ObservedRequest[],
  passedOn: ReadonlyMap<string, PassedOnStatus>,
  reads: Pick<CatchUpReads, 'since'> & { readonly readsStartedAt: number },
  now: number,
): InboxNotification[] {
  const missed = new Map<string, InboxNotification>();
  for (const { genesysUserId, cicUserId, request, modifiedAt } of observed) {
    const last = passedOn.get(inboxRequestKeyOf(genesysUserId, request.kind, request.requestId));
    if (last !== undefined && last.at >= reads.readsStartedAt) continue;
    const news =
      last === undefined
        ? request.status !== INITIAL_STATUS[request.kind] &&
          modifiedAt !== undefined &&
          Date.parse(modifiedAt) >= Date.parse(reads.since)
        : last.status !== request.status;
    if (!news) continue;
    const notificationId = inboxNotificationIdOf(genesysUserId, request);
    missed.set(notificationId, {
      notificationId,
      genesysUserId,
      cicUserId,
      timestamp: modifiedAt ?? new Date(now).toISOString(),
      request,
    });
  }
  return [...missed.values()];
}

/** A shift trade as the week read gives it: both agents it concerns. */
export interface ShiftTradeRead {
  readonly requestId: string;
  readonly status: string;
  readonly modifiedAt: string | undefined;
  readonly weekDate: string;
  readonly initiatingUserId: string;
  readonly receivingUserId: string | undefined;
}

/** A trade as a request of each synced agent it concerns (`cicKeyOf`: Genesys id → CIC user, synced users only). */
export function observedShiftTrade(
  trade: ShiftTradeRead,
  cicKeyOf: ReadonlyMap<string, string>,
): ObservedRequest[] {
  const agents = [
    { id: trade.initiatingUserId, role: 'initiating' as const },
    { id: trade.receivingUserId, role: 'receiving' as const },
  ];
  return agents.flatMap(({ id, role }) => {
    const cicUserId = id === undefined ? undefined : cicKeyOf.get(id);
    if (id === undefined || cicUserId === undefined) return [];
    return [
      {
        genesysUserId: id,
        cicUserId,
        modifiedAt: trade.modifiedAt,
        request: {
          kind: 'shiftTrade',
          requestId: trade.requestId,
          status: trade.status,
          weekDate: trade.weekDate,
          role,
        },
      },
    ];
  });
}

function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
