import type { BridgeEvent, StreamName } from '@bridge/contracts';
import type { TraceCarrier } from '@bridge/telemetry';
import { EventPattern } from '@nestjs/microservices';

/** A durable pull consumer, as its consuming app declares it. */
export interface ConsumerDefinition {
  /** `<consumer-app>--<purpose>`, e.g. `object-mapping--cic-events`. Instances of one app share it. */
  readonly durable: string;
  readonly stream: StreamName;
  /** A contracts subject or wildcard, e.g. `cic.>`; the namespace is added by the transport. */
  readonly filterSubject: string;
  /**
   * Contracts subjects of events under `filterSubject` the handler has no use for (e.g. `mapping.presence.desired`):
   * their messages are acked as they arrive, never decoded or handed over.
   * NATS 2.9 takes one filter subject per consumer, so a consumer of most of a stream's subjects filters the rest
   * itself.
   */
  readonly ignores?: readonly string[];
  /** Deliveries before the message is dead-lettered. Default 5. */
  readonly maxDeliveries?: number;
  /** How long a delivery may take before JetStream redelivers it. Default 30 s. */
  readonly ackWaitMs?: number;
  /**
   * Set by `@JetStreamBatchConsumer`: the handler gets the messages already received, up to this many, as one
   * array. Also the number of messages the client keeps buffered.
   */
  readonly maxBatch?: number;
}

/** One message of a batch, as a `@JetStreamBatchConsumer` handler gets it. */
export interface ReceivedEvent {
  readonly event: BridgeEvent;
  readonly streamSequence: number;
  /**
   * When the stream stored the message (JetStream's timestamp, nanoseconds): it orders a redelivered message
   * against newer ones, and unlike the sequence it keeps growing when a stream is made again.
   */
  readonly storedAtNanos: bigint;
  readonly deliveryCount: number;
  /** The subject as the contracts spell it (without the namespace). */
  readonly subject: string;
  /** The producer's trace context, for work the event causes later (stored, or coalesced with others). */
  readonly trace: TraceCarrier;
}

export const consumerDefaults = { maxDeliveries: 5, ackWaitMs: 30_000 } as const;

/**
 * Marks a Nest method as the handler of a durable JetStream consumer. It receives the decoded, validated event
 * and a JetStreamContext; returning acks, throwing naks with a back-off, and after `maxDeliveries` the message is
 * terminated and recorded as a dead letter.
 */
export function JetStreamConsumer(definition: ConsumerDefinition): MethodDecorator {
  return EventPattern(definition);
}

/**
 * Like `@JetStreamConsumer`, but the handler receives `readonly ReceivedEvent[]`: every message that has already
 * arrived, in stream order, up to `maxBatch` (a lone message comes alone, at once), and a `JetStreamBatchContext`. For consumers whose work per
 * message is mostly a round trip that a batch can share. Returning acks them all; when a batch throws, its
 * messages are handled again one by one, so a message that keeps failing is retried and dead-lettered alone.
 */
export function JetStreamBatchConsumer(
  definition: ConsumerDefinition & { maxBatch: number },
): MethodDecorator {
  return EventPattern(definition);
}

/** Redelivery delay after the n-th failed delivery: 1 s, 2 s, 4 s … capped at 30 s. */
export function redeliveryDelayMs(deliveryCount: number): number {
  return Math.min(30_000, 1000 * 2 ** Math.max(0, deliveryCount - 1));
}
