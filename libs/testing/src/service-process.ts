import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const workspaceRoot = resolve(__dirname, '../../..');

export interface ServiceProcess {
  readonly name: string;
  readonly baseUrl: string;
  /** What the process printed so far, for failure messages. */
  readonly output: () => string;
  /** SIGTERM and wait for a clean exit; resolves with the exit code. */
  readonly stop: () => Promise<number | null>;
  /** SIGKILL: the crash a test wants to survive. */
  readonly kill: () => Promise<void>;
}

/**
 * How a service's `main.ts` is run: from the TypeScript sources (the default, so a test always runs the code
 * it sits beside), or, with `BRIDGE_RUN=dist`, compiled by `npm run build` as `npm start` and the image run it
 * (benchmarks, whose memory figures must be those of production).
 */
function nodeArguments(main: string): string[] {
  if (process.env['BRIDGE_RUN'] === 'dist') return [compiledMain(main)];
  return ['-r', '@swc-node/register', main];
}

/** Where `npm run build` puts a service's compiled `main.ts` (relative to the workspace root). */
export function compiledMain(main: string): string {
  return `dist/${main.replace(/\.ts$/, '.js')}`;
}

// Children outlive a parent that is interrupted (Ctrl-C on a benchmark, a Jest worker ended) unless it ends them:
// orphaned services would go on holding their ports and the machine's CPU.
const running = new Set<ChildProcess>();
let endedWithParent = false;
function endWithParent(child: ChildProcess): void {
  running.add(child);
  child.once('exit', () => running.delete(child));
  if (endedWithParent) return;
  endedWithParent = true;
  const endAll = () => {
    for (const each of running) each.kill('SIGKILL');
  };
  process.once('exit', endAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
    process.once(signal, () => {
      endAll();
      // Then as if this handler were not here: the signal's default (or another listener's) ends the parent.
      process.kill(process.pid, signal);
    });
}

/** Starts a service as its own process and waits for `GET <baseUrl><ready>` to answer 200. */
export async function startServiceProcess(options: {
  name: string;
  main: string;
  env: Readonly<Record<string, string>>;
  baseUrl: string;
  ready?: string;
  args?: readonly string[];
  timeoutMs?: number;
}): Promise<ServiceProcess> {
  // A failure seen only in CI is diagnosed from what every process printed: BRIDGE_TEST_LOG_DIR keeps it in a
  // file per process, and BRIDGE_TEST_LOG_LEVEL overrides the quiet levels the tests choose.
  const logDir = process.env['BRIDGE_TEST_LOG_DIR'];
  const logLevel = process.env['BRIDGE_TEST_LOG_LEVEL'];
  const child = spawn(process.execPath, [...nodeArguments(options.main), ...(options.args ?? [])], {
    cwd: workspaceRoot,
    env: { ...process.env, LOG_LEVEL: 'info', ...options.env, ...(logLevel ? { LOG_LEVEL: logLevel } : {}) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  endWithParent(child);
  const log = logDir ? logFile(logDir, options.name, child.pid) : undefined;
  let output = '';
  const keep = (chunk: Buffer) => {
    output += chunk.toString();
    log?.write(chunk);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  child.once('exit', () => log?.end());
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const handle: ServiceProcess = {
    name: options.name,
    baseUrl: options.baseUrl,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
    },
  };
  await waitUntilReady(
    child,
    options.baseUrl + (options.ready ?? '/health'),
    // A loaded 2-core machine takes tens of seconds to start one; a service that fails to start exits, which
    // fails the wait at once.
    options.timeoutMs ?? 90_000,
    () => output,
  );
  return handle;
}

function logFile(dir: string, name: string, pid: number | undefined) {
  mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  return createWriteStream(join(dir, `${stamp}-${name}-${pid ?? 'unknown'}.log`));
}

async function waitUntilReady(child: ChildProcess, url: string, timeoutMs: number, output: () => string) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`exited with ${child.exitCode} before it was ready:\n${output()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`not ready at ${url} after ${timeoutMs} ms:\n${output()}`);
}

/** Polls until `probe` returns a value that is not undefined. */
export async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`not reached within ${timeoutMs} ms${last instanceof Error ? `: ${last.message}` : ''}`);
}

// The kernel may hand the same free port to two listen(0) calls in a row, and a port handed out here is often
// bound only later by the child process given it: so no port is handed out twice by one process.
const handedOut = new Set<number>();

/** A TCP port nothing listens on right now, and not handed out before by this process. */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = await unboundPort();
    if (!handedOut.has(port)) {
      handedOut.add(port);
      return port;
    }
  }
}

async function unboundPort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
