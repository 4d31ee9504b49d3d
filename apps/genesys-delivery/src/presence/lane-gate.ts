import { fullBucket, laneBudget, nextBucket, type RateBudgetSettings } from '@bridge/delivery-planning';
import type { RequestGate } from '@bridge/genesys-client';
import type { Lane, LaneActivity } from './lane-activity';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One lane's way into the org's rate budget: its own share first (`laneBudget`: its share while the other lane
 * has work, everything otherwise), then a token of the shared budget, so the two lanes together stay within the
 * org's limit and a `Retry-After` stops both.
 */
export class LaneGate implements RequestGate {
  private bucket;

  constructor(
    private readonly shared: RequestGate,
    private readonly org: RateBudgetSettings,
    private readonly share: number,
    private readonly other: { readonly activity: LaneActivity; readonly lane: Lane },
    private readonly now: () => number = Date.now,
  ) {
    this.bucket = fullBucket(org, now());
  }

  async acquire(): Promise<void> {
    for (;;) {
      const budget = laneBudget(this.org, this.share, this.other.activity.busy(this.other.lane));
      const decision = nextBucket(this.bucket, this.now(), budget);
      this.bucket = decision.bucket;
      if (decision.allowed) break;
      await sleep(Math.min(decision.waitMs, 1000));
    }
    await this.shared.acquire();
  }

  rateLimited(retryAfterMs: number): Promise<void> {
    return this.shared.rateLimited(retryAfterMs);
  }
}
