import type { AppliedEvent, EventEndpoint } from '../../apps/genesys-cloud-simulator/src/domain/event-ledger';
import type { AppliedChange } from '../../apps/cic-simulator/src/storm-runner';

export interface ExactLags {
  /** Receipt in Genesys − the exact time CIC applied the change, per endpoint, in applied order. */
  readonly lagsMs: Record<EventEndpoint, number[]>;
  /** Events no recorded change explains (a change made before the storm started recording). */
  readonly unmatched: number;
}

/**
 * The delay of each applied Genesys event from the CIC change it carries, timed by the simulator's own clock.
 * CIC gives a status's change time to the second and that time is the event's eventDateTime, so the change an
 * event carries is the user's last recorded change within that second that had happened by the receipt.
 */
export function exactLags(
  changes: readonly AppliedChange[],
  events: readonly AppliedEvent[],
  cicUserOf: (genesysUserId: string) => string | undefined,
): ExactLags {
  const byUser = new Map<string, number[]>();
  for (const [userId, , atMs] of changes) {
    const key = userId.toLowerCase();
    const times = byUser.get(key) ?? [];
    times.push(atMs);
    byUser.set(key, times);
  }
  const lagsMs: Record<EventEndpoint, number[]> = { presence: [], routingStatus: [] };
  let unmatched = 0;
  for (const [endpoint, genesysUserId, eventAt, receivedAt] of events) {
    const times = byUser.get(cicUserOf(genesysUserId)?.toLowerCase() ?? '') ?? [];
    let carried: number | undefined;
    for (const at of times) {
      if (at > receivedAt) break;
      if (Math.floor(at / 1000) * 1000 === eventAt) carried = at;
    }
    if (carried === undefined) unmatched++;
    else lagsMs[endpoint].push(receivedAt - carried);
  }
  return { lagsMs, unmatched };
}
