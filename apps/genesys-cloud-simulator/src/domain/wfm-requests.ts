import { badRequest, notFound } from './api-error';
import { isoAt, type Clock } from './clock';
import { newId } from './ids';
import { type NotificationHub, userWfmTopic } from './notification-hub';

/**
 * Agents' time-off requests and shift trades, as far as the user's WFM notifications and the management unit reads
 * need them. A status change (a supervisor approves, a receiving agent accepts) is published on the topic of each
 * user it concerns, shaped as the SDK's WfmUserNotificationTopicWfmUserNotification. The statuses are the SDK's
 * (TimeOffRequestResponse.status, ShiftTradeResponse.state).
 *
 * Management units: every user of the org is in the default unit unless `/sim` put them in another one. The reads
 * are the SDK's: management units, a unit's users, the time-off requests query (TimeOffRequestQueryBody; it
 * requires `statuses: [PENDING]` or a date range of at most 33 days) and a unit's shift trades of one week.
 */
export const TIME_OFF_STATUSES = ['PENDING', 'APPROVED', 'DENIED', 'CANCELED'] as const;
export const SHIFT_TRADE_STATES = ['Unmatched', 'Matched', 'Approved', 'Denied', 'Canceled'] as const;

/** The widest date range the time-off requests query takes (the SDK's postWorkforcemanagement…TimeoffrequestsQuery). */
export const TIME_OFF_QUERY_MAX_DAYS = 33;
const DAY_MS = 24 * 60 * 60 * 1000;

interface TimeOffRequest {
  id: string;
  userId: string;
  isFullDayRequest: boolean;
  fullDayManagementUnitDates: string[];
  status: (typeof TIME_OFF_STATUSES)[number];
  submittedDate: string;
  dateModified: string;
  version: number;
}

interface ShiftTrade {
  id: string;
  weekDate: string;
  initiatingUserId: string;
  initiatingShiftDate: string;
  receivingUserId: string;
  receivingShiftDate: string;
  state: (typeof SHIFT_TRADE_STATES)[number];
  dateModified: string;
  version: number;
}

interface ManagementUnit {
  id: string;
  name: string;
  startDayOfWeek: 'Monday';
  timeZone: 'UTC';
}

const DEFAULT_UNIT: ManagementUnit = {
  id: 'default-management-unit',
  name: 'Default',
  startDayOfWeek: 'Monday',
  timeZone: 'UTC',
};

export class WfmRequests {
  private readonly timeOff = new Map<string, TimeOffRequest>();
  private readonly trades = new Map<string, ShiftTrade>();
  private readonly units = new Map<string, ManagementUnit>([[DEFAULT_UNIT.id, DEFAULT_UNIT]]);
  /** userId → management unit id, for users moved out of the default unit. */
  private readonly unitOfUser = new Map<string, string>();

  constructor(
    private readonly clock: Clock,
    private readonly hub: NotificationHub,
    /** The org's users: each is in a management unit. */
    private readonly users: () => Iterable<string>,
  ) {}

  /** A new management unit (a `/sim` call), holding the given users, who leave their former unit. */
  createManagementUnit(name: string, userIds: readonly string[]): ManagementUnit {
    if (name === '') throw badRequest('name is required');
    const unit: ManagementUnit = { ...DEFAULT_UNIT, id: newId(), name };
    this.units.set(unit.id, unit);
    for (const userId of userIds) this.unitOfUser.set(userId, unit.id);
    return unit;
  }

  managementUnits(): { entities: ManagementUnit[] } {
    return { entities: [...this.units.values()] };
  }

  managementUnitUsers(unitId: string): { entities: { id: string }[] } {
    this.unit(unitId);
    return { entities: this.userIdsOf(unitId).map((id) => ({ id })) };
  }

  /**
   * The time-off requests of a unit's users that match the body (TimeOffRequestQueryBody). The API requires
   * `statuses: [PENDING]` or a date range of at most 33 days; every other field filters. Which dates the range
   * filters on is not documented [INF]: here a request matches when one of its days, or its last change, is in it.
   */
  queryTimeOff(unitId: string, body: unknown): { entities: unknown[] } {
    this.unit(unitId);
    const query = isObject(body) ? body : {};
    const statuses = stringsOf(query['statuses']);
    const range = rangeOf(query['dateRange']);
    const onlyPending = statuses?.length === 1 && statuses[0] === 'PENDING';
    if (!onlyPending && !range)
      throw badRequest(
        `statuses must be [PENDING] or a dateRange of at most ${TIME_OFF_QUERY_MAX_DAYS} days`,
      );
    const ids = stringsOf(query['ids']);
    const userIds = stringsOf(query['userIds']);
    const members = new Set(this.userIdsOf(unitId));
    const inRange = (request: TimeOffRequest) =>
      !range ||
      request.fullDayManagementUnitDates.some((day) => day >= range.start && day <= range.end) ||
      (request.dateModified.slice(0, 10) >= range.start && request.dateModified.slice(0, 10) <= range.end);
    const entities = [...this.timeOff.values()]
      .filter(
        (r) =>
          members.has(r.userId) &&
          (!ids || ids.includes(r.id)) &&
          (!userIds || userIds.includes(r.userId)) &&
          (!statuses || statuses.includes(r.status)) &&
          inRange(r),
      )
      .map((r) => ({
        id: r.id,
        user: { id: r.userId },
        isFullDayRequest: r.isFullDayRequest,
        status: r.status,
        partialDayStartDateTimes: [],
        fullDayManagementUnitDates: r.fullDayManagementUnitDates,
        submittedBy: { id: r.userId },
        submittedDate: r.submittedDate,
        syncVersion: r.version,
        metadata: { dateModified: r.dateModified, version: r.version },
      }));
    return { entities };
  }

