import { randomBytes } from 'node:crypto';
import type { Clock } from './clock';
import { type Bucket, type BucketDecision, takeToken } from './rate-limit';

/**
 * OAuth client-credentials clients and the tokens they were issued. Each token has its own rate-limit bucket,
 * as Genesys limits per client-credentials token (client.credentials.token.rate.per.minute).
 */
export interface OAuthClientConfig {
  readonly clientId: string;
  readonly clientSecret: string;
  /** Token lifetime; Genesys allows 300–172800 s and defaults to 86400 s. */
  readonly accessTokenValiditySeconds?: number;
  readonly name?: string;
}

export interface IssuedToken {
  readonly token: string;
  readonly clientId: string;
  readonly expiresAt: number;
  bucket?: Bucket;
}

export type TokenGrant =
  | { readonly ok: true; readonly body: { access_token: string; token_type: 'bearer'; expires_in: number } }
  | {
      readonly ok: false;
      readonly status: number;
      readonly body: { error: string; description: string; error_description: string };
    };

export const DEFAULT_CLIENT: OAuthClientConfig = {
  clientId: 'bridge-sandbox',
  clientSecret: 'bridge-sandbox-secret',
};
const DEFAULT_VALIDITY_SECONDS = 86400;

const oauthError = (status: number, error: string, description: string): TokenGrant => ({
  ok: false,
  status,
  body: { error, description, error_description: description },
});

export function parseBasic(header: string | undefined): { id: string; secret: string } | undefined {
  const match = /^Basic\s+(.+)$/i.exec(header ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

export class TokenIssuer {
  private readonly tokens = new Map<string, IssuedToken>();

  constructor(
    private readonly clients: readonly OAuthClientConfig[],
    private readonly clock: Clock,
  ) {}

  grant(authorization: string | undefined, grantType: unknown): TokenGrant {
    const credentials = parseBasic(authorization);
    if (!credentials)
      return oauthError(401, 'invalid_client', 'client authentication (HTTP Basic) is required');
    const client = this.clients.find(
      (c) => c.clientId === credentials.id && c.clientSecret === credentials.secret,
    );
    if (!client) return oauthError(401, 'invalid_client', 'client not found or bad secret');
    if (grantType !== 'client_credentials') {
      return oauthError(400, 'unsupported_grant_type', `grant_type ${String(grantType)} is not supported`);
    }
    const validity = client.accessTokenValiditySeconds ?? DEFAULT_VALIDITY_SECONDS;
    const token = randomBytes(32).toString('base64url');
    this.tokens.set(token, {
      token,
      clientId: client.clientId,
      expiresAt: this.clock.now() + validity * 1000,
    });
    return { ok: true, body: { access_token: token, token_type: 'bearer', expires_in: validity } };
  }

  /** The token behind a `Bearer` header, if it exists and has not expired. */
  verify(authorization: string | undefined): IssuedToken | 'missing' | 'invalid' {
    const match = /^Bearer\s+(.+)$/i.exec(authorization ?? '');
    if (!match?.[1]) return 'missing';
    const token = this.tokens.get(match[1].trim());
    if (!token) return 'invalid';
    if (token.expiresAt <= this.clock.now()) {
      this.tokens.delete(token.token);
      return 'invalid';
    }
    return token;
  }

  take(token: IssuedToken, limitPerMinute: number): BucketDecision {
    const decision = takeToken(token.bucket, this.clock.now(), limitPerMinute);
    token.bucket = decision.bucket;
    return decision;
  }

  /** Client ids and token counts for /sim/state; never the secrets or tokens themselves. */
  summary(): { clients: string[]; activeTokens: number } {
    return { clients: this.clients.map((c) => c.clientId), activeTokens: this.tokens.size };
  }

  clear(): void {
    this.tokens.clear();
  }
}
