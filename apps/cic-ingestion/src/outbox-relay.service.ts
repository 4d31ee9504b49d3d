import {
  DATABASE_OPTIONS,
  EVENT_STORE,
  OutboxRelay,
  relayToJetStream,
  type EventStore,
} from '@bridge/event-store';
import type { DatabaseOptions } from '@bridge/postgres';
import {
  EventPublisher,
  lastMessageId,
  NATS_CONNECTION,
  Topology,
  type NatsConnection,
} from '@bridge/messaging';
import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { DataSource } from 'typeorm';

/** The relay's name: its cursor in `outbox_cursors`, which the operator's status read compares with the log. */
export const CIC_RELAY = 'cic';

/** Runs the outbox relay for the CIC event log while the service is up. */
@Injectable()
export class OutboxRelayService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('OutboxRelay');
  readonly relay: OutboxRelay;

  constructor(
    @Inject(DATABASE_OPTIONS) database: DatabaseOptions,
    @Inject(EVENT_STORE) store: EventStore,
    dataSource: DataSource,
    publisher: EventPublisher,
    @Inject(NATS_CONNECTION) nats: NatsConnection,
    topology: Topology,
  ) {
    this.relay = new OutboxRelay({
      name: CIC_RELAY,
      databaseUrl: database.url,
      schema: database.schema,
      dataSource,
      store,
      publish: relayToJetStream(publisher),
      lastPublished: () => lastMessageId(nats, topology.stream('CIC')),
      onEpoch: (epoch) =>
        this.logger.warn(
          `the event store was restored from a backup: it publishes as epoch ${epoch} from now on`,
        ),
      onError: (error) => this.logger.warn(`relay paused: ${String(error)}`),
      onLeadership: (leader) => this.logger.log(leader ? 'relaying the CIC event log' : 'standing by'),
    });
  }

  onApplicationBootstrap(): void {
    this.relay.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.relay.stop();
  }
}
