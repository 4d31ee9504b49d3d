/**
 * Appends status facts in batches behind the message reader: a storm of one-user messages (≈833 a second at
 * 5,000 agents × 10 changes a minute) would not keep up with one transaction each. Events queue while a batch is
 * written and go in the next one, so batches grow with the load. The reader waits only when `maxQueued` are
 * waiting (backpressure). A failed append is thrown to the next caller, which ends the ICWS session: the new
 * session's snapshot brings back what was lost. Interaction facts go the same way, in a batcher of their own.
 */
export class StatusBatcher<Fact> {
  private queue: Fact[] = [];
  private flushing: Promise<void> | undefined;
  private failure: { readonly error: unknown } | undefined;

  constructor(
    private readonly append: (events: readonly Fact[]) => Promise<void>,
    private readonly onFailure: (error: unknown) => void,
    private readonly options: { readonly batchSize: number; readonly maxQueued: number },
  ) {}

  async add(events: readonly Fact[]): Promise<void> {
    this.throwFailure();
    if (events.length === 0) return;
    this.queue.push(...events);
    this.flushing ??= this.flush();
    if (this.queue.length >= this.options.maxQueued) await this.idle();
  }

  /** Resolves once everything queued is appended (before a configuration message, so the log keeps CIC's order). */
  async idle(): Promise<void> {
    await this.flushing;
    this.throwFailure();
  }

  private async flush(): Promise<void> {
    try {
      while (this.queue.length > 0) await this.append(this.queue.splice(0, this.options.batchSize));
    } catch (error) {
      this.queue = [];
      this.failure = { error };
      this.onFailure(error);
    } finally {
      this.flushing = undefined;
    }
  }

  private throwFailure(): void {
    const failure = this.failure;
    if (!failure) return;
    this.failure = undefined;
    throw failure.error;
  }
}
