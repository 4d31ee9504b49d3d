/** What the browser is told over server-sent events: the page decides what to redraw. */
export type LiveTopic = 'health' | 'status' | 'activity' | 'reprovision';

type Listener = (topic: LiveTopic, data: unknown) => void;

/**
 * The console's in-process fan-out from the projection and the status poller to every open event stream. Bursts
 * of one topic are coalesced: at most one message per topic and interval, carrying the newest data.
 */
export class LiveUpdates {
  private readonly listeners = new Set<Listener>();
  private readonly pending = new Map<LiveTopic, () => unknown>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly intervalMs = 500) {}

  /** Announces that `topic` changed; `data` is read when the message goes out, so it is the newest. */
  changed(topic: LiveTopic, data: () => unknown): void {
    if (this.listeners.size === 0) return;
    this.pending.set(topic, data);
    this.timer ??= setTimeout(() => this.flush(), this.intervalMs);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    clearTimeout(this.timer);
    this.listeners.clear();
  }

  private flush(): void {
    this.timer = undefined;
    const due = [...this.pending];
    this.pending.clear();
    for (const [topic, data] of due) {
      const value = data();
      for (const listener of this.listeners) listener(topic, value);
    }
  }
}
