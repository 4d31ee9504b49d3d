import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { AuditLogger, DriftAudit } from './drift-audit';
import type { AuditTables } from './audit-tables';
import { AuditStopped } from './pacer';

export interface AuditLoopOptions {
  readonly intervalMs: number;
  /** How long an instance holds the audit once it stops renewing (it renews every third of this). */
  readonly leaseMs: number;
}

/**
 * Runs drift audit passes, one every interval, in one instance at a time (a lease in Postgres). The first pass
 * after start is not spread: it is the id map check that finds a reset org or objects deleted while the service
 * was down, and goes as fast as the audit's share allows. A pass that takes longer than the interval is followed
 * by the next at once.
 */
export class AuditLoop {
  private readonly holder = `${hostname()}:${process.pid}:${randomUUID()}`;
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;

  constructor(
    private readonly audit: Pick<DriftAudit, 'pass'>,
    private readonly tables: Pick<AuditTables, 'lease' | 'release'>,
    private readonly options: AuditLoopOptions,
    private readonly logger: AuditLogger,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await this.tables.release(this.holder).catch((error: unknown) => {
      this.logger.warn(`drift audit lease release failed: ${String(error)}`);
    });
  }

  private async run(): Promise<void> {
    let paced = false;
    while (this.running) {
      const startedAt = Date.now();
      try {
        if (await this.tables.lease(this.holder, this.options.leaseMs)) {
          await this.leased(paced);
          paced = true;
        }
      } catch (error) {
        if (!(error instanceof AuditStopped)) this.logger.warn(`drift audit pass failed: ${String(error)}`);
      }
      await this.sleep(Math.max(0, startedAt + this.options.intervalMs - Date.now()));
    }
  }

  private async leased(paced: boolean): Promise<void> {
    const renewal = setInterval(() => {
      this.tables.lease(this.holder, this.options.leaseMs).catch((error: unknown) => {
        this.logger.warn(`drift audit lease renewal failed: ${String(error)}`);
      });
    }, this.options.leaseMs / 3);
    try {
      const summary = await this.audit.pass(paced, () => !this.running);
      if (summary.repaired + summary.reported > 0)
        this.logger.warn(
          `Genesys Cloud objects changed behind the bridge: ${JSON.stringify(summary.found)}; ` +
            `${summary.repaired} to repair, ${summary.reported} reported`,
        );
    } finally {
      clearInterval(renewal);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}
