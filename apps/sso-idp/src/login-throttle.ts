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

/** Whether an attempt may go ahead; if not, why (ThrottleDecision) and whose key refused it. */
export type LoginThrottleDecision =
  | { readonly allowed: true }
  | (Exclude<ThrottleDecision, { allowed: true }> & { readonly by: 'user' | 'address' });

/**
 * Longer than one CIC sign-in may take (each server's connect, reading the emails, the log-off), so an attempt
 * waiting for a place is refused only when the attempts holding the places get no answer from CIC.
 */
const MAX_WAIT_MS = 20_000;

/** Keeps the throttle state per CIC user and per client address in memory and applies the saml-idp rules. */
export class LoginThrottle {
  private readonly users = new CappedMap<string, ThrottleState>(TABLE_CAPACITY.throttleKeys);
  private readonly addresses = new CappedMap<string, ThrottleState>(TABLE_CAPACITY.throttleKeys);
  /** Attempts waiting for a place; every settled attempt wakes them to try again. */
  private readonly waiting = new Set<() => void>();

  constructor(private readonly maxWaitMs = MAX_WAIT_MS) {}

  /**
   * Allowed when neither the user (if known yet) nor the address is locked and both have a place free, and then
   * counted against both at once, before CIC is asked. While attempts CIC has not answered hold the places, this
   * one waits for their outcome (up to `maxWaitMs`) rather than being refused for what may be no failure at all.
   * Every allowed attempt must be settled.
   */
  async reserve(
    userId: string | undefined,
    address: string,
    clock: () => number,
  ): Promise<LoginThrottleDecision> {
    const deadline = clock() + this.maxWaitMs;
    for (;;) {
      const decision = this.tryReserve(userId === undefined ? undefined : userKey(userId), address, clock());
      const left = deadline - clock();
      if (decision.allowed || decision.reason === 'locked' || left <= 0) return decision;
      await this.nextSettle(left);
    }
  }

  settle(userId: string | undefined, address: string, outcome: AttemptOutcome, now: number): void {
    const byAddress = settleAttempt(this.addresses.get(address), outcome, now, ADDRESS_THROTTLE);
    store(this.addresses, address, byAddress, now, ADDRESS_THROTTLE);
    if (userId !== undefined) {
      const user = userKey(userId);
      store(
        this.users,
        user,
        settleAttempt(this.users.get(user), outcome, now, USER_THROTTLE),
        now,
        USER_THROTTLE,
      );
    }
    for (const wake of [...this.waiting]) wake();
  }

  private tryReserve(user: string | undefined, address: string, now: number): LoginThrottleDecision {
    const byAddress = reserveAttempt(this.addresses.get(address), now, ADDRESS_THROTTLE);
    const byUser = user === undefined ? undefined : reserveAttempt(this.users.get(user), now, USER_THROTTLE);
    const refusals = [
      { by: 'user' as const, decision: byUser?.decision },
      { by: 'address' as const, decision: byAddress.decision },
    ].flatMap(({ by, decision }) =>
      decision === undefined || decision.allowed ? [] : [{ ...decision, by }],
    );
    // A lock is the definite answer, the longest the one to wait for; places held by others may yet come free.
    const locks = refusals.flatMap((refusal) => (refusal.reason === 'locked' ? [refusal] : []));
    const refusal = locks.sort((a, b) => b.waitMs - a.waitMs)[0] ?? refusals[0];
    if (refusal !== undefined) return refusal;
    store(this.addresses, address, byAddress.state, now, ADDRESS_THROTTLE);
    if (user !== undefined) store(this.users, user, byUser?.state, now, USER_THROTTLE);
    return { allowed: true };
  }

  private nextSettle(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.waiting.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, timeoutMs);
      this.waiting.add(wake);
    });
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
