import { seededRandom, type Random } from './prng';

export type MediaType = 'call' | 'chat' | 'email' | 'callback';
export const MEDIA_TYPES: readonly MediaType[] = ['call', 'chat', 'email', 'callback'];

/** A workgroup traffic can go to: an ACD queue with members. */
export interface TrafficWorkgroup {
  id: string;
  members: readonly string[];
  wrapUpCodes: readonly string[];
  /** ACD skills of the workgroup an interaction may ask for. */
  skills: readonly string[];
  /** Language skills (Treat as Language) an interaction may ask for. */
  languages: readonly string[];
}

/** How often each life event happens, as shares of the interactions that can have it. */
export interface TrafficShares {
  outbound: number;
  hold: number;
  transferToUser: number;
  transferToWorkgroup: number;
  /** The last agent conferences in a free colleague of the workgroup for part of the talk. */
  conference: number;
  /** Customers who give up soon: their patience is short, so they abandon unless an agent is free at once. */
  impatient: number;
}

export interface TrafficPlanOptions {
  workgroups: readonly TrafficWorkgroup[];
  /** New interactions per second, as one Poisson process. */
  ratePerSecond: number;
  /** Infinity for traffic that runs until stopped (the demo center). */
  durationMs: number;
  /** Stops after this many interactions even if the duration is not over (a test's exact count). */
  maxInteractions?: number;
  seed: number;
  /** Relative weights of the media types. */
  mix: Readonly<Record<MediaType, number>>;
  shares: TrafficShares;
  /** Multiplies every duration of a life (1: a real contact center's minutes; 0.01: a test's seconds). */
  lifeScale: number;
  /** How long an ended interaction stays visible in its queue before it is removed. */
  lingerMs: number;
}

/** One change to one interaction, due `atMs` after the traffic started. */
export type TrafficStep = { atMs: number; index: number } & (
  | {
      kind: 'create';
      mediaType: MediaType;
      direction: 'inbound' | 'outbound';
      workgroupId: string;
      skills: string[];
      language?: string;
      remoteAddress: string;
      remoteName: string;
      /** Outbound: the agent placing it. */
      userId?: string;
    }
  | { kind: 'alert'; userId: string }
  | { kind: 'connect' }
  | { kind: 'hold' }
  | { kind: 'retrieve' }
  | { kind: 'transferToUser'; userId: string }
  | { kind: 'transferToWorkgroup'; workgroupId: string }
  | { kind: 'conference'; userId: string }
  | { kind: 'leaveConference'; userId: string }
  | { kind: 'disconnect'; by: 'local' | 'remote'; afterCallWork: boolean }
  | { kind: 'wrapUp'; wrapUpCode?: string }
  | { kind: 'remove' }
);
export type TrafficStepKind = TrafficStep['kind'];

/** Seconds of a real contact center's life, before lifeScale. */
const LIFE = {
  ringS: [2, 8],
  talkS: [30, 300],
  holdS: [10, 60],
  afterCallWorkS: [10, 60],
  patienceS: [60, 600],
  impatienceS: [2, 20],
  /** The transferring agent talks this share of the talk time before transferring. */
  beforeTransfer: 0.3,
  /** A conferenced colleague joins after this share of the talk time and stays for this share of it. */
  conferenceAt: 0.4,
  conferenceFor: 0.3,
} as const;

/**
 * The interactions of a traffic run, in time order, from a seed alone: the same options give the same
 * interactions (media, direction, workgroups, agents, holds, transfers, wrap-up codes, abandons) and the same
 * times. Arrivals are one Poisson process; each arrival's whole life is drawn when it arrives, taking the agent
 * of its workgroup who is free first (an agent is busy from alerting to the end of after-call work), and it
 * abandons when that agent is not free before its patience runs out.
 */
export class TrafficPlan {
  private readonly random: Random;
  private readonly ratePerMs: number;
  private readonly weights: [MediaType, number][];
  /** Agent id → plan time from which the agent is free. */
  private readonly freeAt = new Map<string, number>();
  private readonly pending: TrafficStep[] = [];
  private nextArrivalMs: number | undefined;
  private created = 0;

