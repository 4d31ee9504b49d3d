import { jetstreamManager, type JetStreamManager, type StreamInfo } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';

/** Visits every stream of a NATS namespace (`<namespace>_<STREAM>`), on a connection of its own. */
export async function forEachStream(
  natsUrl: string,
  namespace: string,
  visit: (stream: StreamInfo, manager: JetStreamManager) => Promise<void>,
): Promise<void> {
  const nats = await connect({ servers: natsUrl });
  try {
    const manager = await jetstreamManager(nats);
    for await (const stream of manager.streams.list())
      if (stream.config.name.startsWith(`${namespace}_`)) await visit(stream, manager);
  } finally {
    await nats.close();
  }
}
