import { CIC_KINDS, ICWS, SUBSCRIBED_PROPERTIES } from '@bridge/cic-sync';
import { cleartextServers, IcwsClient, subscribeConfiguration, type IcwsSession } from '@bridge/icws-client';
import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type FactoryProvider,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { CicConnectionStatus } from './cic-connection-status';
import { CicIngestion } from './cic-ingestion.service';
import { QueueWatch } from './queue-watch';
import { StatusSubscription } from './status-subscription';
import { CIC_INGESTION_CONFIG, type CicIngestionConfig } from './config';

const logger = new Logger('CicIngestion');

/**
 * The ICWS client, built from the config: every session subscribes to the four configuration kinds and to the
 * statuses (StatusSubscription) and the workgroup queues (QueueWatch), hands each message to the ingestion in order, and reports its state to the `cic`
 * health check.
 */
export function icwsClientProvider(config: CicIngestionConfig): FactoryProvider<IcwsClient> {
  return {
    provide: IcwsClient,
    inject: [CicIngestion, CicConnectionStatus, StatusSubscription, QueueWatch],
    useFactory: (
      ingestion: CicIngestion,
      status: CicConnectionStatus,
      statuses: StatusSubscription,
      queues: QueueWatch,
    ) =>
      new IcwsClient({
        servers: config.CIC_SERVERS,
        userId: config.CIC_USER,
        password: config.CIC_PASSWORD,
        preferPolling: config.CIC_MESSAGE_RETRIEVAL === 'polling',
        maxResponseBytes: config.CIC_MAX_RESPONSE_BYTES,
        onWarning: (warning) =>
          logger.warn(
            `ignored alternate host ${warning.host} named by ${warning.namedBy}: not one of CIC_SERVERS`,
          ),
        onSession: async (session) => {
          ingestion.sessionOpened();
          await subscribeToConfiguration(session);
          await statuses.open(session);
          await queues.open(session);
        },
        onMessage: (incoming) => ingestion.receive(incoming),
        onState: (state) => {
          status.state = state;
          if (state.status === 'up') logger.log(`connected to ${state.server} (${state.mode})`);
          if (state.status === 'down') logger.warn(`CIC connection lost: ${state.reason}`);
        },
      }),
  };
}

async function subscribeToConfiguration(session: IcwsSession): Promise<void> {
  for (const kind of CIC_KINDS) {
    await subscribeConfiguration(session, ICWS.objectTypes[kind], `cic-ingestion-${kind}`, {
      configurationIds: ['*'],
      properties: SUBSCRIBED_PROPERTIES[kind],
      rightsFilter: 'admin',
    });
  }
}

/** Connects to CIC once known state is rebuilt from the log, and disconnects at shutdown. */
@Injectable()
export class CicConnection implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    private readonly ingestion: CicIngestion,
    private readonly client: IcwsClient,
    private readonly statuses: StatusSubscription,
    private readonly queues: QueueWatch,
    @Inject(CIC_INGESTION_CONFIG) private readonly config: CicIngestionConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.ingestion.rebuild();
    for (const server of cleartextServers(this.config.CIC_SERVERS))
      logger.warn(
        `CIC_SERVERS has ${server} over plain http: the CIC password travels in clear text; use https`,
      );
    this.client.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.statuses.close();
    this.queues.close();
    await this.client.stop();
  }
}
