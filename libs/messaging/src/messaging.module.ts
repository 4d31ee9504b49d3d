import { Inject, Logger, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/nats-core';
import { brokerVersionWarning } from './broker-version';
import { connectNats, ensureStreams, type NatsAuthFiles } from './connection';
import { EventPublisher } from './publisher';
import { Topology } from './topology';

/** Injection token of the process's NATS connection. */
export const NATS_CONNECTION = Symbol('NATS_CONNECTION');

export interface MessagingOptions {
  /** May carry a user and password or a token (`nats://user:pass@host:4222`). */
  readonly url: string;
  /** Credentials, nkey seed and CA files (libs/config's `natsOptionsOf(config, name)` gives all of these). */
  readonly auth?: NatsAuthFiles;
  readonly namespace: string;
  /** The connection name the NATS server shows: the service's name. */
  readonly name: string;
}

class NatsConnectionCloser implements OnApplicationShutdown {
  constructor(@Inject(NATS_CONNECTION) private readonly nats: NatsConnection) {}
  async onApplicationShutdown(): Promise<void> {
    await this.nats.drain().catch(() => this.nats.close());
  }
}

/**
 * Connects a service to NATS, provisions the contracts' streams, and provides the connection, the Topology and
 * the EventPublisher. The connection drains on shutdown, so in-flight publishes finish.
 */
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingOptions): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      providers: [
        { provide: Topology, useValue: new Topology(options.namespace) },
        {
          provide: NATS_CONNECTION,
          inject: [Topology],
          useFactory: async (topology: Topology) => {
            const nats = await connectNats(options.url, options.name, options.auth);
            const logger = new Logger('Messaging');
            const warning = brokerVersionWarning(nats.info?.version);
            if (warning) logger.warn(warning);
            await ensureStreams(nats, topology, (error) =>
              logger.warn(
                `streams not provisioned yet, no answer from NATS (${String(error)}): trying again`,
              ),
            );
            return nats;
          },
        },
        {
          provide: EventPublisher,
          inject: [NATS_CONNECTION, Topology],
          useFactory: (nats: NatsConnection, topology: Topology) => new EventPublisher(nats, topology),
        },
        NatsConnectionCloser,
      ],
      exports: [NATS_CONNECTION, Topology, EventPublisher],
    };
  }
}

/** The /health check of a NATS connection: a round trip to the server. */
export function natsHealthCheck(nats: NatsConnection) {
  return { name: 'nats', check: async () => void (await nats.flush()) };
}
