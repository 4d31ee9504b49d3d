import type { NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import type { Topology } from './topology';

export type { NatsConnection } from '@nats-io/nats-core';

/**
 * Connects to NATS and keeps reconnecting for as long as the process lives: a broker restart pauses the
 * bridge, it never stops it.
 */
export function connectNats(url: string, name: string): Promise<NatsConnection> {
  return connect({
    servers: url,
    name,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 500,
    waitOnFirstConnect: true,
    // Otherwise every request (each JetStream publish) captures a stack trace up front, in case it fails: a
    // visible share of a publisher's CPU. Failures still name their subject.
    noAsyncTraces: true,
  });
}

/**
 * Creates the contracts' streams, or brings their configuration up to date; safe for every instance of every
 * service to run at start.
 */
export async function ensureStreams(nats: NatsConnection, topology: Topology): Promise<JetStreamManager> {
  const manager = await jetstreamManager(nats);
  for (const definition of topology.streams) {
    const config = topology.streamConfig(definition);
    try {
      await manager.streams.info(config.name);
      await manager.streams.update(config.name, config);
    } catch (error) {
      if (!isNotFound(error)) throw error;
      await manager.streams.add(config).catch(async (addError: unknown) => {
        // Another instance created it between our info and our add.
        if (!String(addError).includes('already in use')) throw addError;
        await manager.streams.update(config.name, config);
      });
    }
  }
  return manager;
}

function isNotFound(error: unknown): boolean {
  return /not found/i.test(String(error instanceof Error ? error.message : error));
}

/** The `Nats-Msg-Id` of the last message in `stream` (its name in the topology), if the stream holds any. */
export async function lastMessageId(nats: NatsConnection, stream: string): Promise<string | undefined> {
  const manager = await jetstreamManager(nats);
  const { state } = await manager.streams.info(stream);
  if (state.messages === 0) return undefined;
  const message = await manager.streams.getMessage(stream, { seq: state.last_seq });
  return message?.header?.get('Nats-Msg-Id') || undefined;
}
