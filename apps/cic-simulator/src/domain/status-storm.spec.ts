import { ContactCenter } from './contact-center';
import { DEFAULT_STATUS_MESSAGES } from './default-status-messages';
import { generateContactCenter } from './generate-contact-center';
import { StatusStormPlan, type StormChange, type StormPlanOptions } from './status-storm';
import { dayStatuses, stormPlanOptions } from './storm-request';

const agents = Array.from({ length: 100 }, (_, index) => `agent.${String(index).padStart(3, '0')}`);
const statuses = dayStatuses(DEFAULT_STATUS_MESSAGES);

function aStorm(overrides: Partial<StormPlanOptions> = {}): StatusStormPlan {
  return new StatusStormPlan({
    agents,
    changesPerMinute: 2,
    durationMs: 600_000,
    seed: 7,
    statuses,
    onPhoneShare: 0.5,
    initial: new Map(),
    ...overrides,
  });
}

const everything = (plan: StatusStormPlan): StormChange[] => plan.due(Number.MAX_SAFE_INTEGER);

describe('a status storm', () => {
  it('draws the same changes from the same seed, whatever the ticks', () => {
    const atOnce = everything(aStorm());
    const ticked = aStorm();
    const inTicks: StormChange[] = [];
    for (let elapsed = 0; elapsed <= 600_000; elapsed += 50) inTicks.push(...ticked.due(elapsed));
    expect(inTicks).toEqual(atOnce);
    expect(everything(aStorm({ seed: 8 }))).not.toEqual(atOnce);
  });

  it('averages the asked rate per agent, spread over every agent, within the duration', () => {
    const plan = aStorm({ changesPerMinute: 10 });
    const changes = everything(plan);
    // 100 agents × 10/min × 10 min = 10,000 changes on average; a Poisson count's σ is 100.
    expect(plan.expectedChanges).toBe(10_000);
    expect(Math.abs(changes.length - 10_000)).toBeLessThan(400);
    expect(changes.every(({ atMs }) => atMs > 0 && atMs <= 600_000)).toBe(true);
    const perAgent = new Map<string, number>();
    changes.forEach(({ userId }) => perAgent.set(userId, (perAgent.get(userId) ?? 0) + 1));
    expect(perAgent.size).toBe(100);
    expect(Math.min(...perAgent.values())).toBeGreaterThan(60);
    expect(Math.max(...perAgent.values())).toBeLessThan(140);
    expect(plan.finished).toBe(true);
    expect(plan.changes).toBe(changes.length);
  });

  it('always changes an agent to another status, from where the agent started', () => {
    const changes = everything(aStorm({ initial: new Map(agents.map((agent) => [agent, 'Available'])) }));
    const last = new Map(agents.map((agent) => [agent, 'Available']));
    for (const change of changes) {
      expect(change.statusId).not.toBe(last.get(change.userId));
      last.set(change.userId, change.statusId);
    }
  });

  it('puts agents on the phone only in ACD statuses, at about the asked share', () => {
    const changes = everything(aStorm({ onPhoneShare: 0.3 }));
    const acd = new Set(statuses.filter((status) => status.isAcdStatus).map((status) => status.statusId));
    expect(changes.filter((change) => change.onPhone).every((change) => acd.has(change.statusId))).toBe(true);
    const inAcd = changes.filter((change) => acd.has(change.statusId));
    const share = inAcd.filter((change) => change.onPhone).length / inAcd.length;
    expect(share).toBeGreaterThan(0.25);
    expect(share).toBeLessThan(0.35);
  });

  it('runs until stopped when it has no end', () => {
    const plan = aStorm({ durationMs: Infinity, changesPerMinute: 1 });
    expect(plan.due(3_600_000).length).toBeGreaterThan(5000);
    expect(plan.finished).toBe(false);
  });
});

describe('a storm request', () => {
  const center = new ContactCenter(
    generateContactCenter({ users: 20, workgroups: 2, skills: 2, wrapUpCodes: 2, seed: 1 }),
  );
  const request = { changesPerMinute: 2, durationS: 60, seed: 1, onPhoneShare: 0.5 };

  it('takes the first agents by id and the day statuses: no vacation-like ones', () => {
    const options = stormPlanOptions(center, { ...request, agents: 5 });
    if (!options.ok) throw new Error(options.message);
    const ids = center.users.values().map((user) => user.id);
    expect(options.value.agents).toEqual([...ids].sort((a, b) => (a < b ? -1 : 1)).slice(0, 5));
    expect(options.value.statuses.map((status) => status.statusId)).not.toEqual(
      expect.arrayContaining(['On Vacation']),
    );
    expect(options.value.statuses.map((status) => status.statusId)).toEqual(
      expect.arrayContaining(['Available', 'At Lunch', 'Gone Home']),
    );
  });

  it('names the field of a request the center cannot serve', () => {
    expect(stormPlanOptions(center, { ...request, agents: 21 })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^agents: /) as unknown,
    });
    expect(stormPlanOptions(center, { ...request, statusIds: ['Available', 'Napping'] })).toMatchObject({
      ok: false,
      message: 'statusIds: no status message "Napping"',
    });
    expect(stormPlanOptions(center, { ...request, statusIds: ['Available', 'available'] })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^statusIds: /) as unknown,
    });
  });
});
