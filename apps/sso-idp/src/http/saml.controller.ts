import { Body, Controller, Get, Inject, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { randomBytes } from 'node:crypto';
import { IdentityProvider } from '../identity-provider';
import { LoginFlow, type SsoPage } from '../login-flow';
import { SSO_SETTINGS, type SsoSettings } from '../sso-settings';
import { renderPage } from './pages';

/**
 * Over https the CSRF cookie takes the `__Host-` prefix, which browsers accept only when Secure, for Path=/ and
 * without Domain, so neither a sibling subdomain nor plain http can plant one.
 */
const csrfCookie = (https: boolean) =>
  https ? { name: '__Host-idp_csrf', path: '/' } : { name: 'idp_csrf', path: '/saml/login' };
type Form = Record<string, unknown>;
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** The IdP's browser-facing endpoints under /saml. Decisions are LoginFlow's; this only speaks HTTP. */
@Controller('saml')
export class SamlController {
  constructor(
    @Inject(LoginFlow) private readonly flow: LoginFlow,
    @Inject(IdentityProvider) private readonly idp: IdentityProvider,
    @Inject(SSO_SETTINGS) private readonly settings: SsoSettings,
  ) {}

  @Get('metadata')
  metadata(@Res() res: Response): void {
    res.type('application/samlmetadata+xml').send(this.idp.metadata());
  }

  /** SP-initiated, HTTP-Redirect binding. */
  @Get('sso')
  async ssoRedirect(@Query() query: Form, @Res() res: Response): Promise<void> {
    this.send(res, await this.flow.start('redirect', str(query['SAMLRequest']), str(query['RelayState'])));
  }

  /** SP-initiated, HTTP-POST binding. */
  @Post('sso')
  async ssoPost(@Body() body: Form | undefined, @Res() res: Response): Promise<void> {
    const form = body ?? {};
    this.send(res, await this.flow.start('post', str(form['SAMLRequest']), str(form['RelayState'])));
  }

  @Post('login')
  async login(@Body() body: Form | undefined, @Req() req: Request, @Res() res: Response): Promise<void> {
    const form = body ?? {};
    const page = await this.flow.submit(
      {
        login: str(form['login']) ?? '',
        csrf: str(form['csrf']) ?? '',
        userId: str(form['userId']) ?? '',
        password: str(form['password']) ?? '',
      },
      readCookie(req, csrfCookie(this.settings.secureCookies).name),
      req.ip ?? 'unknown',
    );
    this.send(res, page);
  }

  /** IdP-initiated: `/saml/launch?target=…&token=…` with a one-time CIC auth token. */
  @Get('launch')
  async launch(@Query() query: Form, @Req() req: Request, @Res() res: Response): Promise<void> {
    const page = await this.flow.launch(
      { token: str(query['token']), seed: str(query['seed']), target: str(query['target']) },
      req.ip ?? 'unknown',
    );
    this.send(res, page);
  }

  private send(res: Response, view: SsoPage): void {
    const nonce = randomBytes(16).toString('base64');
    const acsOrigin = new URL(this.settings.sp.acsUrl).origin;
    res.setHeader(
      'Content-Security-Policy',
      `default-src 'none'; style-src 'unsafe-inline'; script-src 'nonce-${nonce}'; form-action 'self' ${acsOrigin}; frame-ancestors 'none'; base-uri 'none'`,
    );
    // The launch URL carries a one-time token: never pass it on as a Referer, never cache these pages.
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    if (this.settings.secureCookies) res.setHeader('Strict-Transport-Security', 'max-age=31536000');
    if (view.kind === 'loginForm') {
      const cookie = csrfCookie(this.settings.secureCookies);
      res.cookie(cookie.name, view.login.csrfToken, {
        httpOnly: true,
        sameSite: 'strict',
        secure: this.settings.secureCookies,
        path: cookie.path,
      });
    }
    const status = view.kind === 'autoPost' ? 200 : view.status;
    res.status(status).type('html').send(renderPage(view, nonce));
  }
}

function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return undefined;
}