  constructor(private readonly options: TrafficPlanOptions) {
    if (options.workgroups.length === 0) throw new Error('traffic needs a workgroup with members');
    this.random = seededRandom(options.seed);
    this.ratePerMs = options.ratePerSecond / 1000;
    this.weights = MEDIA_TYPES.map((media) => [media, Math.max(0, options.mix[media])]);
    if (!this.weights.some(([, weight]) => weight > 0))
      throw new Error('the mix gives no media type a weight');
    this.nextArrivalMs = this.drawArrival(0);
  }

  get durationMs(): number {
    return this.options.durationMs;
  }

  /** Interactions created so far. */
  get interactions(): number {
    return this.created;
  }

  get expectedInteractions(): number {
    return this.ratePerMs * this.options.durationMs;
  }

  /** No arrival is left and every step has been taken. */
  get finished(): boolean {
    return this.nextArrivalMs === undefined && this.pending.length === 0;
  }

  /** Every step due by `elapsedMs`, in time order (ties: creation order); each is returned once. */
  due(elapsedMs: number): TrafficStep[] {
    while (this.nextArrivalMs !== undefined && this.nextArrivalMs <= elapsedMs) {
      this.arrive(this.nextArrivalMs);
      this.nextArrivalMs = this.drawArrival(this.nextArrivalMs);
    }
    this.pending.sort((a, b) => a.atMs - b.atMs || a.index - b.index || 0);
    let count = 0;
    while (count < this.pending.length && (this.pending[count]?.atMs ?? Infinity) <= elapsedMs) count++;
    return this.pending.splice(0, count);
  }

  private drawArrival(afterMs: number): number | undefined {
    if (this.ratePerMs <= 0 || this.created >= (this.options.maxInteractions ?? Infinity)) return undefined;
    const atMs = afterMs - Math.log(1 - this.random.next()) / this.ratePerMs;
    return atMs > this.options.durationMs ? undefined : atMs;
  }

  private seconds([min, max]: readonly [number, number]): number {
    return (min + this.random.next() * (max - min)) * 1000 * this.options.lifeScale;
  }

  private media(): MediaType {
    const total = this.weights.reduce((sum, [, weight]) => sum + weight, 0);
    let draw = this.random.next() * total;
    for (const [media, weight] of this.weights) {
      draw -= weight;
      if (draw < 0) return media;
    }
    return 'call';
  }

  /** The member free first (ties: the first in the list), and when. */
  private firstFree(members: readonly string[], fromMs: number, except?: string) {
    let best: { userId: string; atMs: number } | undefined;
    for (const userId of members) {
      if (userId === except) continue;
      const atMs = Math.max(fromMs, this.freeAt.get(userId) ?? 0);
      if (!best || atMs < best.atMs) best = { userId, atMs };
    }
    return best;
  }

