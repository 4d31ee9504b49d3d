import { randomBytes } from 'node:crypto';
import { Body, Controller, Get, Header, Inject, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CREDENTIAL_LIMIT, SignIn } from '../auth/sign-in';
import { CONSOLE_CONFIG, type ConsoleConfig } from '../config';
import { signInView } from '../views/sign-in.view';
import { Audit } from './audit';
import { operatorOf, type ConsoleRequest } from './console-request';
import { cookie, cookiesOf, SESSION_COOKIE, SIGN_IN_COOKIE } from './cookies';
import { sameSecret, SignedIn } from './session.guard';

const field = (body: unknown, name: string): string => {
  const value =
    typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' ? value : '';
};

/**
 * Sign-in and sign-out. The sign-in form carries a token that must match its cookie (so another site cannot sign
 * a browser in to an account of its choosing); each attempt, success or not, leaves an audit line.
 */
@Controller()
export class SignInController {
  constructor(
    @Inject(SignIn) private readonly signIn: SignIn,
    @Inject(Audit) private readonly audit: Audit,
    @Inject(CONSOLE_CONFIG) private readonly config: ConsoleConfig,
  ) {}

  private form(response: Response, message?: string, name?: string): string {
    const csrf = randomBytes(24).toString('base64url');
    response.setHeader(
      'Set-Cookie',
      cookie(SIGN_IN_COOKIE, csrf, { secure: this.config.secureCookies, maxAgeSeconds: 3600 }),
    );
    return signInView({
      csrf,
      cic: this.config.CONSOLE_CIC_SIGN_IN,
      ...(message ? { message } : {}),
      ...(name ? { name } : {}),
    }).value;
  }

  @Get('sign-in')
  @Header('Content-Type', 'text/html; charset=utf-8')
  page(@Res({ passthrough: true }) response: Response) {
    return this.form(response);
  }

  @Post('sign-in')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async submit(
    @Req() request: ConsoleRequest,
    @Body() body: unknown,
    @Res({ passthrough: true }) response: Response,
  ) {
    const name = field(body, 'name');
    const password = field(body, 'password');
    const expected = cookiesOf(request.headers.cookie).get(SIGN_IN_COOKIE);
    const address = request.ip ?? 'unknown';
    if (!expected || !sameSecret(field(body, '_csrf'), expected)) {
      await this.audit.refused(undefined, request, 'sign-in form without its token');
      response.status(403);
      return this.form(response, 'The sign-in form expired; please try again.');
    }
    if (!name || !password || name.length > CREDENTIAL_LIMIT || password.length > CREDENTIAL_LIMIT) {
      response.status(400);
      return this.form(response, 'Enter a user and a password.', name.slice(0, CREDENTIAL_LIMIT));
    }
    const result = await this.signIn.signIn(name, password, address);
    if (!result.ok) {
      // The attempted name goes to the audit line, the password never.
      await this.audit.action(
        name.slice(0, CREDENTIAL_LIMIT),
        'sign-in refused',
        `${result.why} from ${address}`,
      );
      response.status(result.why === 'throttled' ? 429 : result.why === 'cicUnavailable' ? 503 : 401);
      return this.form(response, result.message, name);
    }
    await this.audit.action(
      result.operator.name,
      'signed in',
      `${result.operator.origin} account from ${address}`,
    );
    response.setHeader('Set-Cookie', [
      cookie(SESSION_COOKIE, result.sessionId, { secure: this.config.secureCookies }),
      cookie(SIGN_IN_COOKIE, '', { secure: this.config.secureCookies, maxAgeSeconds: 0 }),
    ]);
    response.status(303).setHeader('Location', '/');
    return '';
  }

  @Post('sign-out')
  @SignedIn()
  async signOut(@Req() request: ConsoleRequest, @Res() response: Response) {
    const sessionId = cookiesOf(request.headers.cookie).get(SESSION_COOKIE);
    if (sessionId) await this.signIn.signOut(sessionId);
    await this.audit.action(operatorOf(request).name, 'signed out', `from ${request.ip ?? 'unknown'}`);
    response
      .setHeader(
        'Set-Cookie',
        cookie(SESSION_COOKIE, '', { secure: this.config.secureCookies, maxAgeSeconds: 0 }),
      )
      .redirect(303, '/sign-in');
  }
}
