/**
 * Per-token rate limit as a token bucket: capacity = the per-minute limit, refilled continuously. A pure
 * function of (bucket, now, limit), so the HTTP layer only obeys its answer and tests need no real time.
 */
export interface Bucket {
  readonly tokens: number;
  readonly updatedAt: number;
}

export type BucketDecision =
  | { readonly allowed: true; readonly bucket: Bucket }
  | { readonly allowed: false; readonly bucket: Bucket; readonly waitMs: number };

const MINUTE_MS = 60_000;

export function takeToken(bucket: Bucket | undefined, now: number, limitPerMinute: number): BucketDecision {
  const ratePerMs = limitPerMinute / MINUTE_MS;
  const previous = bucket ?? { tokens: limitPerMinute, updatedAt: now };
  const elapsed = Math.max(0, now - previous.updatedAt);
  const tokens = Math.min(limitPerMinute, previous.tokens + elapsed * ratePerMs);
  if (tokens >= 1) return { allowed: true, bucket: { tokens: tokens - 1, updatedAt: now } };
  return { allowed: false, bucket: { tokens, updatedAt: now }, waitMs: Math.ceil((1 - tokens) / ratePerMs) };
}

/** Retry-After is in wall-clock seconds (whole, at least 1), so a client waiting that long always gets a token. */
export function retryAfterSeconds(waitMs: number, clockScale: number): number {
  return Math.max(1, Math.ceil(waitMs / clockScale / 1000));
}
