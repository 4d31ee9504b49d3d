import { decodeEvent, DeadLetterRecorded, InvalidMessageError, type Envelope } from '@bridge/contracts';
import {
  AckPolicy,
  DeliverPolicy,
  jetstream,
  jetstreamManager,
  type ConsumerMessages,
  type JsMsg,
} from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import type { CustomTransportStrategy, MessageHandler } from '@nestjs/microservices';
import { BaseRpcContext, Server } from '@nestjs/microservices';
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { randomUUID } from 'node:crypto';
import { stableUuid } from './stable-uuid';
import { lastValueFrom } from 'rxjs';
import { consumerDefaults, redeliveryDelayMs, type ConsumerDefinition } from './consumer-definition';
import { messagingMetrics } from './metrics';
import type { EventPublisher } from './publisher';
import { extractTraceContext } from './trace-headers';
import type { Topology } from './topology';

const tracer = trace.getTracer('@bridge/messaging');

/** What a consumer handler gets besides the event: where the message came from and how often it was tried. */
export class JetStreamContext extends BaseRpcContext<[JsMsg, string]> {
  get message(): JsMsg {
    return this.args[0];
  }
  /** The subject as the contracts spell it (without the namespace). */
  get subject(): string {
    return this.args[1];
  }
  get deliveryCount(): number {
    return this.message.info.deliveryCount;
  }
  get streamSequence(): number {
    return this.message.info.streamSequence;
  }
}

export interface JetStreamServerOptions {
  readonly nats: NatsConnection;
  readonly topology: Topology;
  readonly publisher: EventPublisher;
  /** Reports a failed delivery; the app decides how to log it. */
  readonly onFailure?: (failure: {
    consumer: string;
    subject: string;
    deliveryCount: number;
    error: unknown;
  }) => void;
}

/**
 * A Nest transport for durable JetStream pull consumers. Each `@JetStreamConsumer` handler gets its consumer
 * created (or updated) at start, then messages one at a time, in stream order, each inside a span that
 * continues the producer's trace.
 */
export class JetStreamServer extends Server implements CustomTransportStrategy {
  private readonly running: ConsumerMessages[] = [];
  private readonly loops: Promise<void>[] = [];

  constructor(private readonly options: JetStreamServerOptions) {
    super();
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      for (const [pattern, handler] of this.messageHandlers) {
        const definition = JSON.parse(pattern) as ConsumerDefinition;
        const messages = await this.subscribe(definition);
        this.running.push(messages);
        this.loops.push(this.drain(definition, messages, handler));
      }
      callback();
    } catch (error) {
      callback(error);
    }
  }

  async close(): Promise<void> {
    for (const messages of this.running.splice(0)) await messages.close();
    await Promise.allSettled(this.loops.splice(0));
  }

  on(): never {
    throw new Error('JetStreamServer emits no events');
  }

  unwrap<T>(): T {
    return this.options.nats as T;
  }

  private async subscribe(definition: ConsumerDefinition): Promise<ConsumerMessages> {
    const { nats, topology } = this.options;
    const stream = topology.stream(definition.stream);
    const manager = await jetstreamManager(nats);
    const config = {
      durable_name: definition.durable,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      filter_subject: topology.subject(definition.filterSubject),
      max_deliver: definition.maxDeliveries ?? consumerDefaults.maxDeliveries,
      ack_wait: (definition.ackWaitMs ?? consumerDefaults.ackWaitMs) * 1_000_000,
    };
    try {
      await manager.consumers.info(stream, definition.durable);
      await manager.consumers.update(stream, definition.durable, {
        filter_subject: config.filter_subject,
        max_deliver: config.max_deliver,
        ack_wait: config.ack_wait,
      });
    } catch {
      await manager.consumers.add(stream, config);
    }
    const consumer = await jetstream(nats).consumers.get(stream, definition.durable);
    return consumer.consume({ max_messages: 256 });
  }

  private async drain(definition: ConsumerDefinition, messages: ConsumerMessages, handler: MessageHandler) {
    for await (const message of messages) {
      await this.handle(definition, message, handler);
    }
  }

  private async handle(
    definition: ConsumerDefinition,
    message: JsMsg,
    handler: MessageHandler,
  ): Promise<void> {
    const subject = this.options.topology.contractSubject(message.subject);
    const parent = extractTraceContext(message.headers);
    const metrics = messagingMetrics.labels(definition.durable);
    await tracer.startActiveSpan(
      `${subject} process`,
      {
        kind: SpanKind.CONSUMER,
        attributes: {
          'messaging.system': 'nats',
          'messaging.consumer.group.name': definition.durable,
          'messaging.destination.name': message.subject,
        },
      },
      parent,
      async (span) => {
        let event: Envelope;
        try {
          event = decodeEvent(message.json());
        } catch (error) {
          span.setStatus({ code: SpanStatusCode.ERROR, message: String(error) });
          await this.deadLetter(definition, message, 'invalidMessage', error);
          metrics.deadLettered.inc();
          span.end();
          return;
        }
        try {
          const result: unknown = await handler(event, new JetStreamContext([message, subject]));
          await lastValueFrom(this.transformToObservable(result), { defaultValue: undefined });
          message.ack();
          metrics.acked.inc();
        } catch (error) {
          span.recordException(error as Error);
          span.setStatus({ code: SpanStatusCode.ERROR, message: String(error) });
          const deliveryCount = message.info.deliveryCount;
          this.options.onFailure?.({ consumer: definition.durable, subject, deliveryCount, error });
          if (deliveryCount >= (definition.maxDeliveries ?? consumerDefaults.maxDeliveries)) {
            await this.deadLetter(definition, message, 'maxDeliveriesReached', error);
            metrics.deadLettered.inc();
          } else {
            message.nak(redeliveryDelayMs(deliveryCount));
            metrics.failed.inc();
          }
        } finally {
          span.end();
        }
      },
    );
  }

  /** Records why the message was given up on, then terminates it so it is never redelivered. */
  private async deadLetter(
    definition: ConsumerDefinition,
    message: JsMsg,
    reason: 'invalidMessage' | 'maxDeliveriesReached',
    error: unknown,
  ): Promise<void> {
    const data = {
      consumer: definition.durable,
      stream: definition.stream,
      streamSequence: message.info.streamSequence,
      subject: this.options.topology.contractSubject(message.subject),
      deliveryCount: message.info.deliveryCount,
      reason,
      error: error instanceof InvalidMessageError || error instanceof Error ? error.message : String(error),
      payload: message.string().slice(0, 65_536),
    };
    await this.options.publisher.publish(
      {
        // Derived from the message's place in its stream, so a retried dead-lettering is stored once.
        id: stableUuid(`${definition.stream}:${definition.durable}:${data.streamSequence}`),
        type: DeadLetterRecorded.type,
        schemaVersion: DeadLetterRecorded.schemaVersion,
        occurredAt: new Date().toISOString(),
        source: definition.durable.split('--')[0] ?? definition.durable,
        correlationId: randomUUID(),
        data,
      },
      context.active(),
    );
    message.term(reason);
  }
}
