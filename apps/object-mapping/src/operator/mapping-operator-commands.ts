import { effectiveSettings } from '@bridge/config';
import {
  OperatorMappingBackfill,
  OperatorMappingRebuild,
  OperatorMappingStatusRead,
  type OperatorResultOf,
} from '@bridge/contracts';
import {
  EventPublisher,
  NATS_CONNECTION,
  OperatorCommandServer,
  stableUuid,
  Topology,
  type NatsConnection,
} from '@bridge/messaging';
import { processStatusOf } from '@bridge/runtime';
import { jetstreamManager } from '@nats-io/jetstream';
import { Inject, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { CIC_EVENTS_DURABLE } from '../consumers/cic-events.consumer';
import { conversationDesired } from '../consumers/interaction-events.consumer';
import { InteractionLog } from '../persistence/interaction-log';
import { MappingProjection } from '../projection/mapping-projection';
import { OBJECT_MAPPING_CONFIG, type ObjectMappingConfig } from '../config';

type LastRebuild = NonNullable<OperatorResultOf<typeof OperatorMappingStatusRead>['lastRebuild']>;

/**
 * object-mapping's operator commands on NATS: the rebuild (every desired document republished; genesys-delivery
 * sends it as a reprovision's first phase), the replication backfill (the desired conversations of a time range
 * published again from the event store) and the status read, which every instance answers.
 */
export class MappingOperatorCommands implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly server: OperatorCommandServer;
  private lastRebuild: LastRebuild | undefined;

  constructor(
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    @Inject(Topology) private readonly topology: Topology,
    @Inject(MappingProjection) private readonly projection: MappingProjection,
    @Inject(OBJECT_MAPPING_CONFIG) private readonly config: ObjectMappingConfig,
    @Inject(InteractionLog) private readonly interactions: InteractionLog,
    @Inject(EventPublisher) private readonly publisher: EventPublisher,
  ) {
    this.server = new OperatorCommandServer(nats, topology, 'object-mapping');
  }

  onApplicationBootstrap(): void {
    this.server.serve(OperatorMappingRebuild, async ({ operator }) => {
      const result = await this.projection.republishEverything();
      this.lastRebuild = { at: new Date().toISOString(), operator, ...result };
      return { ok: true, result };
    });
    this.server.serve(OperatorMappingBackfill, async ({ from, to }) => {
      const started = Date.now();
      const interactions = await this.interactions.disconnectedIn(new Date(from), new Date(to));
      // A new id per backfill, so JetStream's duplicate window does not drop a backfill asked for twice.
      const run = stableUuid(`mapping-backfill:${from}:${to}:${started}`, 4);
      for (const interaction of interactions)
        await this.publisher.publish(
          conversationDesired(
            interaction,
            { id: stableUuid(`${run}:${interaction.interactionId}`, 4), correlationId: run },
            true,
          ),
        );
      return { ok: true, result: { interactions: interactions.length, durationMs: Date.now() - started } };
    });
    this.server.serve(OperatorMappingStatusRead, async () => {
      const { lastAppliedAt, ...projection } = this.projection.status();
      return {
        ok: true,
        result: {
          process: processStatusOf('object-mapping'),
          settings: effectiveSettings(this.config),
          projection: {
            ...projection,
            ...(lastAppliedAt ? { lastAppliedAt: lastAppliedAt.toISOString() } : {}),
          },
          backlog: await this.backlog(),
          ...(this.lastRebuild ? { lastRebuild: this.lastRebuild } : {}),
        },
      };
    });
  }

  /** CIC events the durable consumer has still to deliver, and those delivered and not yet acknowledged. */
  private async backlog(): Promise<number> {
    const manager = await jetstreamManager(this.nats);
    const info = await manager.consumers.info(this.topology.stream('CIC'), CIC_EVENTS_DURABLE);
    return info.num_pending + info.num_ack_pending;
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.server.close();
    await this.interactions.close();
  }
}
