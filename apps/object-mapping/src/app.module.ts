import { natsAuthOf } from '@bridge/config';
import { MessagingModule, NATS_CONNECTION, natsHealthCheck, type NatsConnection } from '@bridge/messaging';
import { ObservabilityModule } from '@bridge/telemetry';
import { Module } from '@nestjs/common';
import { config } from './config';
import { CicEventsConsumer } from './consumers/cic-events.consumer';
import { MappingProjection } from './projection/mapping-projection';

@Module({
  imports: [
    MessagingModule.forRoot({
      url: config.NATS_URL,
      auth: natsAuthOf(config),
      namespace: config.NATS_NAMESPACE,
      name: 'object-mapping',
    }),
    ObservabilityModule.forRoot({
      service: 'object-mapping',
      inject: [NATS_CONNECTION],
      checks: (nats: NatsConnection) => [natsHealthCheck(nats)],
    }),
  ],
  controllers: [CicEventsConsumer],
  providers: [MappingProjection],
})
export class AppModule {}
