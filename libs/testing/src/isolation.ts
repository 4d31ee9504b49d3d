import { randomBytes } from 'node:crypto';
import { JetStreamApiCodes, JetStreamApiError } from '@nats-io/jetstream';
import { Client } from 'pg';
import { localServices } from './local-services';
import { forEachStream } from './namespace-streams';
import { operatorToken, sandboxCredentials } from './sandbox-env';

export interface Isolation {
  readonly databaseUrl: string;
  readonly natsUrl: string;
  /** A fresh Postgres schema for this suite's tables. */
  readonly schema: string;
  /** A fresh NATS namespace (stream and subject prefix) for this suite. */
  readonly namespace: string;
  /**
   * The environment a bridge service needs to run inside this isolation: the database and NATS settings, the
   * simulators' credentials and the operator token (sandbox-env.ts).
   */
  readonly env: Readonly<Record<string, string>>;
  /** Drops the schema and deletes the namespace's streams. */
  readonly dispose: () => Promise<void>;
}

/**
 * Gives an integration suite its own schema and NATS namespace on the shared local services (or on `services`,
 * a private Postgres and NATS the test restarts), so suites running in parallel never see each other's data
 * (DESIGN §5).
 */
export async function createIsolation(
  label: string,
  name = isolationName(label),
  services?: { readonly databaseUrl: string; readonly natsUrl: string },
): Promise<Isolation> {
  const { databaseUrl, natsUrl } = services ?? (await localServices());
  return {
    databaseUrl,
    natsUrl,
    schema: name,
    namespace: name,
    env: {
      DATABASE_URL: databaseUrl,
      DATABASE_SCHEMA: name,
      NATS_URL: natsUrl,
      NATS_NAMESPACE: name,
      ...sandboxCredentials,
      OPERATOR_TOKEN: operatorToken,
    },
    dispose: async () => {
      await dropSchema(databaseUrl, name);
      await deleteStreams(natsUrl, name);
    },
  };
}

/**
 * A fresh schema and namespace name. Take one before `createIsolation` when code that reads its configuration at
 * import time must see it (set `DATABASE_SCHEMA` and `NATS_NAMESPACE` to it first).
 */
export function isolationName(label: string): string {
  return `t_${label
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, 12)
    .toLowerCase()}_${randomBytes(4).toString('hex')}`;
}

/** Postgres's SQLSTATE for a database that does not exist. */
const invalidCatalogName = '3D000';

async function dropSchema(databaseUrl: string, schema: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  try {
    await client.connect();
  } catch (error) {
    // A test that never opened the database (the services create it) has no schema to drop.
    if (error instanceof Error && 'code' in error && error.code === invalidCatalogName) return;
    throw error;
  }
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

async function deleteStreams(natsUrl: string, namespace: string): Promise<void> {
  await forEachStream(natsUrl, namespace, async (stream, manager) => {
    await manager.streams.delete(stream.config.name).catch(unlessStreamNotFound);
  });
}

/** A stream gone between the listing and its delete (another disposer, a broker restart) is what was wanted. */
function unlessStreamNotFound(error: unknown): void {
  if (error instanceof JetStreamApiError && error.code === JetStreamApiCodes.StreamNotFound) return;
  throw error;
}
