import { connect as connectTcp } from 'node:net';

export interface LocalServices {
  /** A database URL for tests (database `bridge_test`, created when missing). */
  readonly databaseUrl: string;
  readonly natsUrl: string;
  /** Stops what this module started (containers); the machine's own services are left running. */
  readonly stop: () => Promise<void>;
}

const defaults = {
  databaseUrl: process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/bridge_test',
  natsUrl: process.env['TEST_NATS_URL'] ?? 'nats://127.0.0.1:4222',
};

function reachable(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  const socket = connectTcp({ host: hostname, port: Number(port) });
  return new Promise<boolean>((resolve) => {
    socket.setTimeout(1000);
    socket.once('connect', () => resolve(true));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => resolve(false));
  }).finally(() => socket.destroy());
}

let services: Promise<LocalServices> | undefined;

/**
 * The Postgres and NATS that integration tests use: the ones on localhost when they answer (always so on the
 * developers' machines and in CI), otherwise containers started with testcontainers where Docker runs.
 */
export function localServices(): Promise<LocalServices> {
  services ??= resolveServices();
  return services;
}

async function resolveServices(): Promise<LocalServices> {
  const [postgresUp, natsUp] = await Promise.all([
    reachable(defaults.databaseUrl),
    reachable(defaults.natsUrl),
  ]);
  if (postgresUp && natsUp) return { ...defaults, stop: async () => undefined };
  try {
    return await startContainers(
      postgresUp ? defaults.databaseUrl : undefined,
      natsUp ? defaults.natsUrl : undefined,
    );
  } catch (error) {
    const missing = [
      postgresUp ? undefined : `PostgreSQL (${defaults.databaseUrl})`,
      natsUp ? undefined : `NATS (${defaults.natsUrl})`,
    ].filter((name) => name !== undefined);
    throw new Error(
      `${missing.join(' and ')} not reachable, and testcontainers could not start them ` +
        `(${error instanceof Error ? error.message : String(error)}); start the local services (README.md).`,
    );
  }
}

async function startContainers(databaseUrl?: string, natsUrl?: string): Promise<LocalServices> {
  const { GenericContainer, Wait } = await import('testcontainers');
  const started: { stop: () => Promise<unknown> }[] = [];
  if (!databaseUrl) {
    const postgres = await new GenericContainer('postgres:15')
      .withEnvironment({ POSTGRES_HOST_AUTH_METHOD: 'trust' })
      .withExposedPorts(5432)
      .withWaitStrategy(Wait.forLogMessage(/ready to accept connections/, 2))
      .start();
    started.push(postgres);
    databaseUrl = `postgres://postgres@${postgres.getHost()}:${postgres.getMappedPort(5432)}/bridge_test`;
  }
  if (!natsUrl) {
    const nats = await new GenericContainer('nats:2.9').withCommand(['-js']).withExposedPorts(4222).start();
    started.push(nats);
    natsUrl = `nats://${nats.getHost()}:${nats.getMappedPort(4222)}`;
  }
  return {
    databaseUrl,
    natsUrl,
    stop: async () => {
      await Promise.all(started.map((container) => container.stop()));
    },
  };
}
