/**
 * The one rate budget every worker of every instance spends from: a token bucket (continuous refill, like the
 * org's own limit) plus a block set by a `429 Retry-After`, during which nothing is sent at all.
 */
export interface RateBucket {
  readonly tokens: number;
  readonly updatedAtMs: number;
  readonly blockedUntilMs: number;
}

export interface RateBudgetSettings {
  /** Requests a minute; 0 turns the bucket off (a `Retry-After` still blocks). */
  readonly perMinute: number;
  /** The most tokens the bucket holds (the burst). */
  readonly burst: number;
}

export type BucketDecision =
  | { readonly allowed: true; readonly granted: number; readonly bucket: RateBucket }
  | { readonly allowed: false; readonly waitMs: number; readonly bucket: RateBucket };

export function fullBucket(settings: RateBudgetSettings, nowMs: number): RateBucket {
  return { tokens: settings.burst, updatedAtMs: nowMs, blockedUntilMs: 0 };
}

/**
 * Takes up to `wanted` tokens (at least one) if one is there and no `Retry-After` is pending; otherwise says how
 * long to wait for one.
 */
export function nextBucket(
  bucket: RateBucket,
  nowMs: number,
  settings: RateBudgetSettings,
  wanted = 1,
): BucketDecision {
  if (nowMs < bucket.blockedUntilMs) return { allowed: false, waitMs: bucket.blockedUntilMs - nowMs, bucket };
  if (settings.perMinute <= 0)
    return { allowed: true, granted: wanted, bucket: { ...bucket, updatedAtMs: nowMs } };
  const perMs = settings.perMinute / 60_000;
  const elapsed = Math.max(0, nowMs - bucket.updatedAtMs);
  const tokens = Math.min(settings.burst, bucket.tokens + elapsed * perMs);
  const refilled = { ...bucket, tokens, updatedAtMs: nowMs };
  if (tokens >= 1) {
    const granted = Math.min(wanted, Math.floor(tokens));
    return { allowed: true, granted, bucket: { ...refilled, tokens: tokens - granted } };
  }
  return { allowed: false, waitMs: Math.ceil((1 - tokens) / perMs), bucket: refilled };
}

/** A `429` arrived: nothing goes out until `Retry-After` has passed, and the bucket starts empty after it. */
export function blockBucket(bucket: RateBucket, nowMs: number, retryAfterMs: number): RateBucket {
  const until = Math.max(bucket.blockedUntilMs, nowMs + retryAfterMs);
  return { tokens: 0, updatedAtMs: until, blockedUntilMs: until };
}
