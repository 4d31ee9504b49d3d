import type { Simulation } from './domain/simulation';
import { TrafficPlan, type TrafficPlanOptions } from './domain/traffic-plan';
import { TrafficRunner } from './traffic-runner';

const HOUR_MS = 60 * 60 * 1000;
const options: TrafficPlanOptions = {
  workgroups: [{ id: 'Support', members: ['a1', 'a2'], wrapUpCodes: ['Done'], skills: [], languages: [] }],
  ratePerSecond: 0.02,
  durationMs: HOUR_MS,
  seed: 7,
  mix: { call: 1, chat: 1, email: 1, callback: 1 },
  shares: {
    outbound: 0.1,
    hold: 0.3,
    transferToUser: 0.1,
    transferToWorkgroup: 0,
    conference: 0,
    impatient: 0.1,
  },
  lifeScale: 1,
  lingerMs: 1_000,
};

describe('TrafficRunner', () => {
  afterEach(() => jest.useRealTimers());

  it('makes an hour of a past day in a second on its own clock, each step at its plan time', () => {
    jest.useFakeTimers({ now: Date.parse('2026-12-01T12:00:00.000Z') });
    const startAtMs = Date.parse('2026-11-29T09:00:00.000Z');
    const runner = new TrafficRunner(
      { applyTraffic: () => true } as unknown as Simulation,
      () => new Date(),
      true,
    );
    const expected = new TrafficPlan(options).due(Infinity).map((step) => startAtMs + step.atMs);

    runner.start(new TrafficPlan(options), { startAtMs, speed: 3_600 });
    jest.advanceTimersByTime(1_000);
    // Lives of minutes run past the hour: a few more seconds of real time end them.
    expect(runner.running).toBe(true);
    jest.advanceTimersByTime(5_000);

    expect(runner.running).toBe(false);
    const stamps = runner
      .interactions()
      .flatMap((made) => made.steps.map((step) => Date.parse(step.at)))
      .sort((a, b) => a - b);
    expect(stamps).toEqual(expected.map((ms) => new Date(ms).getTime()).sort((a, b) => a - b));
    expect(stamps.length).toBeGreaterThan(100);
  });
});
