import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Inject,
  Post,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { z } from 'zod';
import type { Session } from '../domain/session';
import { ICWS } from '../icws-names';
import { ActiveServerGuard, SessionGuard } from './guards';
import { icwsError } from './icws-error';
import { IcwsSession } from './icws-session.decorator';
import { SERVER_CONTEXT, type ServerContext } from './server-context';

const C = ICWS.connection;
const icAuthSchema = z.object({
  [C.type]: z.literal(ICWS.connectionTypes.icAuth),
  [C.userID]: z.string().min(1),
  [C.password]: z.string(),
});
const authTokenSchema = z.object({
  [C.type]: z.literal(ICWS.connectionTypes.authToken),
  [C.authToken]: z.string().min(1),
  [C.authTokenSeed]: z.string().optional(),
});
const uniqueAuthTokenSchema = z.object({ [C.authTokenSeed]: z.string().min(1) });

@Controller('icws')
@UseGuards(ActiveServerGuard)
export class ConnectionController {
  constructor(@Inject(SERVER_CONTEXT) private readonly context: ServerContext) {}

  private featureList(): { featureId: string; version: number }[] {
    return ICWS.features.map((featureId) => ({
      [C.featureId]: featureId,
      [C.version]:
        featureId === 'messaging' ? this.context.messagingVersion : ICWS.featureVersions[featureId],
    }));
  }

  /** Sign-in with a CIC user's id and password, or with a one-time auth token (§3.1). */
  @Post('connection')
  @HttpCode(HttpStatus.CREATED)
  connect(@Req() request: Request, @Res({ passthrough: true }) response: Response, @Body() body: unknown) {
    const language = request.header(ICWS.headers.acceptLanguage);
    // A wildcard (what fetch sends by default) names no language, and the session needs one for its lifetime.
    if (!language || language.trim() === '*')
      throw icwsError(
        HttpStatus.BAD_REQUEST,
        'error.request.missingAcceptLanguage',
        'Accept-Language is required',
      );
    const userId = this.authenticate(body);
    const { simulation, role } = this.context;
    const user = simulation.center.users.get(userId);
    if (!user) throw this.authFailure(response);
    const session = simulation.server(role).sessions.create(user.id, language);
    response.setHeader(ICWS.headers.csrfToken, session.csrfToken);
    response.setHeader(ICWS.headers.sessionId, session.id);
    response.cookie(ICWS.sessionCookie(session.id), session.cookieValue, {
      path: ICWS.basePath,
      httpOnly: true,
    });
    this.context.logger.info({ sessionId: session.id, userId: user.id, role }, 'session created');
    return {
      [C.csrfToken]: session.csrfToken,
      [C.sessionId]: session.id,
      [C.alternateHostList]: simulation.alternateHosts(role),
      [C.icServer]: `cic-${role}`,
      [C.userID]: user.id,
      [C.userDisplayName]: user.displayName ?? user.id,
      [C.features]: this.featureList(),
      [C.version]: ICWS.serverVersion,
    };
  }

  @Get('connection/features')
  features() {
    return { [C.featureInfoList]: this.featureList() };
  }

  @Get('connection/version')
  version() {
    return ICWS.serverVersion;
  }

  @Get(':sessionId/connection')
  @UseGuards(SessionGuard)
  state() {
    return { [C.connectionState]: C.connectionStateUp };
  }

  @Delete(':sessionId/connection')
  @UseGuards(SessionGuard)
  @HttpCode(HttpStatus.NO_CONTENT)
  disconnect(@IcwsSession() session: Session): void {
    this.context.simulation.server(this.context.role).sessions.delete(session.id);
  }

  /** A token another application (the SSO IdP) can sign in with once, within 7 s (§3.1). */
  @Post(':sessionId/connection/unique-auth-token')
  @UseGuards(SessionGuard)
  @HttpCode(HttpStatus.CREATED)
  uniqueAuthToken(@IcwsSession() session: Session, @Body() body: unknown) {
    const parsed = uniqueAuthTokenSchema.safeParse(body);
    if (!parsed.success)
      throw icwsError(HttpStatus.BAD_REQUEST, 'error.request.invalid', 'authTokenSeed is required');
    return {
      [C.authToken]: this.context.simulation.authTokens.issue(session.userId, parsed.data[C.authTokenSeed]),
    };
  }

  private authenticate(body: unknown): string {
    const { simulation } = this.context;
    const password = icAuthSchema.safeParse(body);
    if (password.success) {
      return simulation.center.authenticate(password.data[C.userID], password.data[C.password])?.id ?? '';
    }
    const token = authTokenSchema.safeParse(body);
    if (token.success)
      return simulation.authTokens.redeem(token.data[C.authToken], token.data[C.authTokenSeed]) ?? '';
    throw icwsError(
      HttpStatus.BAD_REQUEST,
      'error.request.invalid',
      'unsupported connection request settings',
    );
  }

  private authFailure(response: Response) {
    response.setHeader(ICWS.headers.wwwAuthenticate, ICWS.wwwAuthenticateValue);
    return icwsError(
      HttpStatus.UNAUTHORIZED,
      'error.request.connection.authenticationFailure',
      'The authentication process failed.',
    );
  }
}
