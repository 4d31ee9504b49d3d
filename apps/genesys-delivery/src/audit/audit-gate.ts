import type { RequestGate } from '@bridge/genesys-client';
import type { LaneActivity } from '../presence/lane-activity';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The drift audit's way into the org's rate budget (ADR 0007): it gives way while the reconciler or the presence
 * lane of this process has work, so it never delays a configuration change or a presence; then it passes its own
 * lane's gate (`auditBudget`: a fixed share, lent by no one) and the shared bucket.
 */
export class AuditGate implements RequestGate {
  constructor(
    private readonly lane: RequestGate,
    private readonly activity: LaneActivity,
    private readonly pollMs = 50,
  ) {}

  async acquire(): Promise<void> {
    while (this.activity.busy('reconciler') || this.activity.busy('presence')) await sleep(this.pollMs);
    await this.lane.acquire();
  }

  rateLimited(retryAfterMs: number): Promise<void> {
    return this.lane.rateLimited(retryAfterMs);
  }
}
