import { Body, Controller, Get, Head, HttpCode, Inject, Param, Post, Put, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { notFound } from '../domain/api-error';
import { SimContext } from '../sim-context';
import { baseUrlOf } from './request-helpers';

/** The notifications API: channels and their topic subscriptions; the channel's socket is notification-socket.ts. */
@Controller('api/v2/notifications/channels')
export class NotificationsController {
  constructor(@Inject(SimContext) private readonly sim: SimContext) {}

  @Post()
  @HttpCode(200)
  create(@Req() req: Request, @Res({ passthrough: true }) res: Response): unknown {
    return this.sim.notifications.createChannel(clientOf(res), baseUrlOf(req).replace(/^http/, 'ws'));
  }

  @Get()
  list(@Res({ passthrough: true }) res: Response): unknown {
    return this.sim.notifications.listChannels(clientOf(res));
  }

  @Head(':channelId')
  verify(@Param('channelId') channelId: string): void {
    if (!this.sim.notifications.exists(channelId)) throw notFound('channel', channelId);
  }

  @Get(':channelId/subscriptions')
  subscriptions(@Param('channelId') channelId: string, @Res({ passthrough: true }) res: Response): unknown {
    return this.sim.notifications.subscriptions(clientOf(res), channelId);
  }

  @Put(':channelId/subscriptions')
  replace(
    @Param('channelId') channelId: string,
    @Body() body: unknown,
    @Res({ passthrough: true }) res: Response,
  ): unknown {
    return this.sim.notifications.subscribe(clientOf(res), channelId, body, 'replace');
  }

  @Post(':channelId/subscriptions')
  @HttpCode(200)
  add(
    @Param('channelId') channelId: string,
    @Body() body: unknown,
    @Res({ passthrough: true }) res: Response,
  ): unknown {
    return this.sim.notifications.subscribe(clientOf(res), channelId, body, 'add');
  }
}

/** The OAuth client the auth middleware found: channels belong to the client (the user and app) that made them. */
function clientOf(res: Response): string {
  const clientId: unknown = res.locals['clientId'];
  return typeof clientId === 'string' ? clientId : '';
}
