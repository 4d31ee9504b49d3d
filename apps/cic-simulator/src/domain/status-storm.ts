import { seededRandom, type Random } from './prng';
import { Registry } from './registry';

/** What the storm needs to know of a status definition. */
export interface StormStatus {
  statusId: string;
  isAcdStatus: boolean;
}

export interface StormPlanOptions {
  /** The agents, in a stable order; the storm picks among them. */
  agents: readonly string[];
  /** Average changes per minute of each agent; the center's changes form one Poisson process of the sum. */
  changesPerMinute: number;
  /** Infinity for a storm that runs until stopped (the demo activity). */
  durationMs: number;
  seed: number;
  /** The statuses agents move between; at least two, so every change is a change. */
  statuses: readonly StormStatus[];
  /** The share of changes to an ACD status that find the agent on an ACD interaction (onPhone). */
  onPhoneShare: number;
  /** Each agent's status when the storm starts (lower-cased agent id → status id), so no change repeats it. */
  initial: ReadonlyMap<string, string>;
}

export interface StormChange {
  /** Milliseconds from the storm's start. */
  atMs: number;
  userId: string;
  statusId: string;
  onPhone: boolean;
}

/**
 * The changes of a status storm, in time order, from a seed alone: the same options give the same sequence of
 * (agent, status, onPhone) and the same times on every machine. Each agent changes as a Poisson process; their
 * sum is one Poisson process whose every event picks an agent uniformly, which is what is drawn here.
 */
export class StatusStormPlan {
  private readonly random: Random;
  private readonly current = new Map<string, string>();
  private readonly ratePerMs: number;
  private next: StormChange | undefined;
  private emitted = 0;

  constructor(private readonly options: StormPlanOptions) {
    if (options.statuses.length < 2) throw new Error('a storm needs at least two statuses');
    this.random = seededRandom(options.seed);
    options.initial.forEach((statusId, agent) => this.current.set(agent, Registry.key(statusId)));
    this.ratePerMs = (options.agents.length * options.changesPerMinute) / 60_000;
    this.next = this.draw(0);
  }

  /** The average number of changes over the whole storm (Infinity for an endless one). */
  get expectedChanges(): number {
    return this.ratePerMs * this.options.durationMs;
  }

  get durationMs(): number {
    return this.options.durationMs;
  }

  get changes(): number {
    return this.emitted;
  }

  get finished(): boolean {
    return this.next === undefined;
  }

  /** Every change due by `elapsedMs` since the start, in order; each is returned once. */
  due(elapsedMs: number): StormChange[] {
    const due: StormChange[] = [];
    while (this.next !== undefined && this.next.atMs <= elapsedMs) {
      due.push(this.next);
      this.next = this.draw(this.next.atMs);
    }
    this.emitted += due.length;
    return due;
  }

  private draw(afterMs: number): StormChange | undefined {
    if (this.ratePerMs <= 0) return undefined;
    const atMs = afterMs - Math.log(1 - this.random.next()) / this.ratePerMs;
    if (atMs > this.options.durationMs) return undefined;
    const userId = this.random.pick(this.options.agents);
    const key = Registry.key(userId);
    const from = this.current.get(key);
    const choices = this.options.statuses.filter((status) => Registry.key(status.statusId) !== from);
    const status = this.random.pick(choices);
    const onPhone = this.random.chance(this.options.onPhoneShare) && status.isAcdStatus;
    this.current.set(key, Registry.key(status.statusId));
    return { atMs, userId, statusId: status.statusId, onPhone };
  }
}
