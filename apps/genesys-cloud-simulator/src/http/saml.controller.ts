import { Body, Controller, Get, Inject, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { SimContext } from '../sim-context';
import type { SignedInUser } from '../saml/service-provider';
import { type Query as Q, str } from './request-helpers';

/** The SAML service provider pages: login (SP-initiated), ACS, the signed-in user, metadata. */
const escape = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
const page = (title: string, body: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${escape(title)}</title></head><body><h1>${escape(title)}</h1>${body}</body></html>`;
const COOKIE = 'gcsim_session';

function userPage(user: SignedInUser): string {
  return page(
    'Signed in to Genesys Cloud (simulator)',
    `<p>Signed in as <strong id="nameId">${escape(user.nameId)}</strong> (user id <code id="userId">${escape(user.userId)}</code>).</p>
<p>${user.spInitiated ? 'SP-initiated' : 'IdP-initiated'} login at ${escape(user.at)}.</p>
<pre id="attributes">${escape(JSON.stringify(user.attributes, null, 2))}</pre>`,
  );
}

@Controller('saml')
export class SamlController {
  constructor(@Inject(SimContext) private readonly sim: SimContext) {}

  private notConfigured(res: Response): void {
    res
      .status(503)
      .type('html')
      .send(
        page(
          'SAML is not configured',
          '<p>Set GC_SIM_IDP_CERT_FILE (and GC_SIM_IDP_SSO_URL for SP-initiated login).</p>',
        ),
      );
  }

  @Get('login')
  async login(@Query() q: Q, @Res() res: Response): Promise<void> {
    const sp = this.sim.saml;
    if (!sp) return this.notConfigured(res);
    if (!sp.canStartLogin) {
      res
        .status(503)
        .type('html')
        .send(page('No IdP SSO URL', '<p>Set GC_SIM_IDP_SSO_URL to start SP-initiated logins.</p>'));
      return;
    }
    const url = await sp.loginUrl(str(q, 'RelayState') ?? '');
    if (str(q, 'redirect') === 'true') {
      res.redirect(302, url);
      return;
    }
    res
      .type('html')
      .send(
        page(
          `Sign in to ${this.sim.settings.orgName}`,
          `<p><a id="sso" href="${escape(url)}">Sign in with your identity provider</a></p>`,
        ),
      );
  }

  /** The ACS endpoint (HTTP-POST binding). */
  @Post()
  async acs(@Body() body: unknown, @Res() res: Response): Promise<void> {
    const sp = this.sim.saml;
    if (!sp) return this.notConfigured(res);
    const form = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
    const samlResponse = form['SAMLResponse'];
    if (typeof samlResponse !== 'string') {
      res.status(400).type('html').send(page('Sign-in failed', '<p id="reason">SAMLResponse is missing</p>'));
      return;
    }
    const outcome = await sp.consume(samlResponse);
    if (!outcome.ok) {
      this.sim.logger.info({ reason: outcome.reason }, 'SAML response refused');
      res
        .status(403)
        .type('html')
        .send(page('Sign-in failed', `<p id="reason">${escape(outcome.reason)}</p>`));
      return;
    }
    res.cookie(COOKIE, outcome.user.sessionId, { httpOnly: true, sameSite: 'lax', path: '/saml' });
    res.status(200).type('html').send(userPage(outcome.user));
  }

  @Get('me')
  me(@Req() req: Request, @Res() res: Response): void {
    const sp = this.sim.saml;
    const cookie = /(?:^|;\s*)gcsim_session=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
    const user = cookie ? sp?.sessions.get(cookie) : undefined;
    if (!user) {
      res.status(401).type('html').send(page('Not signed in', '<p><a href="/saml/login">Sign in</a></p>'));
      return;
    }
    res.type('html').send(userPage(user));
  }

  @Get('metadata')
  metadata(@Res() res: Response): void {
    const sp = this.sim.saml;
    if (!sp) return this.notConfigured(res);
    res.type('application/samlmetadata+xml').send(sp.metadata());
  }

  @Get('logout')
  logout(@Res() res: Response): void {
    res.clearCookie(COOKIE, { path: '/saml' });
    res.type('html').send(page('Signed out', '<p><a href="/saml/login">Sign in again</a></p>'));
  }
}
