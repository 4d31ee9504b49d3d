import { forEachStream } from '@bridge/testing';

/**
 * Every stream of a namespace with its messages and last sequence, and every durable consumer with where it
 * stands: for a run that did not converge, whether a missing object's message is on the broker, and whether a
 * consumer acknowledged what its service never applied.
 */
export async function consumerStates(natsUrl: string, namespace: string): Promise<string> {
  const lines: string[] = [];
  try {
    await forEachStream(natsUrl, namespace, async (stream, manager) => {
      const name = stream.config.name;
      lines.push(`${name}: ${stream.state.messages} messages, last sequence ${stream.state.last_seq}`);
      for await (const consumer of manager.consumers.list(name))
        lines.push(
          `  ${consumer.name}: delivered ${consumer.delivered.stream_seq}, ack floor ${consumer.ack_floor.stream_seq}, ` +
            `pending ${consumer.num_pending}, ack pending ${consumer.num_ack_pending}, redelivered ${consumer.num_redelivered}`,
        );
    });
  } catch (error) {
    lines.push(`consumer states not read: ${String(error)}`);
  }
  return lines.join('\n');
}
