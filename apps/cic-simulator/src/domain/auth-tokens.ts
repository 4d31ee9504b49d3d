/** ICWS one-time auth tokens: each redeems once, within 7 seconds of issue (reference §3.1). */
export const AUTH_TOKEN_LIFETIME_MS = 7000;

interface Issued {
  userId: string;
  seed: string;
  expiresAt: number;
}

export class AuthTokens {
  private readonly issued = new Map<string, Issued>();

  constructor(
    private readonly newToken: () => string,
    private readonly clock: () => Date,
  ) {}

  issue(userId: string, seed: string): string {
    this.prune();
    const token = this.newToken();
    this.issued.set(token, { userId, seed, expiresAt: this.clock().getTime() + AUTH_TOKEN_LIFETIME_MS });
    return token;
  }

  /** The user the token stands for, or undefined when unknown, used, expired or given with another seed. */
  redeem(token: string, seed: string | undefined): string | undefined {
    const issued = this.issued.get(token);
    this.issued.delete(token);
    if (!issued || issued.expiresAt < this.clock().getTime()) return undefined;
    if (seed !== undefined && seed !== issued.seed) return undefined;
    return issued.userId;
  }

  private prune(): void {
    const now = this.clock().getTime();
    for (const [token, issued] of this.issued) if (issued.expiresAt < now) this.issued.delete(token);
  }
}
