import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './service-process';

const run = promisify(execFile);

export interface PostgresServerProcess {
  /** `postgres://postgres@127.0.0.1:<port>/<database>`. */
  readonly url: (database?: string) => string;
  readonly port: number;
  /** `fast`: a clean shutdown that ends every session; `immediate`: a crash, recovered from the WAL at restart. */
  readonly stop: (mode?: 'fast' | 'immediate') => Promise<void>;
  /** Starts the cluster again on the same port and data directory, after `stop`. */
  readonly restart: () => Promise<void>;
  /** Stops the cluster and removes its data directory. */
  readonly dispose: () => Promise<void>;
}

/** The Debian layout first (the machines and CI), then whatever `initdb` is on the PATH. */
function binary(name: string): string {
  const debian = `/usr/lib/postgresql/15/bin/${name}`;
  return existsSync(debian) ? debian : name;
}

/**
 * A private PostgreSQL cluster (initdb into a temporary directory) on a free loopback port, for tests that stop
 * and restart the database without disturbing the machine's own. initdb and postgres refuse to run as root: as
 * root, the cluster belongs to the `postgres` OS user and every command runs as it. Trust authentication, user
 * `postgres`; fsync off (it is only ever stopped, never a machine crash).
 */
export async function startPostgresServer(): Promise<PostgresServerProcess> {
  const port = await freePort();
  const root = mkdtempSync(join(tmpdir(), 'bridge-postgres-'));
  const asRoot = userInfo().uid === 0;
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    chownSync(root, Number(stdout.trim()), Number(gid.trim()));
  }
  const data = join(root, 'data');
  const command = (name: string, args: readonly string[]) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', binary(name), ...args]) : run(binary(name), [...args]);
  const options = [
    ...['-p', String(port), '-k', root, '-c', 'listen_addresses=127.0.0.1'],
    ...['-c', 'fsync=off', '-c', 'max_connections=200'],
  ].join(' ');
  const start = async () => {
    await command('pg_ctl', ['-D', data, '-l', join(root, 'log'), '-o', options, '-w', '-t', '30', 'start']);
  };
  let running = false;
  const stop = async (mode: 'fast' | 'immediate' = 'fast') => {
    if (!running) return;
    running = false;
    await command('pg_ctl', ['-D', data, '-m', mode, '-w', 'stop']);
  };

  await command('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync']);
  await start();
  running = true;
  return {
    url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
    port,
    stop,
    restart: async () => {
      await start();
      running = true;
    },
    dispose: async () => {
      await stop('immediate').catch(() => undefined);
      rmSync(root, { recursive: true, force: true });
    },
  };
}
