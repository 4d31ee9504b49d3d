import { readFileSync } from 'node:fs';
import {
  credsAuthenticator,
  errors,
  nkeyAuthenticator,
  type Authenticator,
  type ConnectionOptions,
  type NatsConnection,
} from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import type { Topology } from './topology';

export type { NatsConnection } from '@nats-io/nats-core';

/** How a service proves itself to NATS besides the URL's userinfo (`NATS_CREDS_FILE`, `NATS_NKEY_FILE`). */
export interface NatsAuthFiles {
  /** A decentralised-auth credentials file (user JWT and nkey seed), as `nsc` writes it. */
  readonly credsFile?: string;
  /** A file holding an nkey seed (`SU…`). */
  readonly nkeyFile?: string;
  /** The PEM of a private CA that signed the server's certificate. */
  readonly caFile?: string;
}

/**
 * The server address without credentials, and the credentials as connect options: `nats://user:pass@host` is a
 * user and password, `nats://token@host` a token. Keeping them out of `servers` keeps them out of every error
 * message and log line that names the server.
 */
export function natsServerAndCredentials(url: string): {
  server: string;
  options: Pick<ConnectionOptions, 'user' | 'pass' | 'token'>;
} {
  const parsed = new URL(url);
  const user = decodeURIComponent(parsed.username);
  const pass = decodeURIComponent(parsed.password);
  const server = `${parsed.protocol}//${parsed.host}`;
  if (user === '') return { server, options: {} };
  return { server, options: parsed.password === '' ? { token: user } : { user, pass } };
}

function fileAuthenticators(files: NatsAuthFiles): Authenticator[] {
  // Read again at each (re)connect, so a rotated file takes effect without a restart.
  const { credsFile, nkeyFile } = files;
  return [
    ...(credsFile ? [credsAuthenticator(() => readFileSync(credsFile))] : []),
    ...(nkeyFile
      ? [nkeyAuthenticator(() => new TextEncoder().encode(readFileSync(nkeyFile, 'utf8').trim()))]
      : []),
  ];
}

/**
 * Connects to NATS and keeps reconnecting for as long as the process lives: a broker restart pauses the
 * bridge, it never stops it. Credentials come from the URL's userinfo and `auth`'s files; a server that refuses
 * them fails the start with a message naming the server and the settings to check, never the secret.
 */
export async function connectNats(
  url: string,
  name: string,
  auth: NatsAuthFiles = {},
): Promise<NatsConnection> {
  const { server, options } = natsServerAndCredentials(url);
  const authenticators = fileAuthenticators(auth);
  try {
    return await connect({
      servers: server,
      name,
      ...options,
      ...(authenticators.length > 0 ? { authenticator: authenticators } : {}),
      ...(auth.caFile ? { tls: { caFile: auth.caFile } } : {}),
      maxReconnectAttempts: -1,
      reconnectTimeWait: 500,
      waitOnFirstConnect: true,
      // Otherwise every request (each JetStream publish) captures a stack trace up front, in case it fails: a
      // visible share of a publisher's CPU. Failures still name their subject.
      noAsyncTraces: true,
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `NATS at ${server} refused the connection (${reason}); check the credentials in NATS_URL ` +
        '(nats://user:password@host or nats://token@host), NATS_CREDS_FILE and NATS_NKEY_FILE',
      { cause: error },
    );
  }
}

/**
 * Creates the contracts' streams, or brings their configuration up to date; safe for every instance of every
 * service to run at start. A broker restart meanwhile delays it (`onRetry` hears of each attempt that went
 * unanswered), as one before the first connection does.
 */
export async function ensureStreams(
  nats: NatsConnection,
  topology: Topology,
  onRetry: (error: unknown) => void = () => undefined,
): Promise<JetStreamManager> {
  return untilAnswered(() => provisionStreams(nats, topology), onRetry);
}

async function provisionStreams(nats: NatsConnection, topology: Topology): Promise<JetStreamManager> {
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

/** Between unanswered attempts, as between the client's reconnection attempts. */
const retryPauseMs = 500;

/**
 * Runs `work`, JetStream requests that are safe to repeat, until the broker answers them. A request sent while the
 * connection is down, or whose answer a broker restart lost, times out even when the broker is back well before
 * then: at start that would end the process (and only an orchestrator would start it again), where a running
 * service merely pauses for the restart. Any other failure (permissions, a configuration the server refuses)
 * still fails at once.
 */
export async function untilAnswered<T>(
  work: () => Promise<T>,
  onRetry: (error: unknown) => void,
): Promise<T> {
  for (;;) {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof errors.TimeoutError)) throw error;
      onRetry(error);
      await new Promise((resolve) => setTimeout(resolve, retryPauseMs));
    }
  }
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
