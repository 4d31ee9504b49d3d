import {
  ADDRESS_THROTTLE,
  isForgotten,
  nextThrottleState,
  throttleDecision,
  USER_THROTTLE,
  type ThrottleDecision,
  type ThrottlePolicy,
  type ThrottleState,
} from '@bridge/saml-idp';

/** Keeps the throttle state per CIC user and per client address in memory and applies the saml-idp rules. */
export class LoginThrottle {
  private readonly users = new Map<string, ThrottleState>();
  private readonly addresses = new Map<string, ThrottleState>();

  /** Allowed only when neither the user (if known yet) nor the address is locked; otherwise the longer wait. */
  check(userId: string | undefined, address: string, now: number): ThrottleDecision {
    const decisions = [
      throttleDecision(this.addresses.get(address), now),
      ...(userId === undefined ? [] : [throttleDecision(this.users.get(userKey(userId)), now)]),
    ];
    const waitMs = Math.max(0, ...decisions.map((d) => (d.allowed ? 0 : d.waitMs)));
    return waitMs === 0 ? { allowed: true } : { allowed: false, waitMs };
  }

  record(userId: string | undefined, address: string, outcome: 'failed' | 'succeeded', now: number): void {
    update(this.addresses, address, outcome, now, ADDRESS_THROTTLE);
    if (userId !== undefined) update(this.users, userKey(userId), outcome, now, USER_THROTTLE);
  }
}

// CIC user ids are case-insensitive: "Anna" and "anna" are one account.
const userKey = (userId: string) => userId.trim().toLowerCase();

function update(
  states: Map<string, ThrottleState>,
  key: string,
  outcome: 'failed' | 'succeeded',
  now: number,
  policy: ThrottlePolicy,
): void {
  const next = nextThrottleState(states.get(key), outcome, now, policy);
  if (next === undefined) states.delete(key);
  else states.set(key, next);
  if (states.size > 10_000)
    for (const [k, state] of states) if (isForgotten(state, now, policy)) states.delete(k);
}
