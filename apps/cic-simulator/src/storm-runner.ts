import type { Simulation } from './domain/simulation';
import type { StatusStormPlan } from './domain/status-storm';

/** One applied change: the agent, its new status, and when the simulator applied it (epoch ms). */
export type AppliedChange = readonly [userId: string, statusId: string, atMs: number];

export interface StormProgress {
  running: boolean;
  changes: number;
  startedAt?: string;
  /** Absent for a storm that runs until stopped. */
  endsAt?: string;
}

/**
 * Drives one storm plan in real time: every tick, the changes now due go to the center as one batch, so each
 * subscribed session gets one userStatusMessage per tick, however many agents changed.
 */
export class StormRunner {
  private plan: StatusStormPlan | undefined;
  private timer: NodeJS.Timeout | undefined;
  private startedAt = 0;
  private endsAt: number | undefined;
  private recorded: AppliedChange[] | undefined;

  constructor(
    private readonly simulation: Simulation,
    private readonly clock: () => Date,
    /** Short enough that a change waits little for its tick, long enough that ticks cost nothing idle. */
    private readonly tickMs = 50,
  ) {}

  get running(): boolean {
    return this.timer !== undefined;
  }

  /**
   * Starts a plan; with `recordChanges`, every change is kept with the time it was applied, which CIC's status
   * times (whole seconds) cannot give a benchmark.
   */
  start(plan: StatusStormPlan, options: { recordChanges?: boolean } = {}): void {
    this.stop();
    this.plan = plan;
    this.recorded = options.recordChanges ? [] : undefined;
    this.startedAt = this.clock().getTime();
    this.endsAt = Number.isFinite(plan.durationMs) ? this.startedAt + plan.durationMs : undefined;
    this.timer = setInterval(() => this.tick(), this.tickMs);
    // The servers keep the process alive; a storm alone must not.
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** The changes applied so far, when the storm records them. */
  changes(): readonly AppliedChange[] | undefined {
    return this.recorded;
  }

  progress(): StormProgress {
    if (!this.plan) return { running: false, changes: 0 };
    return {
      running: this.running,
      changes: this.plan.changes,
      startedAt: new Date(this.startedAt).toISOString(),
      ...(this.endsAt !== undefined ? { endsAt: new Date(this.endsAt).toISOString() } : {}),
    };
  }

  private tick(): void {
    if (!this.plan) return;
    const now = this.clock().getTime();
    const due = this.plan.due(now - this.startedAt);
    if (due.length > 0) {
      // A storm agent is signed in; onPhone follows the drawn ACD interaction. A user deleted meanwhile is skipped.
      const outcomes = this.simulation.setUserStatuses(
        due.map(({ userId, statusId, onPhone }) => ({
          userId,
          change: { statusId, onPhone, loggedIn: true },
        })),
      );
      for (const outcome of outcomes)
        if (outcome.ok) {
          const { userId, statusId, statusChanged } = outcome.value;
          this.recorded?.push([userId, statusId, Date.parse(statusChanged)]);
        }
    }
    if (this.plan.finished) this.stop();
  }
}
