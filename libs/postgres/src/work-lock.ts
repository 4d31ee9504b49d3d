import { SessionLock, type SessionLockOptions } from './session-lock';

/**
 * A SessionLock for work one instance of a work-sharing service does at a time: the instance polls whether it
 * holds the lock while it does its other work. It waits in the background, and after a loss it waits again
 * instead of exiting, since the service's other work goes on.
 */
export class WorkLock {
  private readonly lock: SessionLock;
  private state: 'idle' | 'waiting' | 'held' = 'idle';
  private released = false;

  constructor(
    options: SessionLockOptions,
    private readonly onLost: (error: unknown) => void,
  ) {
    this.lock = new SessionLock(options);
  }

  /** Whether this process holds the lock now; starts waiting when not. `changed` runs once it is taken or lost. */
  held(changed: () => void): boolean {
    if (this.state === 'idle' && !this.released) this.wait(changed);
    return this.state === 'held';
  }

  /** Frees the lock, or ends the wait for it; the lock is not taken again. */
  async release(): Promise<void> {
    this.released = true;
    this.state = 'idle';
    await this.lock.release();
  }

  private wait(changed: () => void): void {
    this.state = 'waiting';
    this.lock
      .acquire((error) => {
        this.state = 'idle';
        this.onLost(error);
        changed();
      })
      .then(
        () => {
          this.state = 'held';
          changed();
        },
        // Only a release ends the wait.
        () => undefined,
      );
  }
}
