import { eventually, freePort, startHistoricalUpload, type ServiceProcess } from '@bridge/testing';
import { expectedIntervalRows } from './support/expected-intervals';
import {
  makeADayOfTraffic,
  uploadCall,
  uploadCaughtUp,
  uploadedFile,
  type UploadJob,
} from './support/historical-day';
import { startSyncSystem, type SyncSystem } from './support/sync-system';

/**
 * Historical upload end to end (issue 14), every service and both simulators as processes: a seeded day of CIC
 * traffic, made in seconds on the traffic's own clock, becomes the CSV the Genesys Cloud simulator receives, and
 * that file equals row by row the aggregation the test computes from the generator's own record.
 */
const CENTER = { users: 40, workgroups: 4, skills: 4, wrapups: 3, seed: 14 };

describe('historical upload', () => {
  let system: SyncSystem;
  let upload: ServiceProcess;

  beforeAll(async () => {
    system = await startSyncSystem({ label: 'histupload-e2e', center: CENTER });
    await system.converged(120_000);
    upload = await startHistoricalUpload(system.isolation(), await freePort(), system.genesys.baseUrl, {
      GC_RATE_LIMIT_PER_MINUTE: '0',
      HISTORICAL_UPLOAD_SCHEDULE: 'off',
      HISTORICAL_UPLOAD_POLL_MS: '200',
      HISTORICAL_UPLOAD_POLL_MAX_MS: '1000',
    });
  }, 180_000);

  afterAll(async () => {
    await upload?.stop();
    await system?.stop();
  });

  it('uploads a seeded day of traffic as the generator made it, row by row', async () => {
    const made = await makeADayOfTraffic(system);
    await eventually(
      async () => ((await uploadCaughtUp(system, upload.baseUrl, made.length)) ? true : undefined),
      60_000,
    );

    const { job } = (await uploadCall(upload.baseUrl, 'runs', { method: 'POST', body: '{}' })) as {
      job: UploadJob;
    };
    const ended = await eventually(async () => {
      const current = (await uploadCall(upload.baseUrl, `jobs/${job.id}`)) as UploadJob;
      return current.status === 'succeeded' || current.status === 'failed' ? current : undefined;
    }, 60_000);

    expect(ended).toMatchObject({ status: 'succeeded' });
    const { header, rows } = await uploadedFile(system, ended.fileName);
    expect(header).toBe(
      'Interval Start UTC Date,Queue,Media Type,Skill Set,Language,Offered,Interactions Handled,Total Handle Time (Seconds)',
    );
    const expected = expectedIntervalRows(made, await system.center());
    // A day of traffic: hundreds of interactions over many intervals, and the optional columns used.
    expect(made.length).toBeGreaterThan(300);
    expect(new Set(expected.map((line) => line.slice(0, 20))).size).toBeGreaterThan(50);
    expect(expected.some((line) => line.split(',')[3] !== '')).toBe(true);
    expect(rows).toEqual(expected);
  }, 180_000);
});
