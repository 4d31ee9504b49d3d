import { Body, Controller, Get, HttpCode, HttpStatus, Inject, Param, Put, UseGuards } from '@nestjs/common';
import { Registry } from '../domain/registry';
import { renderStatusMessage, renderUserStatus } from '../domain/render';
import { schemasAt } from '../contact-center-schema';
import { ICWS } from '../icws-names';
import { ActiveServerGuard, SessionGuard } from './guards';
import { failureToHttp, icwsError } from './icws-error';
import { SERVER_CONTEXT, type ServerContext } from './server-context';

/** Status definitions and user statuses (reference §3.6). */
@Controller('icws/:sessionId/status')
@UseGuards(ActiveServerGuard, SessionGuard)
export class StatusController {
  constructor(@Inject(SERVER_CONTEXT) private readonly context: ServerContext) {}

  @Get('status-messages')
  statusMessages() {
    const all = [...this.context.simulation.center.statusMessages.values()].map(renderStatusMessage);
    return { [ICWS.status.statusMessageList]: all };
  }

  @Get('user-statuses/:userId')
  userStatus(@Param('userId') userId: string) {
    const status = this.context.simulation.center.userStatuses.get(Registry.key(userId));
    if (!status) throw icwsError(HttpStatus.NOT_FOUND, 'error.request.notFound', `no user ${userId}`);
    return renderUserStatus(status);
  }

  /** Answers 202, as the real server does (reference §3.6). */
  @Put('user-statuses/:userId')
  @HttpCode(HttpStatus.ACCEPTED)
  setUserStatus(@Param('userId') userId: string, @Body() body: unknown): void {
    const parsed = schemasAt(this.context.clock().toISOString()).userStatusChange.safeParse(body);
    if (!parsed.success)
      throw icwsError(HttpStatus.BAD_REQUEST, 'error.request.invalid', parsed.error.message);
    const outcome = this.context.simulation.setUserStatus(userId, parsed.data);
    if (!outcome.ok) throw failureToHttp(outcome);
  }
}
