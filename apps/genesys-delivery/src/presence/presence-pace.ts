import { fullBucket, nextBucket, type RateBucket, type RateBudgetSettings } from '@bridge/delivery-planning';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The presence lane's own pace: its share of the org's rate, kept even while the other lanes are idle, so that
 * changes collect into batches rather than every free token sending a few events. Its calls still pass the lane
 * gate and the shared budget; a full batch goes beyond the pace (`choosePresenceRound`).
 */
export class PresencePace {
  private bucket: RateBucket;

  constructor(
    private readonly settings: RateBudgetSettings,
    private readonly now: () => number = Date.now,
  ) {
    this.bucket = fullBucket(settings, now());
  }

  /** Resolves once the pace has a call to spend. */
  async ready(): Promise<void> {
    for (;;) {
      const decision = nextBucket(this.bucket, this.now(), this.settings, 0);
      this.bucket = decision.bucket;
      if (decision.allowed) return;
      await sleep(decision.waitMs);
    }
  }

  /** The calls the pace has now; unlimited when the org's budget is off. */
  available(): number {
    if (this.settings.perMinute <= 0) return Infinity;
    this.bucket = nextBucket(this.bucket, this.now(), this.settings, 0).bucket;
    return Math.floor(this.bucket.tokens);
  }

  spend(calls: number): void {
    this.bucket = { ...this.bucket, tokens: Math.max(0, this.bucket.tokens - calls) };
  }
}
