import { deletionGuard } from './deletion-guard';
import { dependenciesOf, kindPriority } from './dependency-order';
import { blockBucket, fullBucket, nextBucket, type RateBucket } from './rate-budget';
import { retryPolicy, type DeliveryFailure } from './retry-policy';

const settings = { perMinute: 300, burst: 2 };

describe('nextBucket', () => {
  it('spends the burst, then asks to wait for the refill of one token', () => {
    let bucket: RateBucket = fullBucket(settings, 0);
    const decisions = [0, 0, 0].map(() => {
      const decision = nextBucket(bucket, 0, settings);
      bucket = decision.bucket;
      return decision.allowed ? 'allowed' : decision.waitMs;
    });
    expect(decisions).toEqual(['allowed', 'allowed', 200]);
    expect(nextBucket(bucket, 200, settings).allowed).toBe(true);
  });

  it('grants several tokens at once, never more than the bucket holds, and all with the limit off', () => {
    const roomy = { perMinute: 300, burst: 10 };
    const first = nextBucket(fullBucket(roomy, 0), 0, roomy, 4);
    expect(first).toMatchObject({ allowed: true, granted: 4, bucket: { tokens: 6 } });
    const rest = first.allowed ? nextBucket(first.bucket, 0, roomy, 16) : first;
    expect(rest).toMatchObject({ allowed: true, granted: 6, bucket: { tokens: 0 } });
    const off = { perMinute: 0, burst: 0 };
    expect(nextBucket(fullBucket(off, 0), 0, off, 16)).toMatchObject({ allowed: true, granted: 16 });
  });

  it('never holds more than the burst', () => {
    const later = nextBucket({ tokens: 0, updatedAtMs: 0, blockedUntilMs: 0 }, 3_600_000, settings);
    expect(later.allowed && later.bucket.tokens).toBe(1);
  });

  it.each([
    ['while a Retry-After is pending, even with the limit off', { perMinute: 0, burst: 1 }, 1500, 500],
    ['while a Retry-After is pending', settings, 1999, 1],
  ])('sends nothing %s', (_name, budget, now, wait) => {
    const blocked = blockBucket(fullBucket(budget, 0), 1000, 1000);
    expect(nextBucket(blocked, now, budget)).toMatchObject({ allowed: false, waitMs: wait });
  });

  it('starts empty when a Retry-After has passed, and a later 429 cannot shorten the block', () => {
    const blocked = blockBucket(blockBucket(fullBucket(settings, 0), 0, 5000), 1000, 1000);
    expect(blocked.blockedUntilMs).toBe(5000);
    expect(nextBucket(blocked, 5000, settings)).toMatchObject({ allowed: false, waitMs: 200 });
  });

  it('lets everything through with the limit off', () => {
    const off = { perMinute: 0, burst: 0 };
    expect(nextBucket(fullBucket(off, 0), 0, off).allowed).toBe(true);
  });
});

const failure = (kind: DeliveryFailure['kind'], retryAfterMs?: number): DeliveryFailure => ({
  kind,
  status: 500,
  code: 'x',
  message: 'x',
  retryAfterMs,
});
const retry = { maxAttempts: 3, maxRejectedAttempts: 1, baseDelayMs: 1000, maxDelayMs: 3000 };

describe('retryPolicy', () => {
  it.each([
    [
      'retries a 5xx after half to all of the base delay',
      1,
      failure('unavailable'),
      0,
      { action: 'retry', delayMs: 500 },
    ],
    ['doubles the back-off', 2, failure('timeout'), 0.999, { action: 'retry', delayMs: 1999 }],
    ['quarantines after the last attempt', 3, failure('unavailable'), 0, { action: 'quarantine' }],
    ['quarantines a rejected request sooner', 1, failure('rejected'), 0, { action: 'quarantine' }],
    [
      'always waits out a 429, however often',
      99,
      failure('rateLimited', 7000),
      0,
      { action: 'retry', delayMs: 7000 },
    ],
  ])('%s', (_name, attempt, what, random, expected) => {
    expect(retryPolicy(attempt, what, random, retry)).toEqual(expected);
  });

  it('caps the back-off', () => {
    expect(
      retryPolicy(2, failure('unavailable'), 1, { ...retry, maxAttempts: 10, maxDelayMs: 1500 }),
    ).toEqual({
      action: 'retry',
      delayMs: 1500,
    });
  });
});

describe('deletionGuard', () => {
  it.each([
    ['lets one deletion of three through (below the minimum count)', { pending: 1, managed: 3 }, 'proceed'],
    ['lets 20% through', { pending: 2, managed: 10 }, 'proceed'],
    ['pauses more than 20%', { pending: 3, managed: 10 }, 'pause'],
    ['pauses when nothing managed is left to compare with', { pending: 2, managed: 0 }, 'pause'],
    ['stays paused until confirmed', { pending: 1, managed: 10, paused: true }, 'pause'],
    ['proceeds once confirmed', { pending: 9, managed: 10, paused: true, confirmed: true }, 'proceed'],
  ])('%s', (_name, input, expected) => {
    expect(deletionGuard({ confirmed: false, paused: false, ...input }).decision).toBe(expected);
  });
});

describe('dependency order', () => {
  it('drains skills, languages and wrap-up codes before users, and users before queues', () => {
    expect(kindPriority.skill).toBeLessThan(kindPriority.user);
    expect(kindPriority.wrapUpCode).toBeLessThan(kindPriority.user);
    expect(kindPriority.user).toBeLessThan(kindPriority.queue);
  });

  it('says what a queue and a user refer to', () => {
    expect(
      dependenciesOf({
        kind: 'queue',
        desired: { name: 'Q', memberKeys: ['ann'], wrapUpCodeKeys: ['sale'] },
      }),
    ).toEqual([
      { kind: 'user', key: 'ann' },
      { kind: 'wrapUpCode', key: 'sale' },
    ]);
  });
});
