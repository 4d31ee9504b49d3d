import { Inject, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DeliveryWorkers } from './delivery-workers';
import { PresenceLane } from '../presence/presence-lane';
import { ReplicationLane } from '../replication/replication-lane';
import { IdMapAudit } from './id-map-audit';

/**
 * Starts the workers, the presence and replication lanes and the id map audit with the service, and stops the
 * workers and the lanes before the database closes.
 */
export class WorkersLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('IdMapAudit');

  constructor(
    @Inject(DeliveryWorkers) private readonly workers: DeliveryWorkers,
    @Inject(IdMapAudit) private readonly audit: IdMapAudit,
    @Inject(PresenceLane) private readonly lane: PresenceLane,
    @Inject(ReplicationLane) private readonly replication: ReplicationLane,
    @Inject(DataSource) private readonly db: DataSource,
  ) {}

  onApplicationBootstrap(): void {
    this.workers.start();
    this.lane.start();
    this.replication.start();
    // In the background: the workers need not wait, and an object they touch meanwhile is set right either way.
    this.audit
      .run()
      .then((stale) => {
        if (Object.keys(stale).length > 0)
          this.logger.warn(
            `Genesys no longer has objects the bridge made; provisioning again: ${JSON.stringify(stale)}`,
          );
      })
      .catch((error: unknown) => this.logger.warn(`id map audit failed: ${String(error)}`));
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.workers.stop(), this.lane.stop(), this.replication.stop()]);
    if (this.db.isInitialized) await this.db.destroy();
  }
}
