import { Client } from 'pg';

export interface SessionLockOptions {
  readonly databaseUrl: string;
  /** Names the lock: one holder per name across every process on the database. */
  readonly name: string;
  /** How often a waiting process asks again, and how often the holder checks its session is alive. */
  readonly pollIntervalMs?: number;
  /** A failed attempt while waiting (Postgres unreachable): waiting goes on. */
  readonly onWaitError?: (error: unknown) => void;
}

/** How often a waiting process asks for the lock unless told otherwise: a takeover waits at most this long. */
export const SESSION_LOCK_POLL_MS = 1000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A Postgres advisory lock held by a session of its own. Postgres frees it the moment that session ends, a
 * killed holder included, so a waiting process takes over within one poll; no lease time to wait out.
 */
export class SessionLock {
  private client?: Client;
  private watch?: NodeJS.Timeout;
  private attempts = 0;

  constructor(private readonly options: SessionLockOptions) {}

  /**
   * Resolves once this process holds the lock. `onLost` runs once should the session end afterwards: the lock
   * is then free for another process, so the caller must stop the work it guards. `onWaiting` runs once, when
   * the first attempt did not get it. A `release` while waiting ends the wait: the promise rejects.
   */
  async acquire(onLost: (error: unknown) => void, onWaiting?: () => Promise<void>): Promise<void> {
    const interval = this.options.pollIntervalMs ?? SESSION_LOCK_POLL_MS;
    const attempt = ++this.attempts;
    const released = () => attempt !== this.attempts;
    let waiting = false;
    const wait = async () => {
      if (!waiting) await onWaiting?.();
      waiting = true;
      await sleep(interval);
    };
    while (!released()) {
      const client = new Client({ connectionString: this.options.databaseUrl, keepAlive: true });
      let failure: Error | undefined;
      client.on('error', (error: Error) => (failure = error));
      try {
        await client.connect();
        while (failure === undefined && !released()) {
          const { rows } = await client.query<{ locked: boolean }>(
            'SELECT pg_try_advisory_lock(hashtext($1)) AS locked',
            [this.options.name],
          );
          if (rows[0]?.locked && !released()) return this.hold(client, onLost, interval);
          if (!released()) await wait();
        }
        if (failure !== undefined) throw failure;
        await client.end();
      } catch (error) {
        this.options.onWaitError?.(error);
        await client.end().catch(() => undefined);
        await wait();
      }
    }
    throw new Error(`the lock ${this.options.name} was released while waiting for it`);
  }

  /** Ends the session, which frees the lock, or ends a wait for it. */
  async release(): Promise<void> {
    this.attempts += 1;
    clearTimeout(this.watch);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private hold(client: Client, onLost: (error: unknown) => void, interval: number): void {
    this.client = client;
    let reported = false;
    const lost = (error: unknown) => {
      if (reported || this.client !== client) return;
      reported = true;
      clearTimeout(this.watch);
      onLost(error);
    };
    client.on('error', lost);
    client.on('end', () => lost(new Error('the session holding the lock ended')));
    // A session cut off without a word (a network partition) is only noticed by using it. The next check is
    // timed from the end of the last: a check slower than the interval (a busy event loop or database) must not
    // overlap the next on the one session, which pg queues and deprecates.
    const check = () => {
      this.watch = setTimeout(() => {
        client.query('SELECT 1').then(() => {
          if (this.client === client && !reported) check();
        }, lost);
      }, interval);
      this.watch.unref();
    };
    check();
  }
}
