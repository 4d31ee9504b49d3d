import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigurationController } from './configuration.controller';
import { ConnectionController } from './connection.controller';
import { MessagingController } from './messaging.controller';
import { SERVER_CONTEXT, type ServerContext } from './server-context';
import { SimController } from './sim.controller';
import { StatusController } from './status.controller';
import { CustomNotificationController } from './custom-notification.controller';
import { StatusStormController } from './status-storm.controller';
import { TrafficController } from './traffic.controller';

/** One listening server: wiring only. Each server of a pair gets its own module around the shared simulation. */
@Module({})
export class AppModule {
  static register(context: ServerContext): DynamicModule {
    return {
      module: AppModule,
      controllers: [
        ConnectionController,
        ConfigurationController,
        MessagingController,
        StatusController,
        CustomNotificationController,
        SimController,
        StatusStormController,
        TrafficController,
      ],
      providers: [{ provide: SERVER_CONTEXT, useValue: context }],
    };
  }
}
