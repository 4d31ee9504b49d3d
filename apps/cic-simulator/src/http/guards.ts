import { HttpStatus, Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ICWS } from '../icws-names';
import type { Session } from '../domain/session';
import { icwsError } from './icws-error';
import { SERVER_CONTEXT, type ServerContext } from './server-context';

/** A standby or downed server refuses every ICWS request with 503 and names the servers to try (§3.1). */
@Injectable()
export class ActiveServerGuard implements CanActivate {
  constructor(@Inject(SERVER_CONTEXT) private readonly context: ServerContext) {}

  canActivate(): boolean {
    const { simulation, role } = this.context;
    if (simulation.active === role) return true;
    throw icwsError(
      HttpStatus.SERVICE_UNAVAILABLE,
      'error.server.unavailable',
      `the ${role} server is not active`,
      {
        alternateHostList: simulation.alternateHosts(role),
      },
    );
  }
}

export function cookieValue(request: Request, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index > 0 && part.slice(0, index).trim() === name)
      return decodeURIComponent(part.slice(index + 1).trim());
  }
  return undefined;
}

export type SessionRequest = Request & { icwsSession?: Session };

/** Every session call needs the session id in the path, the CSRF header and the session cookie (§3.1). */
@Injectable()
export class SessionGuard implements CanActivate {
  constructor(@Inject(SERVER_CONTEXT) private readonly context: ServerContext) {}

  canActivate(execution: ExecutionContext): boolean {
    const request = execution.switchToHttp().getRequest<SessionRequest>();
    const raw = request.params['sessionId'];
    const sessionId = typeof raw === 'string' ? raw : '';
    const session = this.context.simulation.server(this.context.role).sessions.get(sessionId);
    const csrf = request.header(ICWS.headers.csrfToken);
    const cookie = cookieValue(request, ICWS.sessionCookie(sessionId));
    if (session && csrf === session.csrfToken && cookie === session.cookieValue) {
      request.icwsSession = session;
      return true;
    }
    execution
      .switchToHttp()
      .getResponse<Response>()
      .setHeader(ICWS.headers.wwwAuthenticate, ICWS.wwwAuthenticateValue);
    throw icwsError(
      HttpStatus.UNAUTHORIZED,
      'error.request.connection.authenticationFailure',
      'not signed in',
    );
  }
}
