/** How long a standby took to take over once its active peer was killed, in ms from the kill. */
export interface Takeover {
  /** Its standby server stopped answering `standby`: it holds the lock and starts the app (ADR 0014). */
  readonly lockTakenMs: number;
  /** Its `/health` answered ok: the app runs and reaches what it depends on. */
  readonly activeMs: number;
}

type Answer = 'standby' | 'ok' | 'other';

async function healthOf(baseUrl: string): Promise<Answer> {
  try {
    const response = await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(1000) });
    const { status } = (await response.json()) as { status?: unknown };
    return status === 'standby' || status === 'ok' ? status : 'other';
  } catch {
    // Refused while the standby server is closed and the app not listening yet: the lock is taken.
    return 'other';
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Watches a standby from `since` (the moment its active peer was killed) until its `/health` says ok. A standby
 * closes its own server once it holds the lock, so the first answer other than `standby` marks the lock taken.
 */
export async function watchTakeover(baseUrl: string, since: number, timeoutMs: number): Promise<Takeover> {
  let lockTakenMs: number | undefined;
  while (Date.now() - since < timeoutMs) {
    const answer = await healthOf(baseUrl);
    const elapsed = Date.now() - since;
    if (answer !== 'standby') lockTakenMs ??= elapsed;
    if (answer === 'ok') return { lockTakenMs: lockTakenMs ?? elapsed, activeMs: elapsed };
    await sleep(25);
  }
  throw new Error(
    `${baseUrl} did not take over within ${timeoutMs} ms (${lockTakenMs === undefined ? 'still standing by' : `lock taken after ${lockTakenMs} ms`})`,
  );
}
