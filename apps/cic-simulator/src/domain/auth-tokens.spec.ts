import { AuthTokens } from './auth-tokens';

describe('one-time auth tokens', () => {
  let now = 0;
  let next = 0;
  const tokens = new AuthTokens(
    () => `token-${++next}`,
    () => new Date(now),
  );

  it('redeem once, for the user who asked, with the same seed', () => {
    const token = tokens.issue('anna', 'seed-1');
    expect(tokens.redeem(token, 'other-seed')).toBeUndefined();
    const again = tokens.issue('anna', 'seed-1');
    expect(tokens.redeem(again, 'seed-1')).toBe('anna');
    expect(tokens.redeem(again, 'seed-1')).toBeUndefined();
  });

  it('expire after 7 seconds', () => {
    const token = tokens.issue('anna', 's');
    now += 7001;
    expect(tokens.redeem(token, undefined)).toBeUndefined();
  });
});
