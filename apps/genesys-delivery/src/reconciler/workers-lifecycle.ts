import { Inject, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditLoop } from '../audit/audit-loop';
import { DELIVERY_CONFIG, type DeliveryConfig } from '../config';
import { InboxLane } from '../inbox/inbox-lane';
import { PresenceLane } from '../presence/presence-lane';
import { ReplicationLane } from '../replication/replication-lane';
import { DeliveryWorkers } from './delivery-workers';

/**
 * Starts the workers, the presence, replication and inbox lanes and the drift audit with the service, and stops them
 * before the database closes.
 */
export class WorkersLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(DeliveryWorkers) private readonly workers: DeliveryWorkers,
    @Inject(AuditLoop) private readonly audit: AuditLoop,
    @Inject(PresenceLane) private readonly lane: PresenceLane,
    @Inject(ReplicationLane) private readonly replication: ReplicationLane,
    @Inject(InboxLane) private readonly inbox: InboxLane,
    @Inject(DELIVERY_CONFIG) private readonly config: DeliveryConfig,
    @Inject(DataSource) private readonly db: DataSource,
  ) {}

  onApplicationBootstrap(): void {
    this.workers.start();
    this.lane.start();
    this.replication.start();
    this.audit.start();
    if (this.config.INBOX_NOTIFICATIONS === 'on') this.inbox.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([
      this.workers.stop(),
      this.lane.stop(),
      this.replication.stop(),
      this.audit.stop(),
      this.inbox.stop(),
    ]);
    if (this.db.isInitialized) await this.db.destroy();
  }
}
