import type { RecordStatus } from '../decider/delivery-object';
import { laneBudget } from '../presence/presence-share';
import type { RateBudgetSettings } from '../rate-budget';
import type { Drift } from './drift';

/** A pass of the drift audit so far: when it began, the listing calls it made, and those it expects still. */
export interface PassProgress {
  readonly startedAtMs: number;
  readonly callsMade: number;
  /** An estimate that grows as listings say how many pages they have. */
  readonly callsLeft: number;
}

/**
 * When the audit's next listing call is due, so that a pass spreads its calls evenly over the interval instead of
 * spending its share of the rate budget in a burst at the start. A pass whose share cannot fit it in the interval
 * is held back by its lane's rate instead, and takes longer (`passFit` says so).
 */
export function nextAuditCallAtMs(progress: PassProgress, intervalMs: number): number {
  const total = progress.callsMade + progress.callsLeft;
  if (total === 0) return progress.startedAtMs;
  return progress.startedAtMs + (intervalMs * progress.callsMade) / total;
}

/** Whether a pass of `calls` listing calls fits in the interval at the audit's share of the rate budget. */
export interface PassFit {
  readonly fits: boolean;
  /** How long the pass takes at least at its share (0 with the budget off). */
  readonly minimumMs: number;
}

export function passFit(calls: number, intervalMs: number, budget: RateBudgetSettings): PassFit {
  if (budget.perMinute <= 0) return { fits: true, minimumMs: 0 };
  // The lane's bucket starts full: a burst's worth goes out at once, the rest at the lane's rate.
  const minimumMs = (Math.max(0, calls - budget.burst) / budget.perMinute) * 60_000;
  return { fits: minimumMs <= intervalMs, minimumMs };
}

/**
 * The audit's lane: at most `share` of the org's rate (and of its burst), whether or not the other lanes are
 * busy. It borrows nothing: an idle lane's tokens are lent to the configuration and presence lanes only
 * (ADR 0007), and the audit gives way to both while they have work.
 */
export function auditBudget(org: RateBudgetSettings, share: number): RateBudgetSettings {
  return laneBudget(org, share, true);
}

/**
 * After `repairs` repairs of one object within a day, the next drift is reported instead of repaired: someone, or
 * something (another sync tool, a script), keeps changing it back, and the two would fight for ever.
 */
export function repairOrReport(repairsToday: number, maxPerDay: number): 'repair' | 'report' {
  return repairsToday < maxPerDay ? 'repair' : 'report';
}

/**
 * The status of an object the audit reports instead of repairing: an error naming what Genesys holds, until the
 * day's repairs run out of the window or CIC changes the object (its next reconcile plans against what the audit
 * read).
 */
export function keepsDriftingStatus(
  repairsToday: number,
  genesysId: string,
  drift: readonly Drift[],
): RecordStatus {
  const fields = [...new Set(drift.map((d) => d.field))].join(', ');
  return {
    status: 'error',
    genesysId,
    error: {
      code: 'keepsDrifting',
      message: `changed in Genesys Cloud again (${fields}) after ${repairsToday} repairs within a day: left as Genesys has it`,
    },
  };
}
