import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { WireErrorFilter } from './http/error.filter';
import { EventsController } from './http/events.controller';
import { NotificationsController } from './http/notifications.controller';
import { OAuthController } from './http/oauth.controller';
import { PresenceController } from './http/presence.controller';
import { QueuesController } from './http/queues.controller';
import { RoutingCatalogController } from './http/routing-catalog.controller';
import { SamlController } from './http/saml.controller';
import { ScimController } from './http/scim.controller';
import { SimController } from './http/sim.controller';
import { SimNotificationsController } from './http/sim-notifications.controller';
import { SimOrgController } from './http/sim-org.controller';
import { UsersController } from './http/users.controller';
import { WfmController } from './http/wfm.controller';
import { SimContext } from './sim-context';

/** Wiring only: every controller shares the one SimContext of this simulator instance. */
@Module({})
export class AppModule {
  static register(sim: SimContext): DynamicModule {
    return {
      module: AppModule,
      controllers: [
        OAuthController,
        ScimController,
        QueuesController,
        RoutingCatalogController,
        UsersController,
        PresenceController,
        EventsController,
        WfmController,
        NotificationsController,
        SimController,
        SimNotificationsController,
        SimOrgController,
        SamlController,
      ],
      providers: [
        { provide: SimContext, useValue: sim },
        { provide: APP_FILTER, useClass: WireErrorFilter },
      ],
    };
  }
}
