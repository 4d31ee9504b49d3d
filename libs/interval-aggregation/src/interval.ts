/** WFM's interval: the CSV's `Interval Start UTC Date` must fall on :00, :15, :30 or :45 with zero seconds. */
export const INTERVAL_MS = 15 * 60 * 1000;

/** The start of the 15-minute UTC interval holding the instant (ms since the epoch). */
export function intervalStartOf(ms: number): number {
  return Math.floor(ms / INTERVAL_MS) * INTERVAL_MS;
}

/** The CSV spelling of an interval start: `YYYY-MM-DDThh:mm:00Z` (no milliseconds). */
export function intervalLabel(startMs: number): string {
  return new Date(startMs).toISOString().replace('.000Z', 'Z');
}
