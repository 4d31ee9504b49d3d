import { eventDefinitionOf, subjectOf, type Envelope } from '@bridge/contracts';
import { jetstream, type JetStreamClient, type PubAck } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { context, SpanKind, trace, type Context } from '@opentelemetry/api';
import { traceAttributes } from '@bridge/telemetry';
import { createHeaders, injectTraceContext } from './trace-headers';
import type { Topology } from './topology';

const tracer = trace.getTracer('@bridge/messaging');

/**
 * Publishes envelopes to JetStream on the subject their contract gives. The event id is the `Nats-Msg-Id` unless
 * `msgId` says otherwise (the outbox relay prefixes its store's epoch, ADR 0006), so a message published twice
 * within the stream's duplicate window (2 minutes) is stored once. The trace context of `parent` (default: the
 * active one) travels in the headers.
 */
export class EventPublisher {
  private readonly client: JetStreamClient;

  constructor(
    nats: NatsConnection,
    private readonly topology: Topology,
  ) {
    this.client = jetstream(nats);
  }

  async publish(
    envelope: Envelope,
    parent: Context = context.active(),
    msgId: string = envelope.id,
  ): Promise<PubAck> {
    const definition = eventDefinitionOf(envelope.type);
    if (!definition) throw new Error(`no contract for event type ${envelope.type}`);
    const subject = this.topology.subject(subjectOf(definition, envelope.data));
    return tracer.startActiveSpan(
      `${definition.subject} publish`,
      {
        kind: SpanKind.PRODUCER,
        attributes: {
          [traceAttributes.messagingSystem]: 'nats',
          [traceAttributes.messagingDestination]: subject,
        },
      },
      parent,
      async (span) => {
        try {
          const headers = createHeaders();
          injectTraceContext(headers);
          return await this.client.publish(subject, JSON.stringify(envelope), {
            msgID: msgId,
            headers,
          });
        } finally {
          span.end();
        }
      },
    );
  }
}
