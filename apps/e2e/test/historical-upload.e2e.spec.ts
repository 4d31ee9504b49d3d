import {
  eventually,
  freePort,
  operatorHeaders,
  startHistoricalUpload,
  type ServiceProcess,
} from '@bridge/testing';
import { Client } from 'pg';
import type { MadeInteraction } from './support/expected-conversations';
import { expectedIntervalRows } from './support/expected-intervals';
import { startSyncSystem, type SyncSystem } from './support/sync-system';

/**
 * Historical upload end to end (issue 14), every service and both simulators as processes: a seeded day of CIC
 * traffic, made in seconds on the traffic's own clock, becomes the CSV the Genesys Cloud simulator receives, and
 * that file equals row by row the aggregation the test computes from the generator's own record.
 */
const CENTER = { users: 40, workgroups: 4, skills: 4, wrapups: 3, seed: 14 };
const DAY_MS = 24 * 60 * 60 * 1000;
// Two days back: the day and the lives that run past its midnight are whole intervals before now.
const dayStart = Math.floor(Date.now() / DAY_MS) * DAY_MS - 2 * DAY_MS;
const TRAFFIC = {
  ratePerSecond: 0.005,
  durationS: 86_400,
  seed: 14,
  clock: { startAt: new Date(dayStart).toISOString(), speed: 8_640 },
};

interface Job {
  id: number;
  status: string;
  fileName: string;
  error?: string;
}

describe('historical upload', () => {
  let system: SyncSystem;
  let upload: ServiceProcess;

  const call = async (path: string, init: RequestInit = {}): Promise<unknown> => {
    const response = await fetch(`${upload.baseUrl}/historical-upload/${path}`, {
      ...init,
      headers: operatorHeaders,
    });
    return (await response.json()) as unknown;
  };

  /** Whether the projection has every event of every interaction the traffic made, and none is still open. */
  const caughtUp = async (interactions: number) => {
    const { schema, databaseUrl } = system.isolation();
    const db = new Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      const { rows } = await db.query<{ streams: string; last: string | null; open: string }>(
        `SELECT (SELECT count(DISTINCT stream_id) FROM "${schema}".events
                  WHERE stream_id LIKE 'cic-interaction:%') AS streams,
                (SELECT max(position) FROM "${schema}".events) AS last,
                (SELECT count(*) FROM "${schema}".historical_upload_interactions) AS open`,
      );
      const { position } = (await call('projection')) as { position: number };
      const [row] = rows;
      return (
        Number(row?.streams) === interactions && position >= Number(row?.last) && Number(row?.open) === 0
      );
    } finally {
      await db.end();
    }
  };

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
    await system.cicCall('/sim/traffic', 'POST', TRAFFIC);
    const made = await eventually(async () => {
      const state = (await system.cicCall('/sim/traffic?interactions=true')) as {
        running: boolean;
        made: MadeInteraction[];
      };
      return state.running ? undefined : state.made;
    }, 60_000);
    await eventually(async () => ((await caughtUp(made.length)) ? true : undefined), 60_000);

    const { job } = (await call('runs', { method: 'POST', body: '{}' })) as { job: Job };
    const ended = await eventually(async () => {
      const current = (await call(`jobs/${job.id}`)) as Job;
      return current.status === 'succeeded' || current.status === 'failed' ? current : undefined;
    }, 60_000);

    expect(ended).toMatchObject({ status: 'succeeded' });
    const { imports } = (await system.genesysCall('/sim/wfm')) as {
      imports: { fileName: string; csv: string }[];
    };
    const [header, ...lines] = (imports.find((i) => i.fileName === ended.fileName)?.csv ?? '')
      .trimEnd()
      .split('\n');
    expect(header).toBe(
      'Interval Start UTC Date,Queue,Media Type,Skill Set,Language,Offered,Interactions Handled,Total Handle Time (Seconds)',
    );
    const expected = expectedIntervalRows(made, await system.center());
    // A day of traffic: hundreds of interactions over many intervals, and the optional columns used.
    expect(made.length).toBeGreaterThan(300);
    expect(new Set(expected.map((line) => line.slice(0, 20))).size).toBeGreaterThan(50);
    expect(expected.some((line) => line.split(',')[3] !== '')).toBe(true);
    expect(lines.sort()).toEqual(expected);
  }, 180_000);
});
