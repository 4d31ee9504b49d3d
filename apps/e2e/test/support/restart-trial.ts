import {
  startNatsServer,
  startPostgresServer,
  type NatsServerProcess,
  type PostgresServerProcess,
} from '@bridge/testing';
import type { GenesysDump, OrgView } from './expected-org';
import type { SyncSystem } from './sync-system';

/** A private NATS server and Postgres cluster the bridge runs on, so a trial can restart them. */
export interface PrivateServers {
  readonly nats: NatsServerProcess;
  readonly postgres: PostgresServerProcess;
  readonly services: { databaseUrl: string; natsUrl: string };
  readonly dispose: () => Promise<void>;
}

export async function startPrivateServers(): Promise<PrivateServers> {
  const [nats, postgres] = await Promise.all([startNatsServer(), startPostgresServer()]);
  return {
    nats,
    postgres,
    services: { databaseUrl: postgres.url('bridge_test'), natsUrl: nats.url },
    dispose: async () => {
      await Promise.allSettled([nats.dispose(), postgres.dispose()]);
    },
  };
}

/**
 * `nats`: the broker restarted (SIGTERM); `nats-crash`: the broker SIGKILLed; `postgres`: an immediate shutdown (a
 * crash, recovered from the WAL); `none`: the same trial without a fault, the baseline the others compare with.
 */
export type RestartKind = 'nats' | 'nats-crash' | 'postgres' | 'none';

export interface RestartTrial {
  readonly kind: RestartKind;
  /** ms after the bridge started when the server went down */
  readonly at: number;
  /** Genesys users already there when it went down, of how many expected */
  readonly progress: string;
  readonly expected: OrgView;
  readonly actual: OrgView;
  readonly dump: GenesysDump;
  readonly ms: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One restart trial of the initial sync: a fresh bridge for the same center; at a random moment of its first
 * `windowMs` the server of `kind` goes down, stays down `downMs`, and starts again on the same port and store; then
 * the org once it converged. `timeoutMs` bounds the whole trial, the reset included, so that a trial that does not
 * converge fails inside its test's timeout, with what differs and when each step ended. The bridge services keep
 * running throughout, but for cic-ingestion and object-mapping after a PostgreSQL crash: their active lock ends
 * with its session, so they exit (ADR 0014) and are started again here, as their orchestrator would.
 */
export async function restartTrial(
  system: SyncSystem,
  servers: PrivateServers,
  kind: RestartKind,
  label: string,
  next: () => number,
  options: { windowMs: number; downMs?: number; timeoutMs?: number },
): Promise<RestartTrial> {
  const started = Date.now();
  await system.resetBridge(label);
  const bridgeStarted = Date.now();
  await sleep(200 + Math.round(next() * options.windowMs));
  const synced = Object.values((await system.dump()).users).filter((user) => !user.foreign).length;
  const at = Date.now() - bridgeStarted;
  if (kind === 'nats' || kind === 'nats-crash')
    await servers.nats.stop(kind === 'nats' ? 'SIGTERM' : 'SIGKILL');
  if (kind === 'postgres') await servers.postgres.stop('immediate');
  if (kind !== 'none') await sleep(options.downMs ?? 1000);
  if (kind === 'nats' || kind === 'nats-crash') await servers.nats.restart();
  if (kind === 'postgres') {
    await servers.postgres.restart();
    await Promise.all(
      (['cic-ingestion', 'object-mapping'] as const).map(async (name) => {
        await system.service(name).stop();
        await system.start(name);
      }),
    );
  }
  const steps = `reset in ${bridgeStarted - started} ms, ${kind} down at ${at} ms, back at ${Date.now() - bridgeStarted} ms`;
  const left = (options.timeoutMs ?? 120_000) - (Date.now() - started);
  const { expected, actual, dump } = await system.converged(left).catch((error: unknown) => {
    throw new Error(`${steps}; ${error instanceof Error ? error.message : String(error)}`);
  });
  const progress = `${synced}/${Object.keys(expected.users).length}`;
  return { kind, at, progress, expected, actual, dump, ms: Date.now() - started };
}
