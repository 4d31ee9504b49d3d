import { nextAuditCallAtMs } from '@bridge/delivery-planning';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The service is stopping: the pass ends where it is (the next one starts over). */
export class AuditStopped extends Error {
  constructor() {
    super('drift audit stopped');
  }
}

/**
 * Spreads one pass's listing calls over the interval (`nextAuditCallAtMs`): each call waits for its moment.
 * The estimate of calls left grows when a listing has more pages than expected.
 */
export class Pacer {
  private made = 0;
  private left: number;
  private readonly startedAtMs: number;

  constructor(
    expected: number,
    private readonly intervalMs: number,
    private readonly stopped: () => boolean = () => false,
    private readonly now: () => number = Date.now,
  ) {
    this.left = expected;
    this.startedAtMs = now();
  }

  get calls(): number {
    return this.made;
  }

  /** Runs one listing call at its moment. */
  async call<T>(request: () => Promise<T>): Promise<T> {
    const dueMs = nextAuditCallAtMs(
      { startedAtMs: this.startedAtMs, callsMade: this.made, callsLeft: Math.max(1, this.left) },
      this.intervalMs,
    );
    // In steps, so a service that stops is not held for the rest of a long pass.
    while (dueMs > this.now() && !this.stopped()) await sleep(Math.min(dueMs - this.now(), 1000));
    if (this.stopped()) throw new AuditStopped();
    this.made++;
    this.left = Math.max(0, this.left - 1);
    return request();
  }
}
