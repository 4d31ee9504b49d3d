import {
  decodeEvent,
  DeadletterMessageRecorded,
  InvalidMessageError,
  type BridgeEvent,
} from '@bridge/contracts';
import {
  AckPolicy,
  DeliverPolicy,
  jetstream,
  jetstreamManager,
  type Consumer,
  type ConsumerMessages,
  type JsMsg,
} from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import type { CustomTransportStrategy, MessageHandler } from '@nestjs/microservices';
import { BaseRpcContext, Server } from '@nestjs/microservices';
import { inCausedSpan, recordFailure, traceAttributes, traceCarrierOf } from '@bridge/telemetry';
import { context, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import { randomUUID } from 'node:crypto';
import { untilAnswered } from './connection';
import { stableUuid } from './stable-uuid';
import { lastValueFrom } from 'rxjs';
import {
  consumerDefaults,
  redeliveryDelayMs,
  type ConsumerDefinition,
  type ReceivedEvent,
} from './consumer-definition';
import { messagingMetrics, watchConsumers } from './metrics';
import { StallBreaker } from './stall-breaker';
import type { EventPublisher } from './publisher';
import { extractTraceContext } from './trace-headers';
import type { Topology } from './topology';

const tracer = trace.getTracer('@bridge/messaging');

/** A message of a batch with its validated event. */
interface Received {
  readonly message: JsMsg;
  readonly event: ReceivedEvent;
}

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

/** What a batch handler gets besides its events. */
export class JetStreamBatchContext {
  /**
   * @param waiting Messages of this consumer already on their way when the batch was handed over (received but
   * not in the batch, or still held by the server): more is coming, a handler may defer what the next batch would
   * redo.
   */
  constructor(readonly waiting: number) {}
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
  /** The streams that keep the latest messages per object: those that drop messages their consumers may hold. */
  private readonly keyed: ReadonlySet<string>;

  constructor(private readonly options: JetStreamServerOptions) {
    super();
    this.keyed = new Set(
      options.topology.streams.filter((s) => s.maxMessagesPerSubject !== undefined).map((s) => s.name),
    );
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      const definitions: ConsumerDefinition[] = [];
      for (const [pattern, handler] of this.messageHandlers) {
        const parsed = JSON.parse(pattern) as ConsumerDefinition;
        // Nest's route of a pattern spells an array as an object keyed by its indexes.
        const definition = { ...parsed, ...(parsed.ignores && { ignores: Object.values(parsed.ignores) }) };
        const { consumer, messages } = await untilAnswered(
          () => this.subscribe(definition),
          (error) => {
            this.logger.warn(
              `consumer ${definition.durable}: no answer from NATS yet (${String(error)}), trying again`,
            );
          },
        );
        definitions.push(definition);
        this.running.push(messages);
        this.loops.push(this.drain(definition, consumer, messages, handler));
      }
      watchConsumers(this.options.nats, this.options.topology, definitions);
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

  private async subscribe(
    definition: ConsumerDefinition,
  ): Promise<{ consumer: Consumer; messages: ConsumerMessages }> {
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
    return {
      consumer,
      messages: await consumer.consume({ max_messages: Math.max(256, definition.maxBatch ?? 0) }),
    };
  }

  /**
   * Hands the consumer's messages to its handler: one at a time, or in batches of whatever has arrived. The
   * iterator's own count of buffered messages is unreliable (status callbacks skew it), so a pump moves messages
   * into a queue that the handler empties whenever it is free; the pump pauses at two full batches, which keeps the
   * client from pulling further ahead and still shows a batch handler that more is waiting. On the streams that
   * drop messages, a StallBreaker adds what it pulls to the same queue.
   */
  private async drain(
    definition: ConsumerDefinition,
    consumer: Consumer,
    messages: ConsumerMessages,
    handler: MessageHandler,
  ) {
    const take = definition.maxBatch ?? 1;
    const queue: JsMsg[] = [];
    const arrived = new Wakeup();
    const taken = new Wakeup();
    const breaker = this.stallBreakerOf(definition, consumer, (message) => {
      queue.push(message);
      arrived.notify();
    });
    breaker?.start();
    let ended = false;
    const pump = (async () => {
      try {
        for await (const message of messages) {
          breaker?.setIdle(false);
          queue.push(message);
          arrived.notify();
          while (queue.length >= 2 * take) await taken.wait();
        }
      } finally {
        ended = true;
        arrived.notify();
      }
    })();
    // Its failure surfaces at `await pump` below, once the queue is drained; not as an unhandled rejection first.
    pump.catch(() => undefined);
    while (queue.length > 0 || !ended) {
      if (queue.length === 0) {
        breaker?.setIdle(true);
        await arrived.wait();
        continue;
      }
      breaker?.setIdle(false);
      const batch = queue.splice(0, take);
      taken.notify();
      if (!definition.maxBatch) {
        for (const message of batch) await this.handleOne(definition, message, handler);
        continue;
      }
      // Already on their way: received and not handed over yet, and what the server still holds for us.
      const waiting = queue.length + (batch.at(-1)?.info.pending ?? 0);
      await this.handleBatch(definition, batch, handler, new JetStreamBatchContext(waiting));
    }
    breaker?.stop();
    await pump;
  }

  /** A StallBreaker for a consumer of a stream that drops messages (ADR 0016); none for the others. */
  private stallBreakerOf(
    definition: ConsumerDefinition,
    consumer: Consumer,
    enqueue: (message: JsMsg) => void,
  ): StallBreaker | undefined {
    if (!this.keyed.has(definition.stream)) return undefined;
    return new StallBreaker(consumer, () => consumer.info(), enqueue, {
      checkMs: Math.min(definition.ackWaitMs ?? consumerDefaults.ackWaitMs, 10_000),
      onStall: (held) => {
        this.logger.warn(
          `consumer ${definition.durable}: idle while NATS holds ${held} messages for it; pulling them ` +
            '(NATS before 2.11 stalls consumers after a restart: upgrade it)',
        );
      },
    });
  }

  private async handleOne(definition: ConsumerDefinition, message: JsMsg, handler: MessageHandler) {
    if (this.ignored(definition, message)) return this.acked(definition, [message]);
    const subject = this.options.topology.contractSubject(message.subject);
    await tracer.startActiveSpan(
      `${subject} process`,
      { kind: SpanKind.CONSUMER, attributes: this.spanAttributes(definition, message.subject) },
      extractTraceContext(message.headers),
      async (span) => {
        try {
          const event = await this.decode(definition, message, span);
          if (!event) return;
          await this.invoke(handler, event, new JetStreamContext([message, subject]));
          this.acked(definition, [message]);
        } catch (error) {
          recordFailure(span, error);
          await this.failed(definition, message, error);
        } finally {
          span.end();
        }
      },
    );
  }

  private async handleBatch(
    definition: ConsumerDefinition,
    messages: readonly JsMsg[],
    handler: MessageHandler,
    context: JetStreamBatchContext,
  ) {
    const received: Received[] = [];
    for (const message of messages) {
      if (this.ignored(definition, message)) {
        this.acked(definition, [message]);
        continue;
      }
      const event = await this.decode(definition, message);
      if (event) received.push({ message, event: this.receivedEvent(message, event) });
    }
    if (received.length === 0) return;
    if (await this.handleReceived(definition, received, handler, context)) return;
    // A failed batch is handled again message by message, so one bad message fails (and is dead-lettered) alone.
    if (received.length > 1)
      for (const one of received) await this.handleReceived(definition, [one], handler, context);
  }

  /** Hands decoded messages to the handler in one span; acks them, or (a lone one) fails it. True when handled. */
  private async handleReceived(
    definition: ConsumerDefinition,
    received: readonly Received[],
    handler: MessageHandler,
    context: JetStreamBatchContext,
  ): Promise<boolean> {
    // A lone message continues its producer's trace, as with @JetStreamConsumer; a batch of several has many
    // parents, so it starts a trace linked to each producer's span.
    const only = received.length === 1 ? received[0] : undefined;
    return inCausedSpan(
      `${only ? only.event.subject : definition.filterSubject} process`,
      received.map((r) => r.event.trace),
      {
        kind: SpanKind.CONSUMER,
        attributes: {
          ...this.spanAttributes(definition, only ? only.message.subject : definition.filterSubject),
          [traceAttributes.messagingBatchCount]: received.length,
        },
      },
      async (span) => {
        try {
          await this.invoke(
            handler,
            received.map((r) => r.event),
            context,
          );
          this.acked(
            definition,
            received.map((r) => r.message),
          );
          return true;
        } catch (error) {
          recordFailure(span, error);
          if (only) await this.failed(definition, only.message, error);
          return false;
        }
      },
    );
  }

  /** The validated event of a message; a message that does not validate is dead-lettered (undefined). */
  private async decode(definition: ConsumerDefinition, message: JsMsg, span?: Span) {
    if (message.info.deliveryCount > 1) messagingMetrics.labels(definition.durable).redelivered.inc();
    try {
      return decodeEvent(message.json());
    } catch (error) {
      span?.setStatus({ code: SpanStatusCode.ERROR, message: String(error) });
      await this.deadLetter(definition, message, 'invalidMessage', error);
      messagingMetrics.labels(definition.durable).deadLettered.inc();
      return undefined;
    }
  }

  private ignored(definition: ConsumerDefinition, message: JsMsg): boolean {
    if (!definition.ignores) return false;
    const subject = this.options.topology.contractSubject(message.subject);
    return definition.ignores.some((ignored) => subject === ignored || subject.startsWith(`${ignored}.`));
  }

  private receivedEvent(message: JsMsg, event: BridgeEvent): ReceivedEvent {
    return {
      event,
      streamSequence: message.info.streamSequence,
      storedAtNanos: message.timestampNanos,
      deliveryCount: message.info.deliveryCount,
      subject: this.options.topology.contractSubject(message.subject),
      trace: traceCarrierOf(extractTraceContext(message.headers)),
    };
  }

  private async invoke(
    handler: MessageHandler,
    data: unknown,
    context: JetStreamContext | JetStreamBatchContext,
  ) {
    const result: unknown = await handler(data, context);
    await lastValueFrom(this.transformToObservable(result), { defaultValue: undefined });
  }

  private acked(definition: ConsumerDefinition, messages: readonly JsMsg[]): void {
    for (const message of messages) message.ack();
    messagingMetrics.labels(definition.durable).acked.inc(messages.length);
  }

  /** A failed delivery: nak with back-off, or dead-letter it once it has used up its deliveries. */
  private async failed(definition: ConsumerDefinition, message: JsMsg, error: unknown): Promise<void> {
    const metrics = messagingMetrics.labels(definition.durable);
    const subject = this.options.topology.contractSubject(message.subject);
    const deliveryCount = message.info.deliveryCount;
    this.options.onFailure?.({ consumer: definition.durable, subject, deliveryCount, error });
    if (deliveryCount >= (definition.maxDeliveries ?? consumerDefaults.maxDeliveries)) {
      await this.deadLetter(definition, message, 'maxDeliveriesReached', error);
      metrics.deadLettered.inc();
    } else {
      message.nak(redeliveryDelayMs(deliveryCount));
      metrics.failed.inc();
    }
  }

  private spanAttributes(definition: ConsumerDefinition, destination: string) {
    return {
      [traceAttributes.messagingSystem]: 'nats',
      [traceAttributes.messagingConsumerGroup]: definition.durable,
      [traceAttributes.messagingDestination]: destination,
    };
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
        type: DeadletterMessageRecorded.type,
        schemaVersion: DeadletterMessageRecorded.schemaVersion,
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

/** Lets one waiter sleep until the other side has news. */
class Wakeup {
  private waiter?: () => void;

  wait(): Promise<void> {
    return new Promise((resolve) => (this.waiter = resolve));
  }

  notify(): void {
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.();
  }
}
