/** How an operator signed in: as a CIC administrator (checked through ICWS) or with a local account. */
export type OperatorOrigin = 'cic' | 'local';

export interface SessionTimes {
  readonly createdAt: number;
  readonly lastSeenAt: number;
}

export interface SessionLimits {
  /** A session unused this long ends. */
  readonly idleMs: number;
  /** A session ends this long after sign-in, used or not. */
  readonly maxMs: number;
}

/** Whether a session is still good at `now`, and whether its last-seen time is worth writing again. */
export function sessionState(
  session: SessionTimes,
  now: number,
  limits: SessionLimits,
): 'expired' | 'valid' | 'touch' {
  if (now - session.createdAt >= limits.maxMs || now - session.lastSeenAt >= limits.idleMs) return 'expired';
  // Writing the time at most once a minute keeps a page's many requests from each being a database write.
  return now - session.lastSeenAt >= 60_000 ? 'touch' : 'valid';
}
