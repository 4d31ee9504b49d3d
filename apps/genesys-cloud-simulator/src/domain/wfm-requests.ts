import { badRequest, notFound } from './api-error';
import { isoAt, type Clock } from './clock';
import { newId } from './ids';
import { type NotificationHub, userWfmTopic } from './notification-hub';

/**
 * Agents' time-off requests and shift trades, as far as the user's WFM notifications need them. A status change
 * (a supervisor approves, a receiving agent accepts) is published on the topic of each user it concerns, shaped as
 * the SDK's WfmUserNotificationTopicWfmUserNotification. The statuses are the SDK's (TimeOffRequestResponse.status,
 * ShiftTradeResponse.state).
 */
export const TIME_OFF_STATUSES = ['PENDING', 'APPROVED', 'DENIED', 'CANCELED'] as const;
export const SHIFT_TRADE_STATES = ['Unmatched', 'Matched', 'Approved', 'Denied', 'Canceled'] as const;

interface TimeOffRequest {
  id: string;
  userId: string;
  isFullDayRequest: boolean;
  fullDayManagementUnitDates: string[];
  status: (typeof TIME_OFF_STATUSES)[number];
}

interface ShiftTrade {
  id: string;
  weekDate: string;
  initiatingUserId: string;
  initiatingShiftDate: string;
  receivingUserId: string;
  receivingShiftDate: string;
  state: (typeof SHIFT_TRADE_STATES)[number];
}

export class WfmRequests {
  private readonly timeOff = new Map<string, TimeOffRequest>();
  private readonly trades = new Map<string, ShiftTrade>();

  constructor(
    private readonly clock: Clock,
    private readonly hub: NotificationHub,
  ) {}

  createTimeOff(userId: string, dates: readonly string[]): TimeOffRequest {
    if (userId === '') throw badRequest('userId is required');
    const request: TimeOffRequest = {
      id: newId(),
      userId,
      isFullDayRequest: true,
      fullDayManagementUnitDates: [...dates],
      status: 'PENDING',
    };
    this.timeOff.set(request.id, request);
    return request;
  }

  setTimeOffStatus(id: string, status: unknown): TimeOffRequest {
    const request = this.timeOff.get(id);
    if (!request) throw notFound('time off request', id);
    request.status = oneOf(TIME_OFF_STATUSES, status, 'status');
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
    };
    this.trades.set(trade.id, trade);
    return trade;
  }

  setShiftTradeState(id: string, state: unknown): ShiftTrade {
    const trade = this.trades.get(id);
    if (!trade) throw notFound('shift trade', id);
    trade.state = oneOf(SHIFT_TRADE_STATES, state, 'state');
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
}

function oneOf<T extends string>(values: readonly T[], value: unknown, name: string): T {
  const found = values.find((v) => v === value);
  if (found === undefined) throw badRequest(`${name} must be one of ${values.join(', ')}`);
  return found;
}
