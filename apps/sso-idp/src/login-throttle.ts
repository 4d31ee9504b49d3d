import {
  ADDRESS_THROTTLE,
  CappedMap,
  isForgotten,
  reserveAttempt,
  settleAttempt,
  TABLE_CAPACITY,
  USER_THROTTLE,
  type ThrottleDecision,
  type ThrottlePolicy,
  type ThrottleState,
} from '@bridge/saml-idp';

export type AttemptOutcome = 'failed' | 'succeeded' | 'unavailable';

/** Keeps the throttle state per CIC user and per client address in memory and applies the saml-idp rules. */
export class LoginThrottle {
  private readonly users = new CappedMap<string, ThrottleState>(TABLE_CAPACITY.throttleKeys);
  private readonly addresses = new CappedMap<string, ThrottleState>(TABLE_CAPACITY.throttleKeys);

  /**
   * Allowed only when neither the user (if known yet) nor the address is locked, and then counted against both
   * at once, before CIC is asked; otherwise the longer wait. Every allowed attempt must be settled.
   */
  reserve(userId: string | undefined, address: string, now: number): ThrottleDecision {
    const user = userId === undefined ? undefined : userKey(userId);
    const byAddress = reserveAttempt(this.addresses.get(address), now, ADDRESS_THROTTLE);
    const byUser = user === undefined ? undefined : reserveAttempt(this.users.get(user), now, USER_THROTTLE);
    const waitMs = Math.max(
      0,
      ...[byAddress, byUser].map((r) => (r === undefined || r.decision.allowed ? 0 : r.decision.waitMs)),
    );
    if (waitMs > 0) return { allowed: false, waitMs };
    store(this.addresses, address, byAddress.state, now, ADDRESS_THROTTLE);
    if (user !== undefined) store(this.users, user, byUser?.state, now, USER_THROTTLE);
    return { allowed: true };
  }

  settle(userId: string | undefined, address: string, outcome: AttemptOutcome, now: number): void {
    const byAddress = settleAttempt(this.addresses.get(address), outcome, ADDRESS_THROTTLE);
    store(this.addresses, address, byAddress, now, ADDRESS_THROTTLE);
    if (userId === undefined) return;
    const user = userKey(userId);
    store(this.users, user, settleAttempt(this.users.get(user), outcome, USER_THROTTLE), now, USER_THROTTLE);
  }
}

// CIC user ids are case-insensitive: "Anna" and "anna" are one account.
const userKey = (userId: string) => userId.trim().toLowerCase();

function store(
  states: CappedMap<string, ThrottleState>,
  key: string,
  next: ThrottleState | undefined,
  now: number,
  policy: ThrottlePolicy,
): void {
  if (next === undefined || isForgotten(next, now, policy)) states.delete(key);
  else states.set(key, next);
}
