import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put, Query } from '@nestjs/common';
import { isRecord } from '../domain/events';
import { SimContext } from '../sim-context';

const text = (body: unknown, name: string): string => {
  const value = isRecord(body) ? body[name] : undefined;
  return typeof value === 'string' ? value : '';
};

/**
 * The sandbox's side of WFM notifications: make time-off requests and shift trades, change their status as a
 * supervisor or the other agent would (each change is published on the users' topics), and drop the channels'
 * connections.
 */
@Controller('sim')
export class SimNotificationsController {
  constructor(@Inject(SimContext) private readonly sim: SimContext) {}

  /** A management unit of its own for the given users (every user starts in the default one). */
  @Post('wfm/management-units')
  @HttpCode(200)
  createManagementUnit(@Body() body: unknown): unknown {
    const userIds = isRecord(body) && Array.isArray(body['userIds']) ? body['userIds'].map(String) : [];
    return this.sim.wfmRequests.createManagementUnit(text(body, 'name'), userIds);
  }

  @Post('wfm/time-off-requests')
  @HttpCode(200)
  createTimeOff(@Body() body: unknown): unknown {
    const dates = isRecord(body) && Array.isArray(body['dates']) ? body['dates'].map(String) : [];
    return this.sim.wfmRequests.createTimeOff(text(body, 'userId'), dates);
  }

  @Put('wfm/time-off-requests/:id/status')
  timeOffStatus(@Param('id') id: string, @Body() body: unknown): unknown {
    return this.sim.wfmRequests.setTimeOffStatus(id, isRecord(body) ? body['status'] : undefined);
  }

  @Post('wfm/shift-trades')
  @HttpCode(200)
  createShiftTrade(@Body() body: unknown): unknown {
    return this.sim.wfmRequests.createShiftTrade(
      text(body, 'initiatingUserId'),
      text(body, 'receivingUserId'),
      text(body, 'weekDate') || '2026-12-07',
    );
  }

  @Put('wfm/shift-trades/:id/state')
  shiftTradeState(@Param('id') id: string, @Body() body: unknown): unknown {
    return this.sim.wfmRequests.setShiftTradeState(id, isRecord(body) ? body['state'] : undefined);
  }

  /** The counts; with `?topics=true` also the topics the connected channels listen to. */
  @Get('notifications')
  notifications(@Query('topics') topics?: string): unknown {
    const stats = this.sim.notifications.stats();
    return topics === 'true' ? { ...stats, listened: this.sim.notifications.listened() } : stats;
  }

  @Post('notifications/drop')
  @HttpCode(200)
  drop(): unknown {
    return { dropped: this.sim.notifications.dropConnections() };
  }
}
