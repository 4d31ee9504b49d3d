import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Session } from '../domain/session';
import type { SessionRequest } from './guards';

/** The session SessionGuard resolved for this request. */
export const IcwsSession = createParamDecorator((_: unknown, execution: ExecutionContext): Session => {
  const session = execution.switchToHttp().getRequest<SessionRequest>().icwsSession;
  if (!session) throw new Error('IcwsSession used on a route without SessionGuard');
  return session;
});
