import { effectiveSettings } from '@bridge/config';
import { genesysRegionHosts, isGenesysRegion, OperatorMappingRebuild } from '@bridge/contracts';
import { GenesysClient, orgRateBudget, type PostgresRateGate } from '@bridge/genesys-client';
import {
  EventPublisher,
  NATS_CONNECTION,
  sendOperatorCommand,
  Topology,
  type NatsConnection,
} from '@bridge/messaging';
import { processStatusOf } from '@bridge/runtime';
import { Logger, type Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { DeliveryConfig } from '../config';
import { InboxLane } from '../inbox/inbox-lane';
import { deliverySettings } from '../options';
import { DeletionPauses } from '../persistence/deletion-pauses';
import { DesiredObjects } from '../persistence/desired-objects';
import { IdMap } from '../persistence/id-map';
import { Reconciler } from '../reconciler/reconciler';
import { DeliveryOperations } from './delivery-operations';
import { DeliveryOperatorCommands } from './delivery-operator-commands';
import { OperatorTables } from './operator-tables';
import { ReprovisionMonitor } from './reprovision-monitor';
import { SyncControl } from './sync-control';

/** How long a rebuild of every desired document may take object-mapping before the run records it failed. */
const mappingRebuildTimeoutMs = 5 * 60_000;

/**
 * The operator commands' providers. `gate` is the org's shared rate gate and `wake` wakes the lanes; both are
 * app.module's, which passes them in as injection tokens.
 */
export function operatorProviders(
  config: DeliveryConfig,
  tokens: { gate: symbol; wake: symbol },
): Provider[] {
  return [
    {
      provide: OperatorTables,
      inject: [DataSource],
      useFactory: (db: DataSource) => new OperatorTables(db, config.DATABASE_SCHEMA),
    },
    {
      provide: SyncControl,
      inject: [OperatorTables],
      useFactory: (tables: OperatorTables) => new SyncControl(tables, config.DELIVERY_POLL_MS * 10),
    },
    {
      provide: DeliveryOperations,
      inject: [
        OperatorTables,
        DesiredObjects,
        DeletionPauses,
        IdMap,
        Reconciler,
        SyncControl,
        NATS_CONNECTION,
        Topology,
        GenesysClient,
        InboxLane,
        tokens.gate,
        tokens.wake,
      ],
      useFactory: (
        tables: OperatorTables,
        objects: DesiredObjects,
        pauses: DeletionPauses,
        idMap: IdMap,
        reconciler: Reconciler,
        sync: SyncControl,
        nats: NatsConnection,
        topology: Topology,
        genesys: GenesysClient,
        inbox: InboxLane,
        gate: PostgresRateGate,
        wake: () => void,
      ) =>
        new DeliveryOperations(tables, objects, pauses, idMap, reconciler, sync, {
          settings: deliverySettings(config),
          budget: orgRateBudget(config),
          rebuildMapping: (operator) =>
            sendOperatorCommand(
              nats,
              topology,
              OperatorMappingRebuild,
              { operator },
              mappingRebuildTimeoutMs,
            ),
          wake,
          processStatus: () => {
            const token = genesys.tokenState();
            const region = config.GC_REGION;
            return {
              process: processStatusOf('genesys-delivery'),
              settings: effectiveSettings(config),
              genesys: {
                ...(region ? { region } : {}),
                apiUrl:
                  region && isGenesysRegion(region)
                    ? `https://api.${genesysRegionHosts[region]}`
                    : config.GC_API_URL,
                token: {
                  state: token.state,
                  ...(token.state === 'none' ? {} : { since: token.since.toISOString() }),
                  ...(token.state === 'refused' ? { error: token.error } : {}),
                },
              },
              inbox: inbox.status(config.INBOX_NOTIFICATIONS === 'on'),
              rateLimited: gate.rateLimitedCount,
            };
          },
        }),
    },
    {
      provide: ReprovisionMonitor,
      inject: [OperatorTables, DeliveryOperations, EventPublisher],
      useFactory: (tables: OperatorTables, operations: DeliveryOperations, publisher: EventPublisher) => {
        const logger = new Logger('ReprovisionMonitor');
        return new ReprovisionMonitor(
          tables,
          operations,
          publisher,
          // The request's own timeout, and a minute for the answer to be recorded.
          { intervalMs: 1000, mappingTimeoutMs: mappingRebuildTimeoutMs + 60_000 },
          (error) => logger.warn(`reprovision progress not published: ${String(error)}`),
        );
      },
    },
    DeliveryOperatorCommands,
  ];
}
