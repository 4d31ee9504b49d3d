import { eventually, operatorHeaders } from '@bridge/testing';
import { Client } from 'pg';
import type { MadeInteraction } from './expected-conversations';
import type { SyncSystem } from './sync-system';

/** One of historical-upload's jobs, as its operator API answers. */
export interface UploadJob {
  id: number;
  status: string;
  fileName: string;
  error?: string;
  history: { at: string; status: string; note?: string }[];
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** An operator call to the historical-upload instance at `baseUrl` (`path` under `/historical-upload/`). */
export async function uploadCall(baseUrl: string, path: string, init: RequestInit = {}): Promise<unknown> {
  const response = await fetch(`${baseUrl}/historical-upload/${path}`, { ...init, headers: operatorHeaders });
  return (await response.json()) as unknown;
}

/**
 * Has the CIC simulator make a seeded day of traffic, two days back so that the day and the lives that run past
 * its midnight are whole intervals before now, in seconds on the traffic's own clock; what the generator made.
 */
export async function makeADayOfTraffic(system: SyncSystem): Promise<MadeInteraction[]> {
  const dayStart = Math.floor(Date.now() / DAY_MS) * DAY_MS - 2 * DAY_MS;
  await system.cicCall('/sim/traffic', 'POST', {
    ratePerSecond: 0.005,
    durationS: 86_400,
    seed: 14,
    clock: { startAt: new Date(dayStart).toISOString(), speed: 8_640 },
  });
  return eventually(async () => {
    const state = (await system.cicCall('/sim/traffic?interactions=true')) as {
      running: boolean;
      made: MadeInteraction[];
    };
    return state.running ? undefined : state.made;
  }, 60_000);
}

/**
 * Whether the projection of the historical-upload instance at `baseUrl` has every event of every interaction the
 * traffic made, and none is still open.
 */
export async function uploadCaughtUp(
  system: SyncSystem,
  baseUrl: string,
  interactions: number,
): Promise<boolean> {
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
    const { position } = (await uploadCall(baseUrl, 'projection')) as { position: number };
    const [row] = rows;
    return Number(row?.streams) === interactions && position >= Number(row?.last) && Number(row?.open) === 0;
  } finally {
    await db.end();
  }
}

/** The CSV file the Genesys simulator received under `fileName`: its header and its rows, sorted. */
export async function uploadedFile(
  system: SyncSystem,
  fileName: string,
): Promise<{ header: string | undefined; rows: string[] }> {
  const { imports } = (await system.genesysCall('/sim/wfm')) as {
    imports: { fileName: string; csv: string }[];
  };
  const [header, ...rows] = (imports.find((i) => i.fileName === fileName)?.csv ?? '').trimEnd().split('\n');
  return { header, rows: rows.sort() };
}
