import { ACCOUNT_RULE, attemptAllowed, withFailure } from './login-throttle';
import { accountNamed, parseOperatorAccounts } from './operator-accounts';
import { sessionState } from './session-rules';

const salt = Buffer.alloc(16, 1).toString('base64');
const hash = Buffer.alloc(32, 2).toString('base64');

describe('parseOperatorAccounts', () => {
  it('reads name=hash entries, names compared without case', () => {
    const { accounts, problems } = parseOperatorAccounts(` ops=scrypt:16384:8:1:${salt}:${hash} `);
    expect(problems).toEqual([]);
    expect(accountNamed(accounts, 'OPS')?.password).toMatchObject({ cost: 16384, blockSize: 8 });
  });

  it('names the account and the problem, never the hash', () => {
    const { problems } = parseOperatorAccounts(
      `weak=scrypt:1024:8:1:${salt}:${hash},twin=scrypt:16384:8:1:${salt}:${hash},TWIN=scrypt:16384:8:1:${salt}:${hash},bad name=x`,
    );
    expect(problems).toEqual([
      'weak: N must be a power of two of at least 16384',
      'TWIN: named twice',
      'entry 4: expected name=scrypt:…, the name of letters, digits and ._@-',
    ]);
    expect(problems.join()).not.toContain(hash);
  });
});

describe('sign-in throttle', () => {
  it('locks a key after the allowed failures until the window of the oldest counted one ends', () => {
    let failures: readonly number[] = [];
    for (let i = 0; i < ACCOUNT_RULE.maxFailures; i++)
      failures = withFailure(failures, 1000 + i, ACCOUNT_RULE);
    expect(attemptAllowed(failures, 2000, ACCOUNT_RULE)).toEqual({
      allowed: false,
      waitMs: 1000 + ACCOUNT_RULE.windowMs - 2000,
    });
    expect(attemptAllowed(failures, 1005 + ACCOUNT_RULE.windowMs, ACCOUNT_RULE)).toEqual({ allowed: true });
  });

  it('allows attempts below the limit', () => {
    expect(attemptAllowed(withFailure([], 0, ACCOUNT_RULE), 1, ACCOUNT_RULE)).toEqual({ allowed: true });
  });
});

describe('sessionState', () => {
  const limits = { idleMs: 30 * 60_000, maxMs: 8 * 3600_000 };
  it('ends an idle session and one past its lifetime', () => {
    expect(sessionState({ createdAt: 0, lastSeenAt: 0 }, limits.idleMs, limits)).toBe('expired');
    expect(sessionState({ createdAt: 0, lastSeenAt: limits.maxMs - 1 }, limits.maxMs, limits)).toBe(
      'expired',
    );
  });
  it('writes the last-seen time at most once a minute', () => {
    expect(sessionState({ createdAt: 0, lastSeenAt: 0 }, 59_000, limits)).toBe('valid');
    expect(sessionState({ createdAt: 0, lastSeenAt: 0 }, 60_000, limits)).toBe('touch');
  });
});
