import { Counter } from 'prom-client';

const outcomes = new Counter({
  name: 'bridge_messages_consumed_total',
  help: 'Messages handled by a JetStream consumer, by outcome.',
  labelNames: ['consumer', 'outcome'] as const,
});

/** Counters of one consumer's outcomes, exported on /metrics. */
export const messagingMetrics = {
  labels: (consumer: string) => ({
    acked: outcomes.labels(consumer, 'acked'),
    failed: outcomes.labels(consumer, 'failed'),
    deadLettered: outcomes.labels(consumer, 'deadLettered'),
  }),
};
