import { Inject, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditLoop } from '../audit/audit-loop';
import { PresenceLane } from '../presence/presence-lane';
import { ReplicationLane } from '../replication/replication-lane';
import { DeliveryWorkers } from './delivery-workers';

/**
 * Starts the workers, the presence and replication lanes and the drift audit with the service, and stops them
 * before the database closes.
 */
export class WorkersLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(DeliveryWorkers) private readonly workers: DeliveryWorkers,
    @Inject(AuditLoop) private readonly audit: AuditLoop,
    @Inject(PresenceLane) private readonly lane: PresenceLane,
    @Inject(ReplicationLane) private readonly replication: ReplicationLane,
    @Inject(DataSource) private readonly db: DataSource,
  ) {}

  onApplicationBootstrap(): void {
    this.workers.start();
    this.lane.start();
    this.replication.start();
    this.audit.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.workers.stop(), this.lane.stop(), this.replication.stop(), this.audit.stop()]);
    if (this.db.isInitialized) await this.db.destroy();
  }
}
