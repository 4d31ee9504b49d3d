import { effectiveSettings } from '@bridge/config';
import { OperatorIngestionStatusRead } from '@bridge/contracts';
import { NATS_CONNECTION, OperatorCommandServer, Topology, type NatsConnection } from '@bridge/messaging';
import { outboxLag } from '@bridge/event-store';
import { processStatusOf } from '@bridge/runtime';
import { Inject, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CicConnectionStatus } from '../cic-connection-status';
import { CIC_INGESTION_CONFIG, type CicIngestionConfig } from '../config';
import { CIC_RELAY } from '../outbox-relay.service';

/**
 * cic-ingestion's operator status read on NATS, which every instance answers: its CIC connection (server,
 * since when, last message) and how far the outbox relay is behind the event store.
 */
export class IngestionOperatorCommands implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly server: OperatorCommandServer;

  constructor(
    @Inject(NATS_CONNECTION) nats: NatsConnection,
    @Inject(Topology) topology: Topology,
    @Inject(CicConnectionStatus) private readonly connection: CicConnectionStatus,
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(CIC_INGESTION_CONFIG) private readonly config: CicIngestionConfig,
  ) {
    this.server = new OperatorCommandServer(nats, topology, 'cic-ingestion');
  }

  onApplicationBootstrap(): void {
    this.server.serve(OperatorIngestionStatusRead, async () => {
      const { state, connectedSince, lastMessageAt } = this.connection;
      return {
        ok: true,
        result: {
          process: processStatusOf('cic-ingestion'),
          settings: effectiveSettings(this.config),
          cic: {
            state: state.status,
            ...(state.status === 'up' ? { server: state.server, mode: state.mode } : {}),
            ...(state.status === 'down' ? { reason: state.reason } : {}),
            ...(connectedSince ? { connectedSince: connectedSince.toISOString() } : {}),
            ...(lastMessageAt ? { lastMessageAt: lastMessageAt.toISOString() } : {}),
          },
          outbox: await this.outbox(),
        },
      };
    });
  }

  /** Events recorded and not yet relayed, and the age of the oldest of them. */
  private async outbox(): Promise<{ backlog: number; lagSeconds: number }> {
    const lag = await outboxLag(this.db, this.config.DATABASE_SCHEMA, CIC_RELAY);
    return { backlog: lag.events, lagSeconds: lag.seconds };
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.server.close();
  }
}
