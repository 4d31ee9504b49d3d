import { TrafficPlan, type TrafficPlanOptions, type TrafficStep } from './traffic-plan';

const options = (overrides: Partial<TrafficPlanOptions> = {}): TrafficPlanOptions => ({
  workgroups: [
    { id: 'Sales', members: ['a1', 'a2', 'a3'], wrapUpCodes: ['Sale'], skills: ['French'], languages: [] },
    { id: 'Support', members: ['b1', 'b2'], wrapUpCodes: [], skills: [], languages: ['Spanish'] },
  ],
  ratePerSecond: 2,
  durationMs: 60_000,
  seed: 42,
  mix: { call: 70, chat: 15, email: 10, callback: 5 },
  shares: {
    outbound: 0.1,
    hold: 0.3,
    transferToUser: 0.1,
    transferToWorkgroup: 0.05,
    conference: 0.2,
    impatient: 0.1,
  },
  lifeScale: 0.05,
  lingerMs: 1_000,
  ...overrides,
});

function run(plan: TrafficPlan): TrafficStep[] {
  const steps: TrafficStep[] = [];
  for (let t = 0; !plan.finished; t += 250) steps.push(...plan.due(t));
  return steps;
}

describe('TrafficPlan', () => {
  it('makes the same traffic from the same seed, and other traffic from another', () => {
    const first = run(new TrafficPlan(options()));
    expect(run(new TrafficPlan(options()))).toEqual(first);
    expect(run(new TrafficPlan(options({ seed: 43 })))).not.toEqual(first);
    expect(first.filter((step) => step.kind === 'create').length).toBeGreaterThan(60);
  });

  it('gives every interaction a whole life: created first, removed last, in time order', () => {
    const byIndex = new Map<number, TrafficStep[]>();
    for (const step of run(new TrafficPlan(options())))
      byIndex.set(step.index, [...(byIndex.get(step.index) ?? []), step]);
    for (const steps of byIndex.values()) {
      expect(steps[0]?.kind).toBe('create');
      expect(steps.at(-1)?.kind).toBe('remove');
      expect(steps.filter((step) => step.kind === 'disconnect')).toHaveLength(1);
      const times = steps.map((step) => step.atMs);
      expect(times).toEqual([...times].sort((a, b) => a - b));
    }
  });

  it('makes every kind of life the shares ask for', () => {
    const kinds = new Set(run(new TrafficPlan(options({ ratePerSecond: 5 }))).map((step) => step.kind));
    expect([...kinds].sort()).toEqual(
      [
        'alert',
        'conference',
        'connect',
        'create',
        'leaveConference',
        'disconnect',
        'hold',
        'remove',
        'retrieve',
        'transferToUser',
        'transferToWorkgroup',
        'wrapUp',
      ].sort(),
    );
  });

  it('abandons in queue when no agent is free within the patience', () => {
    const steps = run(
      new TrafficPlan(
        options({
          ratePerSecond: 20,
          workgroups: [{ id: 'Tiny', members: ['x'], wrapUpCodes: [], skills: [], languages: [] }],
        }),
      ),
    );
    const answered = new Set(steps.filter((step) => step.kind === 'connect').map((step) => step.index));
    const abandoned = steps.filter((step) => step.kind === 'disconnect' && !answered.has(step.index));
    expect(abandoned.length).toBeGreaterThan(0);
  });

  it('makes no conference when its share is nought', () => {
    const without = options({ shares: { ...options().shares, conference: 0 } });
    const steps = run(new TrafficPlan(without));
    expect(steps.some((step) => step.kind === 'conference')).toBe(false);
    expect(steps.filter((step) => step.kind === 'hold').length).toBeGreaterThan(0);
  });

  it('never has one agent connected to two interactions at once', () => {
    const busy = new Map<string, number>();
    const agentOf = new Map<number, string>();
    for (const step of run(new TrafficPlan(options({ ratePerSecond: 10 })))) {
      if (step.kind === 'connect') {
        const agent = agentOf.get(step.index) as string;
        expect(busy.get(agent)).toBeUndefined();
        busy.set(agent, step.index);
      }
      // A conferenced colleague is on the interaction as much as its agent.
      if (step.kind === 'conference') {
        expect(busy.get(step.userId)).toBeUndefined();
        busy.set(step.userId, step.index);
      }
      if (step.kind === 'leaveConference') busy.delete(step.userId);
      if (step.kind === 'alert' || step.kind === 'transferToUser') {
        const previous = agentOf.get(step.index);
        if (previous && busy.get(previous) === step.index) busy.delete(previous);
        agentOf.set(step.index, step.userId);
      }
      if (step.kind === 'create' && step.userId) agentOf.set(step.index, step.userId);
      if (
        step.kind === 'transferToWorkgroup' ||
        step.kind === 'wrapUp' ||
        (step.kind === 'disconnect' && !step.afterCallWork)
      ) {
        const agent = agentOf.get(step.index);
        if (agent && busy.get(agent) === step.index) busy.delete(agent);
      }
    }
  });
});
