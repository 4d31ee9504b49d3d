import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { WorkLoops } from '../reconciler/work-loops';
import type { AuditTables } from './audit-tables';
import type { AuditLogger, DriftAudit } from './drift-audit';
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
  private readonly loops: WorkLoops;
  private running = false;
  private paced = false;
  private nextPassAtMs = 0;

  constructor(
    private readonly audit: Pick<DriftAudit, 'pass'>,
    private readonly tables: Pick<AuditTables, 'lease' | 'release'>,
    private readonly options: AuditLoopOptions,
    private readonly logger: AuditLogger,
  ) {
    // Awake once a second at most: the next pass may fall due, or another instance's lease lapse.
    this.loops = new WorkLoops(
      () => this.step(),
      { loops: 1, pollMs: Math.min(1000, options.intervalMs) },
      (error) => {
        if (!(error instanceof AuditStopped)) this.logger.warn(`drift audit pass failed: ${String(error)}`);
      },
    );
  }

  start(): void {
    this.running = true;
    this.loops.start();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loops.stop();
    await this.tables.release(this.holder).catch((error: unknown) => {
      this.logger.warn(`drift audit lease release failed: ${String(error)}`);
    });
  }

  /** A pass when one is due and this instance holds the lease; false otherwise (the loop sleeps). */
  private async step(): Promise<boolean> {
    if (Date.now() < this.nextPassAtMs) return false;
    if (!(await this.tables.lease(this.holder, this.options.leaseMs))) return false;
    this.nextPassAtMs = Date.now() + this.options.intervalMs;
    const renewal = setInterval(() => {
      this.tables.lease(this.holder, this.options.leaseMs).catch((error: unknown) => {
        this.logger.warn(`drift audit lease renewal failed: ${String(error)}`);
      });
    }, this.options.leaseMs / 3);
    try {
      const summary = await this.audit.pass(this.paced, () => !this.running);
      this.paced = true;
      if (summary.repaired + summary.reported > 0)
        this.logger.warn(
          `Genesys Cloud objects changed behind the bridge: ${JSON.stringify(summary.found)}; ` +
            `${summary.repaired} to repair, ${summary.reported} reported`,
        );
    } finally {
      clearInterval(renewal);
    }
    return false;
  }
}
