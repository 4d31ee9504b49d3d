import { fullBucket, laneBudget, nextBucket, type RateBudgetSettings } from '@bridge/delivery-planning';
import type { RequestGate } from '@bridge/genesys-client';
import type { Lane, LaneActivity } from './lane-activity';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One lane's way into the org's rate budget: its own share first (`laneBudget`: its share while another lane
 * has work, everything otherwise), then a token of the shared budget, so the two lanes together stay within the
 * org's limit and a `Retry-After` stops both.
 */
export class LaneGate implements RequestGate {
  private bucket;

  constructor(
    private readonly shared: RequestGate,
    private readonly org: RateBudgetSettings,
    private readonly share: number,
    /** The lanes this one gives way to while any of them has work. */
    private readonly others: { readonly activity: LaneActivity; readonly lanes: readonly Lane[] },
    private readonly now: () => number = Date.now,
  ) {
    this.bucket = fullBucket(org, now());
  }

  async acquire(): Promise<void> {
    for (;;) {
      const othersBusy = this.others.lanes.some((lane) => this.others.activity.busy(lane));
      const budget = laneBudget(this.org, this.share, othersBusy);
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
