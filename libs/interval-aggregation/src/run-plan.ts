import type { UploadWindow } from './upload-window';

/** What the service knows when a run is due (the daily schedule, or an operator's run-now). */
export interface RunSituation {
  readonly window: UploadWindow;
  /** A job that has not ended: it is resumed, never doubled. */
  readonly inFlight: boolean;
  /** The window of the last successful import, if any. */
  readonly lastSucceeded?: UploadWindow;
  /** Late data changed intervals of an uploaded window since that file was built. */
  readonly dirty: boolean;
}

export type RunDecision =
  | { readonly start: true; readonly window: UploadWindow }
  | { readonly start: false; readonly reason: 'inFlight' | 'upToDate' };

/**
 * Whether a run starts a job: never beside one in flight; not when the last import already holds this window and
 * no late data came since. A failed job leaves no success behind, so the next run tries again.
 */
export function planRun(situation: RunSituation): RunDecision {
  if (situation.inFlight) return { start: false, reason: 'inFlight' };
  const last = situation.lastSucceeded;
  if (last && last.end >= situation.window.end && !situation.dirty)
    return { start: false, reason: 'upToDate' };
  return { start: true, window: situation.window };
}

/** The next daily run at `time` (`HH:MM`, UTC) strictly after `nowMs`. */
export function nextDailyRunAt(nowMs: number, time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  const day = new Date(nowMs);
  const today = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), hours, minutes);
  return today > nowMs ? today : today + 24 * 60 * 60 * 1000;
}