  /** A unit's shift trades whose initiating shift is in the week starting `weekDate` (WeekShiftTradeListResponse). */
  weekShiftTrades(unitId: string, weekDate: string): { entities: { trade: unknown }[] } {
    this.unit(unitId);
    const members = new Set(this.userIdsOf(unitId));
    const entities = [...this.trades.values()]
      .filter((t) => t.weekDate === weekDate && members.has(t.initiatingUserId))
      .map((t) => ({
        trade: {
          id: t.id,
          weekDate: t.weekDate,
          state: t.state,
          initiatingUser: { id: t.initiatingUserId },
          initiatingShiftStart: t.initiatingShiftDate,
          receivingUser: { id: t.receivingUserId },
          receivingShiftStart: t.receivingShiftDate,
          oneSided: false,
          metadata: { dateModified: t.dateModified, version: t.version },
        },
      }));
    return { entities };
  }

  createTimeOff(userId: string, dates: readonly string[]): TimeOffRequest {
    if (userId === '') throw badRequest('userId is required');
    const request: TimeOffRequest = {
      id: newId(),
      userId,
      isFullDayRequest: true,
      fullDayManagementUnitDates: [...dates],
      status: 'PENDING',
      submittedDate: isoAt(this.clock),
      dateModified: isoAt(this.clock),
      version: 1,
    };
    this.timeOff.set(request.id, request);
    return request;
  }

  setTimeOffStatus(id: string, status: unknown): TimeOffRequest {
    const request = this.timeOff.get(id);
    if (!request) throw notFound('time off request', id);
    request.status = oneOf(TIME_OFF_STATUSES, status, 'status');
    request.dateModified = isoAt(this.clock);
    request.version += 1;
    this.notify(request.userId, 'TimeOffRequest', {
      timeOffRequest: {
        timeOffRequestId: request.id,
        user: { id: request.userId },
        isFullDayRequest: request.isFullDayRequest,
        status: request.status,
        partialDayStartDateTimes: [],
        fullDayManagementUnitDates: request.fullDayManagementUnitDates,
      },
    });
    return request;
  }

  createShiftTrade(initiatingUserId: string, receivingUserId: string, weekDate: string): ShiftTrade {
    if (initiatingUserId === '' || receivingUserId === '')
      throw badRequest('initiatingUserId and receivingUserId are required');
    const trade: ShiftTrade = {
      id: newId(),
      weekDate,
      initiatingUserId,
      initiatingShiftDate: `${weekDate}T09:00:00Z`,
      receivingUserId,
      receivingShiftDate: `${weekDate}T13:00:00Z`,
      state: 'Unmatched',
      dateModified: isoAt(this.clock),
      version: 1,
    };
    this.trades.set(trade.id, trade);
    return trade;
  }

  setShiftTradeState(id: string, state: unknown): ShiftTrade {
    const trade = this.trades.get(id);
    if (!trade) throw notFound('shift trade', id);
    trade.state = oneOf(SHIFT_TRADE_STATES, state, 'state');
    trade.dateModified = isoAt(this.clock);
    trade.version += 1;
    const body = {
      shiftTrade: {
        weekDate: trade.weekDate,
        tradeId: trade.id,
        oneSided: false,
        newState: trade.state,
        initiatingUser: { id: trade.initiatingUserId },
        initiatingShiftDate: trade.initiatingShiftDate,
        receivingUser: { id: trade.receivingUserId },
        receivingShiftDate: trade.receivingShiftDate,
      },
    };
    for (const userId of new Set([trade.initiatingUserId, trade.receivingUserId]))
      this.notify(userId, 'ShiftTrade', body);
    return trade;
  }

  private notify(userId: string, type: string, detail: Record<string, unknown>): void {
    this.hub.publish(userWfmTopic(userId), {
      id: newId(),
      mutableGroupId: newId(),
      timestamp: isoAt(this.clock),
      type,
      ...detail,
      agentNotification: true,
      otherNotificationIdsInGroup: [],
      markedAsRead: false,
    });
  }

  private unit(unitId: string): ManagementUnit {
    const unit = this.units.get(unitId);
    if (!unit) throw notFound('management unit', unitId);
    return unit;
  }

  private userIdsOf(unitId: string): string[] {
    return [...this.users()].filter((id) => (this.unitOfUser.get(id) ?? DEFAULT_UNIT.id) === unitId);
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function stringsOf(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : undefined;
}

/** A DateRange of ISO dates (yyyy-MM-dd), inclusive, at most 33 days; undefined when the body has none. */
function rangeOf(value: unknown): { start: string; end: string } | undefined {
  if (!isObject(value)) return undefined;
  const start = value['startDate'];
  const end = value['endDate'];
  const day = /^\d{4}-\d{2}-\d{2}$/;
  if (typeof start !== 'string' || typeof end !== 'string' || !day.test(start) || !day.test(end))
    throw badRequest('dateRange needs startDate and endDate as yyyy-MM-dd');
  const days = (Date.parse(end) - Date.parse(start)) / DAY_MS + 1;
  if (days < 1 || days > TIME_OFF_QUERY_MAX_DAYS)
    throw badRequest(`dateRange must span 1 to ${TIME_OFF_QUERY_MAX_DAYS} days`);
  return { start, end };
}

function oneOf<T extends string>(values: readonly T[], value: unknown, name: string): T {
  const found = values.find((v) => v === value);
  if (found === undefined) throw badRequest(`${name} must be one of ${values.join(', ')}`);
  return found;
}
