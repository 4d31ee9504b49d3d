import { SessionLock } from '@bridge/postgres';
import type { Logger } from '@bridge/telemetry';
import { createServer, type Server } from 'node:http';
import { register } from 'prom-client';

/** Where the lock lives, and the service's address the standby answers on. */
export interface StandbyOptions {
  readonly service: string;
  readonly databaseUrl: string;
  readonly schema: string;
  readonly port: number;
  readonly host: string;
  readonly logger: Logger;
}

/** The lock's name: one active instance per service and deployment (schema) on the database. */
export function activeLockName(service: string, schema: string): string {
  return `active:${schema}:${service}`;
}

/**
 * Stands by until this process is the active instance of its service (ADR 0014), answering `/live` and
 * `/health` meanwhile: a standby is ready, or a rollout would wait forever for the new pod while the old one
 * holds the lock. `/metrics` answers too, so a scrape of a standby is not a target down; every other path
 * answers 503, the operator endpoints being the active instance's. Once active,
 * the standby server is closed so the app can listen on the same port; should the lock's session ever end, the
 * process exits, since another instance may already be active.
 */
export async function standUntilActive(options: StandbyOptions): Promise<void> {
  const { logger } = options;
  const lock = new SessionLock({
    databaseUrl: options.databaseUrl,
    name: activeLockName(options.service, options.schema),
    onWaitError: (error) => logger.warn({ err: error }, 'cannot reach Postgres for the active lock'),
  });
  const stop = () => process.exit(0);
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  let server: Server | undefined;
  await lock.acquire(
    (error) => {
      logger.fatal(
        { err: error },
        `${options.service} lost its active lock: exiting, another instance takes over`,
      );
      process.exit(1);
    },
    // Only a real standby answers as one: an instance that gets the lock at once is ready when its app is.
    async () => {
      server = await listenAsStandby(options);
      logger.info(`${options.service} standing by until no other instance is active`);
    },
  );
  process.off('SIGTERM', stop);
  process.off('SIGINT', stop);
  const standby = server;
  if (standby)
    await new Promise<void>((resolve, reject) =>
      standby.close((error) => (error ? reject(error) : resolve())),
    );
  logger.info(`${options.service} is the active instance`);
}

function listenAsStandby({ port, host }: StandbyOptions): Promise<Server> {
  const server = createServer((request, response) => {
    const path = request.method === 'GET' ? request.url?.split('?')[0] : undefined;
    const answer = (status: number, type: string, body: string) => {
      response.writeHead(status, { 'Content-Type': type, Connection: 'close' });
      response.end(body);
    };
    if (path === '/metrics') void register.metrics().then((text) => answer(200, register.contentType, text));
    else if (path === '/live') answer(200, 'application/json', JSON.stringify({ status: 'ok' }));
    else answer(path === '/health' ? 200 : 503, 'application/json', JSON.stringify({ status: 'standby' }));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}
