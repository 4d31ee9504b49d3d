import { createHash, timingSafeEqual } from 'node:crypto';
import {
  applyDecorators,
  ForbiddenException,
  HttpException,
  HttpStatus,
  Inject,
  Injectable,
  UseGuards,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { SignIn } from '../auth/sign-in';
import { CONSOLE_CONFIG, type ConsoleConfig } from '../config';
import { Audit } from './audit';
import type { ConsoleRequest } from './console-request';
import { cookiesOf, SESSION_COOKIE } from './cookies';

const stateChanging = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** No valid session: an API caller gets 401, a browser on a page is sent to the sign-in page. */
export class SignInRequired extends HttpException {
  constructor(readonly page: boolean) {
    super('sign in first', HttpStatus.UNAUTHORIZED);
  }
}

/** Equal strings in constant time (hashed first, so lengths do not leak either). */
export function sameSecret(a: string, b: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(a), digest(b));
}

/**
 * Lets a request through only with a valid session; a state-changing one also needs the session's CSRF token
 * (header `X-CSRF-Token`, or the form field `_csrf`) and, when the browser names one, this console's origin
 * (CONSOLE_BASE_URL's, or the Host it was reached by).
 * Refusals of a signed-in operator are audited.
 */
@Injectable()
export class SessionGuard implements CanActivate {
  private readonly origin: string;

  constructor(
    @Inject(SignIn) private readonly signIn: SignIn,
    @Inject(Audit) private readonly audit: Audit,
    @Inject(CONSOLE_CONFIG) config: ConsoleConfig,
  ) {
    this.origin = new URL(config.CONSOLE_BASE_URL).origin;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<ConsoleRequest>();
    const page = !request.path.startsWith('/api/');
    const sessionId = cookiesOf(request.headers.cookie).get(SESSION_COOKIE);
    const operator = sessionId ? await this.signIn.operatorOf(sessionId) : undefined;
    if (!operator) {
      if (stateChanging.has(request.method)) await this.audit.refused(undefined, request, 'no valid session');
      throw new SignInRequired(page && request.method === 'GET');
    }
    if (stateChanging.has(request.method)) {
      const body = request.body as Record<string, unknown> | undefined;
      const header = request.headers['x-csrf-token'];
      const token =
        typeof header === 'string' ? header : typeof body?.['_csrf'] === 'string' ? body['_csrf'] : '';
      const origin = request.headers.origin;
      if (!token || !sameSecret(token, operator.csrfToken)) {
        await this.audit.refused(operator.name, request, 'missing or wrong CSRF token');
        throw new ForbiddenException('missing or wrong CSRF token');
      }
      if (origin !== undefined && origin !== this.origin && origin !== ownOrigin(request)) {
        await this.audit.refused(operator.name, request, `foreign origin ${origin}`);
        throw new ForbiddenException('request from another origin');
      }
    }
    request.operator = operator;
    return true;
  }
}

/** The origin a browser that loaded the page from this request's Host would send (the console behind any name). */
function ownOrigin(request: ConsoleRequest): string {
  return `${request.protocol}://${request.headers.host ?? ''}`;
}

/** Marks a controller (or route) as for signed-in operators only. */
export const SignedIn = () => applyDecorators(UseGuards(SessionGuard));