  private arrive(atMs: number): void {
    const index = this.created++;
    const step = (at: number, change: DistributiveOmit<TrafficStep, 'atMs' | 'index'>) =>
      this.pending.push({ ...change, atMs: at, index });
    const { shares, workgroups } = this.options;
    const workgroup = this.random.pick(workgroups);
    const mediaType = this.media();
    const wantsOutbound = mediaType === 'call' && this.random.chance(shares.outbound);
    const skills =
      workgroup.skills.length > 0 && this.random.chance(0.5) ? [this.random.pick(workgroup.skills)] : [];
    const language =
      workgroup.languages.length > 0 && this.random.chance(0.3)
        ? this.random.pick(workgroup.languages)
        : undefined;
    const remote = remoteParty(mediaType, index, this.random);
    const patienceMs = this.seconds(this.random.chance(shares.impatient) ? LIFE.impatienceS : LIFE.patienceS);
    const agent = this.firstFree(workgroup.members, atMs);
    if (!agent) return;
    // An agent places an outbound call only when free: with none free, the call is an inbound one instead.
    const outbound = wantsOutbound && agent.atMs <= atMs;
    const create = {
      kind: 'create' as const,
      mediaType,
      direction: outbound ? ('outbound' as const) : ('inbound' as const),
      workgroupId: workgroup.id,
      skills,
      ...(language ? { language } : {}),
      ...remote,
    };
    if (!outbound && agent.atMs - atMs > patienceMs) {
      step(atMs, create);
      const abandonAt = atMs + patienceMs;
      step(abandonAt, { kind: 'disconnect', by: 'remote', afterCallWork: false });
      step(abandonAt + this.options.lingerMs, { kind: 'remove' });
      return;
    }
    // An outbound call is placed by a free agent now; an inbound one waits for the agent free first.
    const alertAt = outbound ? atMs : agent.atMs;
    step(outbound ? alertAt : atMs, outbound ? { ...create, userId: agent.userId } : create);
    if (!outbound) step(alertAt, { kind: 'alert', userId: agent.userId });
    let t = alertAt + this.seconds(LIFE.ringS);
    step(t, { kind: 'connect' });
    let talkMs = this.seconds(LIFE.talkS);
    let current = { userId: agent.userId, workgroup };
    const transfer = this.random.next();
    if (transfer < shares.transferToUser + shares.transferToWorkgroup) {
      const transferAt = t + talkMs * LIFE.beforeTransfer;
      const toWorkgroup = transfer >= shares.transferToUser && workgroups.length > 1;
      const target = toWorkgroup
        ? this.random.pick(workgroups.filter((w) => w.id !== workgroup.id))
        : workgroup;
      const next = this.firstFree(target.members, transferAt, current.userId);
      // A blind transfer to a user goes to one who is free; a transfer to a workgroup waits in its queue.
      if (next && (toWorkgroup || next.atMs <= transferAt)) {
        this.freeAt.set(current.userId, transferAt);
        step(
          transferAt,
          toWorkgroup
            ? { kind: 'transferToWorkgroup', workgroupId: target.id }
            : { kind: 'transferToUser', userId: next.userId },
        );
        if (toWorkgroup) step(next.atMs, { kind: 'alert', userId: next.userId });
        t = next.atMs + this.seconds(LIFE.ringS);
        step(t, { kind: 'connect' });
        talkMs *= 1 - LIFE.beforeTransfer;
        current = { userId: next.userId, workgroup: target };
      }
    }
    // Drawn only when asked for, so traffic without conferences stays what its seed made before they existed.
    if (shares.conference > 0 && this.random.chance(shares.conference)) {
      const joinAt = t + talkMs * LIFE.conferenceAt;
      const colleague = this.firstFree(current.workgroup.members, joinAt, current.userId);
      if (colleague && colleague.atMs <= joinAt) {
        const leaveAt = joinAt + talkMs * LIFE.conferenceFor;
        step(joinAt, { kind: 'conference', userId: colleague.userId });
        step(leaveAt, { kind: 'leaveConference', userId: colleague.userId });
        this.freeAt.set(colleague.userId, leaveAt);
      }
    }
    if (this.random.chance(shares.hold)) {
      const holdAt = t + talkMs * this.random.next() * 0.5;
      const holdMs = this.seconds(LIFE.holdS);
      step(holdAt, { kind: 'hold' });
      step(holdAt + holdMs, { kind: 'retrieve' });
      t += holdMs;
    }
    t += talkMs;
    const afterCallWork = current.workgroup.wrapUpCodes.length > 0;
    step(t, { kind: 'disconnect', by: this.random.chance(0.5) ? 'remote' : 'local', afterCallWork });
    if (afterCallWork) {
      t += this.seconds(LIFE.afterCallWorkS);
      step(t, { kind: 'wrapUp', wrapUpCode: this.random.pick(current.workgroup.wrapUpCodes) });
    }
    this.freeAt.set(current.userId, t);
    step(t + this.options.lingerMs, { kind: 'remove' });
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

const NAMES = [
  'Ada Lovelace',
  'Alan Turing',
  'Grace Hopper',
  'Edsger Dijkstra',
  'Barbara Liskov',
  'Ken Thompson',
];

/** Who the customer is: a phone number for calls and callbacks, an address for email, a name for chats. */
function remoteParty(mediaType: MediaType, index: number, random: Random) {
  const name = random.pick(NAMES);
  const phone = `+1317555${String(index % 10_000).padStart(4, '0')}`;
  switch (mediaType) {
    case 'email':
      return { remoteAddress: `customer${index}@example.com`, remoteName: name };
    case 'chat':
      return { remoteAddress: name, remoteName: name };
    case 'call':
    case 'callback':
      return { remoteAddress: phone, remoteName: name };
  }
}
