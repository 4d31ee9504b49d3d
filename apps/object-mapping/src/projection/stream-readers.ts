import { decodeEvent, type BridgeEvent } from '@bridge/contracts';
import { untilAnswered, type NatsConnection, type Topology } from '@bridge/messaging';
import { Logger } from '@nestjs/common';
import { DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { StreamReader } from './mapping-projection';

const logger = new Logger('StreamReader');

/** The projection's StreamReader on this deployment's JetStream streams. */
export function jetStreamReader(nats: NatsConnection, topology: Topology): StreamReader {
  return (options, onEvent) => readStream(nats, topology, options, onEvent);
}

/**
 * Reads a stream with an ordered (ephemeral, unacknowledged) consumer up to the message that was last when the
 * read began, and hands each decoded event with its stream sequence to `onEvent`. Returns that last sequence (0
 * for an empty stream). Messages that do not decode are skipped: the durable consumer dead-letters them.
 */
export async function readStream(
  nats: NatsConnection,
  topology: Topology,
  options: Parameters<StreamReader>[0],
  onEvent: (event: BridgeEvent, sequence: number) => void,
): Promise<number> {
  const stream = topology.stream(options.stream);
  const { lastSequence, messages } = await untilAnswered(
    async () => {
      const info = await (await jetstreamManager(nats)).streams.info(stream);
      if (info.state.messages === 0) return { lastSequence: info.state.last_seq };
      // No subject filter: each stream holds only its producer's subjects, and filter_subjects needs NATS 2.10.
      const consumer = await jetstream(nats).consumers.get(stream, {
        deliver_policy: options.lastPerSubject ? DeliverPolicy.LastPerSubject : DeliverPolicy.All,
      });
      return { lastSequence: info.state.last_seq, messages: await consumer.consume({ max_messages: 1024 }) };
    },
    (error) => logger.warn(`${stream} not read yet, no answer from NATS (${String(error)}): trying again`),
  );
  if (!messages) return lastSequence;
  try {
    for await (const message of messages) {
      let event: BridgeEvent | undefined;
      try {
        event = decodeEvent(message.json());
      } catch {
        event = undefined;
      }
      if (event) onEvent(event, message.seq);
      // pending counts what this consumer has still to deliver; sequences past lastSequence arrived after we
      // began and the durable consumer will bring them.
      if (message.info.pending === 0 || message.seq >= lastSequence) break;
    }
  } finally {
    await messages.close();
  }
  return lastSequence;
}
