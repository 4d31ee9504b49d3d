import { OutboxRelay } from '@bridge/event-store';
import { Inject, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { UploadRunner } from './upload/upload-runner';

/** Starts the projection's relay and the upload runner with the service, and stops both before the database. */
export class HistoricalUploadLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(OutboxRelay) private readonly relay: OutboxRelay,
    @Inject(UploadRunner) private readonly runner: UploadRunner,
    @Inject(DataSource) private readonly db: DataSource,
  ) {}

  onApplicationBootstrap(): void {
    this.relay.start();
    this.runner.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.relay.stop(), this.runner.stop()]);
    if (this.db.isInitialized) await this.db.destroy();
  }
}
