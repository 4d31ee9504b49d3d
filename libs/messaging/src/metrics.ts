import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { gaugeOnScrape, metricNames } from '@bridge/telemetry';
import { Counter } from 'prom-client';
import type { ConsumerDefinition } from './consumer-definition';
import type { Topology } from './topology';

const outcomes = new Counter({
  name: metricNames.messagesConsumed,
  help: 'Messages handled by a JetStream consumer, by outcome (acked, failed and redelivered later, deadLettered)',
  labelNames: ['consumer', 'outcome'] as const,
});

const redeliveries = new Counter({
  name: metricNames.messagesRedelivered,
  help: 'Messages a JetStream consumer received again after a failure, a nak or an ack timeout',
  labelNames: ['consumer'] as const,
});

/** Counters of one consumer's outcomes, exported on /metrics. */
export const messagingMetrics = {
  labels: (consumer: string) => ({
    acked: outcomes.labels(consumer, 'acked'),
    failed: outcomes.labels(consumer, 'failed'),
    deadLettered: outcomes.labels(consumer, 'deadLettered'),
    redelivered: redeliveries.labels(consumer),
  }),
};

interface ConsumerState {
  readonly backlog: number;
  readonly lagSeconds: number;
}

/**
 * A consumer's backlog (messages not acked yet: waiting on the server and handed out) and its lag (the age of the
 * oldest of them), from the broker when Prometheus scrapes.
 */
async function consumerState(
  manager: JetStreamManager,
  topology: Topology,
  definition: ConsumerDefinition,
): Promise<ConsumerState> {
  const stream = topology.stream(definition.stream);
  const info = await manager.consumers.info(stream, definition.durable);
  const backlog = info.num_pending + info.num_ack_pending;
  if (backlog === 0) return { backlog, lagSeconds: 0 };
  // STREAM.MSG.GET takes `next_by_subj` (the first message of the filter at or after `seq`); the client's type
  // names only `seq`, so the request is built as a value rather than a literal.
  const oldest = {
    seq: info.ack_floor.stream_seq + 1,
    next_by_subj: topology.subject(definition.filterSubject),
  };
  const message = await manager.streams.getMessage(stream, oldest);
  const lagSeconds = message ? Math.max(0, (Date.now() - message.time.getTime()) / 1000) : 0;
  return { backlog, lagSeconds };
}

/** Exports the backlog and lag of these consumers on /metrics, read from the broker at each scrape. */
export function watchConsumers(
  nats: NatsConnection,
  topology: Topology,
  definitions: readonly ConsumerDefinition[],
): void {
  let manager: Promise<JetStreamManager> | undefined;
  const states = async () => {
    // Made once: making one asks the server for its JetStream account first.
    manager ??= jetstreamManager(nats).catch((error: unknown) => {
      manager = undefined;
      throw error;
    });
    const jsm = await manager;
    return Promise.all(
      definitions.map(async (definition) => ({
        consumer: definition.durable,
        state: await consumerState(jsm, topology, definition),
      })),
    );
  };
  // One broker round per scrape serves both gauges: the second reads what the first fetched.
  let pending: ReturnType<typeof states> | undefined;
  const shared = () => (pending ??= states().finally(() => setTimeout(() => (pending = undefined), 0)));
  const source = definitions.map((d) => d.durable).join(',');
  gaugeOnScrape(
    metricNames.consumerBacklog,
    'Messages of a JetStream consumer not acked yet (waiting on the server or being handled)',
    ['consumer'],
    source,
    async () =>
      (await shared()).map(({ consumer, state }) => ({ labels: { consumer }, value: state.backlog })),
  );
  gaugeOnScrape(
    metricNames.consumerLag,
    'Age of the oldest message a JetStream consumer has not acked yet; 0 when it has none',
    ['consumer'],
    source,
    async () =>
      (await shared()).map(({ consumer, state }) => ({ labels: { consumer }, value: state.lagSeconds })),
  );
}
