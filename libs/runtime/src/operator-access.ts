import { createHash, timingSafeEqual } from 'node:crypto';
import {
  applyDecorators,
  ForbiddenException,
  HttpException,
  Inject,
  Injectable,
  Logger,
  Module,
  UnauthorizedException,
  UnsupportedMediaTypeException,
  UseGuards,
  UseInterceptors,
  type CallHandler,
  type CanActivate,
  type DynamicModule,
  type ExecutionContext,
  type NestInterceptor,
  type OnModuleInit,
} from '@nestjs/common';
import { catchError, tap, throwError, type Observable } from 'rxjs';

/** Injection token of the configured operator token (`OPERATOR_TOKEN`), or undefined when none is set. */
export const OPERATOR_TOKEN = Symbol('OPERATOR_TOKEN');

/** The parts of an HTTP request the operator checks read (Express's request has them). */
interface OperatorRequest {
  readonly method: string;
  readonly originalUrl?: string;
  readonly url: string;
  readonly ip?: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body?: unknown;
}

const audit = new Logger('OperatorAudit');

/**
 * Whether `authorization` carries `Bearer <expected>`. Both sides are hashed first, so the comparison takes
 * the same time whatever the length or the first wrong character of the guess.
 */
export function operatorTokenMatches(expected: string, authorization: string | undefined): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match?.[1]) return false;
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(match[1]), digest(expected));
}

function describe(request: OperatorRequest): string {
  const userAgent = request.headers['user-agent'];
  return `${request.method} ${request.originalUrl ?? request.url} from ${request.ip ?? 'unknown'}${
    typeof userAgent === 'string' ? ` (${userAgent.slice(0, 80)})` : ''
  }`;
}

/** Text of a value for an audit line: JSON, cut short so a bulk answer cannot flood the log. */
function brief(value: unknown): string {
  const text = value === undefined ? '-' : JSON.stringify(value);
  return text.length > 500 ? `${text.slice(0, 500)}… (${text.length} characters)` : text;
}

const stateChanging = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Lets a request through only with the operator's bearer token, and a state-changing one only with a JSON
 * body: a browser must then send a CORS preflight first, which no operator endpoint answers, so a web page
 * cannot make an operator's browser act (CSRF). Without a configured token every request is refused. Refusals
 * are audited.
 */
@Injectable()
export class OperatorGuard implements CanActivate {
  constructor(@Inject(OPERATOR_TOKEN) private readonly token: string | undefined) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<OperatorRequest>();
    const refuse = (error: HttpException, reason: string) => {
      audit.warn(`operator request refused: ${describe(request)}: ${reason}`);
      return error;
    };
    if (this.token === undefined)
      throw refuse(
        new ForbiddenException('operator endpoints are off: this service has no OPERATOR_TOKEN'),
        'no OPERATOR_TOKEN configured',
      );
    const authorization = request.headers['authorization'];
    if (!operatorTokenMatches(this.token, typeof authorization === 'string' ? authorization : undefined)) {
      context
        .switchToHttp()
        .getResponse<{ setHeader(name: string, value: string): void }>()
        .setHeader('WWW-Authenticate', 'Bearer');
      throw refuse(
        new UnauthorizedException('an operator bearer token is required'),
        authorization === undefined ? 'no bearer token' : 'wrong bearer token',
      );
    }
    const type = String(request.headers['content-type'] ?? '')
      .split(';')[0]
      ?.trim()
      .toLowerCase();
    if (stateChanging.has(request.method) && type !== 'application/json')
      throw refuse(
        new UnsupportedMediaTypeException('send the body as application/json'),
        `content type ${type === '' ? 'missing' : type}`,
      );
    return true;
  }
}

/**
 * One audit line per state-changing operator action that got past the guard: who, what, with what, and how it
 * ended. At warn level, so a service logging only warnings and errors still keeps the trail.
 */
@Injectable()
export class OperatorAudit implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<OperatorRequest>();
    if (!stateChanging.has(request.method)) return next.handle();
    const action = `operator action: ${describe(request)} with ${brief(request.body)}`;
    return next.handle().pipe(
      tap((result) => audit.warn(`${action}: done, ${brief(result)}`)),
      catchError((error: unknown) => {
        audit.warn(
          `${action}: failed, ${error instanceof HttpException ? error.getStatus() : 500} ${
            error instanceof Error ? error.message : String(error)
          }`,
        );
        return throwError(() => error);
      }),
    );
  }
}

/** Marks a controller (or one route) as an operator endpoint: bearer token, JSON bodies, audit log. */
export const OperatorEndpoint = () =>
  applyDecorators(UseGuards(OperatorGuard), UseInterceptors(OperatorAudit));

/**
 * Provides the operator token to `@OperatorEndpoint()` controllers; import it once in a service's root module
 * with the parsed `OPERATOR_TOKEN`.
 */
@Module({})
export class OperatorAccessModule implements OnModuleInit {
  constructor(@Inject(OPERATOR_TOKEN) private readonly token: string | undefined) {}

  onModuleInit(): void {
    if (this.token === undefined)
      audit.warn('OPERATOR_TOKEN is not set: every operator endpoint refuses requests');
  }

  static forRoot(options: { token: string | undefined }): DynamicModule {
    return {
      module: OperatorAccessModule,
      global: true,
      providers: [{ provide: OPERATOR_TOKEN, useValue: options.token }, OperatorGuard, OperatorAudit],
      exports: [OPERATOR_TOKEN, OperatorGuard, OperatorAudit],
    };
  }
}
