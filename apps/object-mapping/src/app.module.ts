import { natsOptionsOf } from '@bridge/config';
import {
  contextFromCarrier,
  EventPublisher,
  MessagingModule,
  NATS_CONNECTION,
  natsHealthCheck,
  Topology,
  type NatsConnection,
} from '@bridge/messaging';
import { ObservabilityModule } from '@bridge/telemetry';
import { Module, type DynamicModule } from '@nestjs/common';
import { mappingRulesOf, OBJECT_MAPPING_CONFIG, presenceRulesOf, type ObjectMappingConfig } from './config';
import { CicEventsConsumer } from './consumers/cic-events.consumer';
import { InteractionEventsConsumer } from './consumers/interaction-events.consumer';
import { MappingProjection } from './projection/mapping-projection';
import { jetStreamReader } from './projection/stream-readers';
import { MappingOperatorCommands } from './operator/mapping-operator-commands';
import { InteractionLog } from './persistence/interaction-log';

/** Wiring only: every module and the projection built from the config main.ts parsed. */
@Module({})
export class AppModule {
  static register(config: ObjectMappingConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        MessagingModule.forRoot(natsOptionsOf(config, 'object-mapping')),
        ObservabilityModule.forRoot({
          service: 'object-mapping',
          inject: [NATS_CONNECTION],
          checks: (nats: NatsConnection) => [natsHealthCheck(nats)],
        }),
      ],
      controllers: [CicEventsConsumer, InteractionEventsConsumer],
      providers: [
        { provide: OBJECT_MAPPING_CONFIG, useValue: config },
        {
          provide: MappingProjection,
          inject: [NATS_CONNECTION, Topology, EventPublisher],
          useFactory: (nats: NatsConnection, topology: Topology, publisher: EventPublisher) =>
            new MappingProjection({
              rules: mappingRulesOf(config),
              presence: presenceRulesOf(config),
              rebuild: config.MAPPING_REBUILD,
              readStream: jetStreamReader(nats, topology),
              publisher: {
                publish: (envelope, trace) => publisher.publish(envelope, contextFromCarrier(trace)),
              },
            }),
        },
        {
          provide: InteractionLog,
          useValue: new InteractionLog({ url: config.DATABASE_URL, schema: config.DATABASE_SCHEMA }),
        },
        MappingOperatorCommands,
      ],
    };
  }
}
