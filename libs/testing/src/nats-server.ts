import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect as connectTcp } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './service-process';

export interface NatsServerProcess {
  /** `nats://127.0.0.1:<port>`, without credentials. */
  readonly url: string;
  readonly port: number;
  /** SIGTERM (a clean shutdown) or SIGKILL (a crash); JetStream's store stays for a restart. */
  readonly stop: (signal?: 'SIGTERM' | 'SIGKILL') => Promise<void>;
  /** Starts the server again on the same port and store, after `stop`. */
  readonly restart: () => Promise<void>;
  /** Stops the server and removes its store. */
  readonly dispose: () => Promise<void>;
}

/**
 * A private NATS server with JetStream on a free loopback port, for tests that restart the broker or run it
 * with authentication without disturbing the machine's own. `args` are extra `nats-server` flags
 * (`--user`, `--pass`, `--auth`, `-c <config file>`).
 */
export async function startNatsServer(
  options: { args?: readonly string[] } = {},
): Promise<NatsServerProcess> {
  const port = await freePort();
  const storeDir = mkdtempSync(join(tmpdir(), 'bridge-nats-'));
  const args = ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', storeDir, ...(options.args ?? [])];
  let child: ChildProcess | undefined;

  const start = async () => {
    const started = spawn('nats-server', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let output = '';
    started.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child = started;
    const deadline = Date.now() + 10_000;
    while (!(await listening(port))) {
      if (started.exitCode !== null)
        throw new Error(`nats-server exited with ${started.exitCode}:\n${output}`);
      if (Date.now() > deadline) throw new Error(`nats-server did not listen on ${port}:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const stop = async (signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM') => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill(signal);
    await exited;
  };

  await start();
  return {
    url: `nats://127.0.0.1:${port}`,
    port,
    stop,
    restart: start,
    dispose: async () => {
      await stop();
      rmSync(storeDir, { recursive: true, force: true });
    },
  };
}

function listening(port: number): Promise<boolean> {
  const socket = connectTcp({ host: '127.0.0.1', port });
  return new Promise<boolean>((resolve) => {
    socket.once('connect', () => resolve(true));
    socket.once('error', () => resolve(false));
  }).finally(() => socket.destroy());
}
