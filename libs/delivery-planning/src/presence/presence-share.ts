import type { RateBudgetSettings } from '../rate-budget';

/**
 * One lane's limit inside the org's one rate budget: while the other lane has work, a lane may spend at most its
 * `share` of the budget's rate (presence `DELIVERY_PRESENCE_SHARE`, the reconciler the rest), so neither starves
 * the other; while the other is idle it may spend it all. Both lanes still take every token from the shared
 * bucket, so together they never exceed the org's limit nor send inside a `Retry-After`. While the presence lane
 * waits for tokens, changes accumulate: the scarcer the tokens, the larger its next batch and the fewer calls per
 * change.
 */
export function laneBudget(
  org: RateBudgetSettings,
  share: number,
  otherLaneBusy: boolean,
): RateBudgetSettings {
  if (org.perMinute <= 0 || !otherLaneBusy) return org;
  return { perMinute: org.perMinute * share, burst: Math.max(1, Math.floor(org.burst * share)) };
}
