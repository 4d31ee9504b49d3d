import { retryAfterSeconds, takeToken } from './rate-limit';

describe('takeToken', () => {
  it('allows the per-minute limit in a burst, then asks to wait for the next token', () => {
    let bucket;
    for (let i = 0; i < 300; i += 1) {
      const decision = takeToken(bucket, 0, 300);
      expect(decision.allowed).toBe(true);
      bucket = decision.bucket;
    }
    const refused = takeToken(bucket, 0, 300);
    expect(refused).toMatchObject({ allowed: false, waitMs: 200 });
  });

  it('refills continuously: one token per 60000/limit ms', () => {
    const empty = { tokens: 0, updatedAt: 0 };
    expect(takeToken(empty, 199, 300).allowed).toBe(false);
    expect(takeToken(empty, 200, 300).allowed).toBe(true);
  });

  it('never holds more than the limit', () => {
    const decision = takeToken({ tokens: 5, updatedAt: 0 }, 3_600_000, 10);
    expect(decision.bucket.tokens).toBe(9);
  });
});

describe('retryAfterSeconds', () => {
  it('is in wall-clock seconds, rounded up, at least 1', () => {
    expect(retryAfterSeconds(200, 1)).toBe(1);
    expect(retryAfterSeconds(2500, 1)).toBe(3);
    expect(retryAfterSeconds(60_000, 60)).toBe(1);
  });
});
