import { type Contribution, rowKeyText } from './contributions';

/**
 * What the projection's rows must change by, summed per row, for a batch of interactions whose contributions moved
 * from `previous` to `next` (each interaction event carries the whole interaction, so the projection keeps each
 * interaction's last contributions and applies only the difference; replaying an event changes nothing).
 */
export class RowDeltas {
  // Summed in place: a batch adds thousands of contributions, and a new object per addition was much of its cost.
  private readonly rows = new Map<string, { -readonly [K in keyof Contribution]: Contribution[K] }>();

  /** Adds the change of one interaction: `next` minus `previous`. */
  change(previous: readonly Contribution[], next: readonly Contribution[]): void {
    for (const c of previous) this.add(c, -1);
    for (const c of next) this.add(c, 1);
  }

  /** The rows that change, in a stable order (row key text); zero changes left out. */
  list(): Contribution[] {
    return [...this.rows.entries()]
      .filter(([, c]) => c.offered !== 0 || c.handled !== 0 || c.handleMs !== 0)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, c]) => ({ ...c }));
  }

  private add(c: Contribution, sign: 1 | -1): void {
    const text = rowKeyText(c);
    const row = this.rows.get(text);
    if (!row) {
      this.rows.set(text, {
        ...c,
        offered: sign * c.offered,
        handled: sign * c.handled,
        handleMs: sign * c.handleMs,
      });
      return;
    }
    row.offered += sign * c.offered;
    row.handled += sign * c.handled;
    row.handleMs += sign * c.handleMs;
  }
}

/** The earliest interval a set of row changes touches (Infinity when none): later than the upload, or late data. */
export function earliestIntervalOf(changes: readonly Contribution[]): number {
  return changes.reduce((earliest, c) => Math.min(earliest, c.intervalStart), Number.POSITIVE_INFINITY);
}
