/**
 * The simulator's notion of time. Tests scale it so that a minute of rate-limit budget or a token lifetime
 * passes in a fraction of a real second; everything that ages (buckets, tokens, modified dates) reads it.
 */
export interface Clock {
  now(): number;
  readonly scale: number;
}

/** A clock that starts at the real time and then runs `scale` times faster than the wall clock. */
export function scaledClock(scale: number, realNow: () => number = Date.now): Clock {
  const startReal = realNow();
  return {
    scale,
    now: () => startReal + (realNow() - startReal) * scale,
  };
}

export function isoAt(clock: Clock): string {
  return new Date(clock.now()).toISOString();
}
