import { readDeliveryConfig } from '../config';
import { presencePace } from '../options';
import { PresencePace } from './presence-pace';

const requiredEnv = { GC_CLIENT_ID: 'bridge', GC_CLIENT_SECRET: 'secret' };

describe("the presence lane's pace", () => {
  it('is its share of the org rate, with a burst of one round, even while the other lanes are idle', () => {
    const config = readDeliveryConfig({ ...requiredEnv, GC_RATE_LIMIT_PER_MINUTE: '300' });
    expect(presencePace(config)).toEqual({ perMinute: 180, burst: 3 });
  });

  it('gives a round of calls after a quiet spell, then one call every share of a second', async () => {
    let now = 0;
    const pace = new PresencePace({ perMinute: 180, burst: 3 }, () => now);
    expect(pace.available()).toBe(3);
    pace.spend(3);
    expect(pace.available()).toBe(0);
    now += 333;
    expect(pace.available()).toBe(0);
    now += 1;
    expect(pace.available()).toBe(1);
    await pace.ready();
    now += 10_000;
    expect(pace.available()).toBe(3);
  });

  it('is unlimited when the org budget is off', () => {
    const pace = new PresencePace({ perMinute: 0, burst: 1 });
    pace.spend(10);
    expect(pace.available()).toBe(Infinity);
  });
});
