import type { UploadRunnerOptions } from './upload/upload-runner';
import type { HistoricalUploadConfig } from './config';

/** What the configuration says of the upload runner, in its terms. */
export function uploadRunnerOptions(config: HistoricalUploadConfig): UploadRunnerOptions {
  return {
    historyDays: config.HISTORICAL_UPLOAD_HISTORY_DAYS,
    dailyAt: config.HISTORICAL_UPLOAD_SCHEDULE === 'daily' ? config.HISTORICAL_UPLOAD_DAILY_AT : undefined,
    poll: { firstMs: config.HISTORICAL_UPLOAD_POLL_MS, maxMs: config.HISTORICAL_UPLOAD_POLL_MAX_MS },
    retryMs: config.HISTORICAL_UPLOAD_RETRY_MS,
    directory: config.HISTORICAL_UPLOAD_DIR,
    tickMs: 1_000,
    putTimeoutMs: 10 * 60_000,
    requestTimeoutMs: config.GC_TIMEOUT_MS,
    lockName: `historical-upload:${config.DATABASE_SCHEMA}`,
  };
}
