/**
 * Loops that each run `step` while there is work and sleep `pollMs` when there is none (ten times that after a
 * failed step, so a database that cannot serve is not hammered). `wake` ends every sleep at once: new work was
 * stored by this instance; work stored by another instance waits for the poll.
 */
export class WorkLoops {
  private running = false;
  private loops: Promise<void>[] = [];
  private readonly sleepers = new Set<() => void>();

  constructor(
    private readonly step: () => Promise<boolean>,
    private readonly options: { readonly loops: number; readonly pollMs: number },
    private readonly failed: (error: unknown) => void,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loops = Array.from({ length: this.options.loops }, () => this.loop());
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await Promise.allSettled(this.loops);
  }

  wake(): void {
    for (const sleeper of this.sleepers) sleeper();
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.sleepers.add(done);
    });
  }

  private async loop(): Promise<void> {
    while (this.running) {
      try {
        if (!(await this.step())) await this.sleep(this.options.pollMs);
      } catch (error) {
        this.failed(error);
        await this.sleep(this.options.pollMs * 10);
      }
    }
  }
}
