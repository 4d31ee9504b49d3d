import { readHistoricalUploadConfig } from './config';
import { uploadRunnerOptions } from './options';

const required = { GC_CLIENT_ID: 'id', GC_CLIENT_SECRET: 'secret' };

describe('historical-upload settings', () => {
  it('uploads 90 days daily at 02:00 UTC, polling from 10 s up to 15 min, unless told otherwise', () => {
    expect(uploadRunnerOptions(readHistoricalUploadConfig(required))).toMatchObject({
      historyDays: 90,
      dailyAt: '02:00',
      poll: { firstMs: 10_000, maxMs: 900_000 },
    });
  });

  it('has no daily run when the schedule is off', () => {
    const config = readHistoricalUploadConfig({ ...required, HISTORICAL_UPLOAD_SCHEDULE: 'off' });
    expect(uploadRunnerOptions(config).dailyAt).toBeUndefined();
  });

  it('names the bad variable', () => {
    expect(() => readHistoricalUploadConfig({ ...required, HISTORICAL_UPLOAD_DAILY_AT: '25:00' })).toThrow(
      /HISTORICAL_UPLOAD_DAILY_AT/,
    );
    expect(() => readHistoricalUploadConfig({})).toThrow(/GC_CLIENT_ID/);
  });
});
