import type { PresenceEndpoint } from './presence-events';

/** What the presence lane sends: an events call per endpoint, and an out-of-office call per user. */
export type PresencePart = PresenceEndpoint | 'outOfOffice';

/** How long each pending part has waited, in milliseconds, by part. */
export type PendingParts = Readonly<Record<PresencePart, readonly number[]>>;

export interface PresenceRound {
  /** The events endpoints this round calls; each call carries up to `batch` events. */
  readonly endpoints: readonly PresenceEndpoint[];
  /** How many out-of-office changes this round sends, the longest-waiting first. */
  readonly outOfOffice: number;
  /** The calls that spend the lane's own pace; the others carry full batches. */
  readonly paced: number;
}

const endpoints: readonly PresenceEndpoint[] = ['presence', 'routingStatus'];

/**
 * Which calls one round of the presence lane makes with `tokens` calls of its pace: each call goes where it ends
 * the most waiting, counted as the sum of how long each pending change it carries has waited. An events call
 * carries every pending change of its endpoint, an out-of-office call one user's, so a busy endpoint is called
 * more often than a quiet one (its waiting grows faster) and an out-of-office change waits until it outweighs a
 * batch of events: presence events never queue behind per-user calls. A full batch is a backlog rather than a
 * burst to collect, so it goes at once, beyond the pace (the shares of idle lanes may carry it).
 */
export function choosePresenceRound(pending: PendingParts, tokens: number, batch: number): PresenceRound {
  const candidates = [
    ...endpoints
      .filter((endpoint) => pending[endpoint].length > 0)
      .map((endpoint) => ({ part: endpoint, waited: sum(pending[endpoint]) })),
    ...pending.outOfOffice.map((waited) => ({ part: 'outOfOffice' as const, waited })),
  ].sort((a, b) => b.waited - a.waited);
  const chosen = candidates.slice(0, Math.max(0, tokens));
  const paced = chosen.flatMap(({ part }) => (part === 'outOfOffice' ? [] : [part]));
  const backlog = endpoints.filter(
    (endpoint) => !paced.includes(endpoint) && pending[endpoint].length >= batch,
  );
  return {
    endpoints: [...paced, ...backlog],
    outOfOffice: chosen.length - paced.length,
    paced: chosen.length,
  };
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
