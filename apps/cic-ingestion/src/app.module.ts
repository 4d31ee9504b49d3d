import { natsAuthOf } from '@bridge/config';
import { EventStoreModule } from '@bridge/event-store';
import { postgresHealthCheck } from '@bridge/postgres';
import { MessagingModule, NATS_CONNECTION, natsHealthCheck, type NatsConnection } from '@bridge/messaging';
import { ObservabilityModule } from '@bridge/telemetry';
import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { cicConnectionStatus, CicConnectionStatus } from './cic-connection-status';
import { CicEventLog } from './cic-event-log';
import { CicIngestion } from './cic-ingestion.service';
import { config } from './config';
import { OutboxRelayService } from './outbox-relay.service';

@Module({
  imports: [
    MessagingModule.forRoot({
      url: config.NATS_URL,
      auth: natsAuthOf(config),
      namespace: config.NATS_NAMESPACE,
      name: 'cic-ingestion',
    }),
    EventStoreModule.forRoot({ url: config.DATABASE_URL, schema: config.DATABASE_SCHEMA }),
    ObservabilityModule.forRoot({
      service: 'cic-ingestion',
      inject: [NATS_CONNECTION, DataSource],
      checks: (nats: NatsConnection, dataSource: DataSource) => [
        natsHealthCheck(nats),
        postgresHealthCheck(dataSource),
        { name: 'cic', check: cicConnectionStatus.check },
      ],
    }),
  ],
  providers: [
    CicEventLog,
    OutboxRelayService,
    CicIngestion,
    { provide: CicConnectionStatus, useValue: cicConnectionStatus },
  ],
  exports: [CicEventLog],
})
export class AppModule {}
