import { gaugeOnScrape, metricNames } from '@bridge/telemetry';
import { Inject, type OnModuleInit } from '@nestjs/common';
import { Conversations } from './persistence/conversations';
import { DeletionPauses } from './persistence/deletion-pauses';
import { DesiredObjects } from './persistence/desired-objects';
import { Presences } from './persistence/presences';
import { RecordStatuses } from './persistence/record-statuses';

/** genesys-delivery's gauges of its records, each one grouped query when Prometheus scrapes. */
export class DeliveryMetrics implements OnModuleInit {
  constructor(
    @Inject(DesiredObjects) private readonly objects: DesiredObjects,
    @Inject(RecordStatuses) private readonly statuses: RecordStatuses,
    @Inject(DeletionPauses) private readonly pauses: DeletionPauses,
    @Inject(Presences) private readonly presences: Presences,
    @Inject(Conversations) private readonly conversations: Conversations,
  ) {}

  onModuleInit(): void {
    gaugeOnScrape(
      metricNames.records,
      'Records by kind and delivery status (the status of their last reconcile)',
      ['kind', 'status'],
      'delivery',
      async () =>
        (await this.statuses.countByStatus()).map(({ kind, status, count }) => ({
          labels: { kind, status },
          value: count,
        })),
    );
    const backlog = () => this.objects.backlogByKind();
    gaugeOnScrape(
      metricNames.deliveryBacklog,
      'Records whose desired state changed and that wait to be reconciled with Genesys Cloud, by kind',
      ['kind'],
      'delivery',
      async () => (await backlog()).map(({ kind, dirty }) => ({ labels: { kind }, value: dirty })),
    );
    gaugeOnScrape(
      metricNames.presenceBacklog,
      'Users whose presence changed and waits to be sent to Genesys Cloud (the presence lane)',
      [],
      'delivery',
      async () => [{ labels: {}, value: await this.presences.backlog() }],
    );
    gaugeOnScrape(
      metricNames.replicationBacklog,
      'Conversations with events that wait to be sent to Genesys Cloud (the replication lane)',
      [],
      'delivery',
      async () => [{ labels: {}, value: await this.conversations.backlog() }],
    );
    gaugeOnScrape(
      metricNames.recordsQuarantined,
      'Records quarantined after their retries ran out: they wait for an operator, by kind',
      ['kind'],
      'delivery',
      async () =>
        (await backlog()).map(({ kind, quarantined }) => ({ labels: { kind }, value: quarantined })),
    );
    gaugeOnScrape(
      metricNames.deletionsPaused,
      'Kinds whose mass deletion is paused until an operator confirms it (1 per paused kind)',
      ['kind'],
      'delivery',
      async () =>
        (await this.pauses.list())
          .filter((pause) => pause.confirmedAt === null)
          .map(({ kind }) => ({ labels: { kind }, value: 1 })),
    );
  }
}
