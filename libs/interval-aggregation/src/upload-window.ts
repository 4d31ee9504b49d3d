import { intervalStartOf } from './interval';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The intervals one upload carries: [start, end), both interval boundaries, `end` not after now. */
export interface UploadWindow {
  readonly start: number;
  readonly end: number;
}

/**
 * Each upload replaces the org's active import, so it carries the whole history window: `historyDays` back from
 * the end of the last complete interval. `end` is also the `dateImportEnded` of the import (never in the future).
 */
export function uploadWindowAt(nowMs: number, historyDays: number): UploadWindow {
  const end = intervalStartOf(nowMs);
  return { start: end - historyDays * DAY_MS, end };
}

const compact = (ms: number) =>
  new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');

/**
 * The file name of a job's CSV: unique per job, so a restarted job can find its own import in the import status
 * by name; only letters, digits, `-`, `_` and `.` (Genesys refuses whitespace and `{^}%\`]">/:[~<#|`).
 */
export function uploadFileName(window: UploadWindow, jobId: number): string {
  return `cic-history-${compact(window.start)}-${compact(window.end)}-job${jobId}.csv`;
}
