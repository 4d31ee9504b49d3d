import type { Simulation } from './domain/simulation';
import type { TrafficPlan, TrafficStep } from './domain/traffic-plan';

/** One step as the runner took it: the plan's step without its plan time, and the clock time it happened. */
export type TakenStep = { at: string } & DistributiveOmit<TrafficStep, 'atMs' | 'index'>;

/** What the traffic made, kept apart from the center: the independent count tests and benchmarks check against. */
export interface MadeInteraction {
  interactionId: string;
  steps: TakenStep[];
}

export interface TrafficProgress {
  running: boolean;
  /** Interactions created so far. */
  interactions: number;
  /** Created and not yet removed from their queue. */
  live: number;
  startedAt?: string;
  endsAt?: string;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** The traffic's clock: starts at `startAtMs` (default: when the run starts) and runs `speed` times real time. */
export interface TrafficClock {
  startAtMs?: number;
  speed: number;
}

/**
 * Drives one traffic plan on its clock (real time unless told otherwise): every tick, the steps now due change the
 * center's interactions, each at its plan time on that clock. Ids are CIC-like digit strings, `<run
 * stamp><index>`, unique per run so a restarted simulator never reuses one.
 */
export class TrafficRunner {
  private plan: TrafficPlan | undefined;
  private timer: NodeJS.Timeout | undefined;
  private startedAt = 0;
  private clockStartMs = 0;
  private speed = 1;
  private endsAt: number | undefined;
  private runStamp = 0;
  private made = new Map<string, MadeInteraction>();
  private live = 0;

  constructor(
    private readonly simulation: Simulation,
    private readonly clock: () => Date,
    /** Whether to keep the record of what was made (off for the endless demo traffic). */
    private readonly record: boolean,
    private readonly tickMs = 20,
  ) {}

  get running(): boolean {
    return this.timer !== undefined;
  }

  start(plan: TrafficPlan, clock: TrafficClock = { speed: 1 }): void {
    this.stop();
    this.plan = plan;
    this.made = new Map();
    this.live = 0;
    this.startedAt = this.clock().getTime();
    this.clockStartMs = clock.startAtMs ?? this.startedAt;
    this.speed = clock.speed;
    this.runStamp = Math.max(this.runStamp + 1, Math.floor(this.startedAt / 1000));
    this.endsAt = Number.isFinite(plan.durationMs)
      ? this.startedAt + plan.durationMs / clock.speed
      : undefined;
    this.timer = setInterval(() => this.tick(), this.tickMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  progress(): TrafficProgress {
    if (!this.plan) return { running: false, interactions: 0, live: 0 };
    return {
      running: this.running,
      interactions: this.plan.interactions,
      live: this.live,
      startedAt: new Date(this.startedAt).toISOString(),
      ...(this.endsAt !== undefined ? { endsAt: new Date(this.endsAt).toISOString() } : {}),
    };
  }

  /** Every interaction of the run, in creation order, with each step it took. */
  interactions(): MadeInteraction[] {
    return [...this.made.values()];
  }

  private idOf(index: number): string {
    return `${this.runStamp}${String(index).padStart(7, '0')}`;
  }

  private tick(): void {
    if (!this.plan) return;
    const elapsedMs = (this.clock().getTime() - this.startedAt) * this.speed;
    for (const step of this.plan.due(elapsedMs)) {
      const interactionId = this.idOf(step.index);
      const now = new Date(this.clockStartMs + step.atMs);
      if (!this.simulation.applyTraffic(interactionId, step, now)) continue;
      if (step.kind === 'create') this.live++;
      if (step.kind === 'remove') this.live--;
      if (!this.record) continue;
      const { atMs: _atMs, index: _index, ...taken } = step;
      const entry: TakenStep = { ...taken, at: now.toISOString() };
      const made = this.made.get(interactionId);
      if (made) made.steps.push(entry);
      else this.made.set(interactionId, { interactionId, steps: [entry] });
    }
    if (this.plan.finished) this.stop();
  }
}
