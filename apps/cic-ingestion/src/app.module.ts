import { natsOptionsOf } from '@bridge/config';
import { EventStoreModule } from '@bridge/event-store';
import { postgresHealthCheck } from '@bridge/postgres';
import { MessagingModule, NATS_CONNECTION, natsHealthCheck, type NatsConnection } from '@bridge/messaging';
import { ObservabilityModule } from '@bridge/telemetry';
import { Module, type DynamicModule } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CicConnection, icwsClientProvider } from './cic-connection';
import { CicConnectionStatus } from './cic-connection-status';
import { CicEventLog } from './cic-event-log';
import { CicIngestion } from './cic-ingestion.service';
import { CIC_INGESTION_CONFIG, type CicIngestionConfig } from './config';
import { InboxNotificationConsumer } from './inbox/inbox-notification.consumer';
import { OutboxRelayService } from './outbox-relay.service';
import { QueueWatch } from './queue-watch';
import { StatusSubscription } from './status-subscription';
import { IngestionOperatorCommands } from './operator/ingestion-operator-commands';

/** Wiring only: every module and client built from the config main.ts parsed. */
@Module({})
export class AppModule {
  static register(config: CicIngestionConfig): DynamicModule {
    // One holder, shared by the ICWS client (which sets it) and the `cic` health check (which reads it).
    const status = new CicConnectionStatus();
    return {
      module: AppModule,
      imports: [
        MessagingModule.forRoot(natsOptionsOf(config, 'cic-ingestion')),
        EventStoreModule.forRoot({ url: config.DATABASE_URL, schema: config.DATABASE_SCHEMA }),
        ObservabilityModule.forRoot({
          service: 'cic-ingestion',
          inject: [NATS_CONNECTION, DataSource],
          checks: (nats: NatsConnection, dataSource: DataSource) => [
            natsHealthCheck(nats),
            postgresHealthCheck(dataSource),
            { name: 'cic', check: status.check },
          ],
        }),
      ],
      controllers: [InboxNotificationConsumer],
      providers: [
        { provide: CIC_INGESTION_CONFIG, useValue: config },
        { provide: CicConnectionStatus, useValue: status },
        { provide: StatusSubscription, useValue: new StatusSubscription() },
        { provide: QueueWatch, useValue: new QueueWatch() },
        CicEventLog,
        OutboxRelayService,
        CicIngestion,
        icwsClientProvider(config),
        CicConnection,
        IngestionOperatorCommands,
      ],
    };
  }
}
