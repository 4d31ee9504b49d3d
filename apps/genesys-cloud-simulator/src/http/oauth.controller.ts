import { Body, Controller, Headers, Inject, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { SimContext } from '../sim-context';

/** POST /oauth/token, client credentials with HTTP Basic (what the SDK's loginClientCredentialsGrant sends). */
@Controller('oauth')
export class OAuthController {
  constructor(@Inject(SimContext) private readonly sim: SimContext) {}

  @Post('token')
  token(
    @Headers('authorization') authorization: string | undefined,
    @Body() body: unknown,
    @Res() res: Response,
  ): void {
    const grantType =
      typeof body === 'object' && body !== null ? (body as Record<string, unknown>)['grant_type'] : undefined;
    const result = this.sim.issuer.grant(authorization, grantType);
    res.status(result.ok ? 200 : result.status).json(result.body);
  }
}
