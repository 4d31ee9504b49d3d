// The measured part of bench/historical-upload, in a process of its own started from dist/ (tools/build.mjs
// compiles it) under the image's V8 heap cap, so its RSS is that of the service's code, not of the TypeScript
// loader: the raw event-store scan and the projection (through the service's own relay, a batch at a time) take
// the log chunk by chunk in turn, so both see the same machine load; then the CSV build. Prints one JSON line,
// WorkerResult.
import { migrations as eventStoreMigrations, PostgresEventStore } from '@bridge/event-store';
import type { UploadWindow } from '@bridge/interval-aggregation';
import { openDatabase, quoteIdentifier } from '@bridge/postgres';
import { IntervalProjectionStore } from '../../apps/historical-upload/src/persistence/interval-projection-store';
import { historicalUploadMigrations } from '../../apps/historical-upload/src/persistence/migrations';
import { IntervalProjection } from '../../apps/historical-upload/src/projection/interval-projection';
import { intervalsRelay } from '../../apps/historical-upload/src/projection/intervals-relay';
import { writeCsvFile } from '../../apps/historical-upload/src/upload/csv-file';

export interface WorkerInput {
  readonly databaseUrl: string;
  readonly schema: string;
  readonly window: UploadWindow;
  readonly batch: number;
  /** Batches per chunk: the scan reads a chunk, then the projection applies the same events. */
  readonly chunk: number;
  readonly csvPath: string;
}

export interface WorkerResult {
  readonly scanned: number;
  readonly scanSeconds: number;
  readonly projected: number;
  readonly projectSeconds: number;
  readonly csvRows: number;
  readonly csvBytes: number;
  readonly csvSeconds: number;
  /** Peak RSS in MiB: after start (modules loaded, pool open), after the projection, at the end. */
  readonly rss: { readonly start: number; readonly projection: number; readonly end: number };
}

const seconds = (started: bigint) => Number(process.hrtime.bigint() - started) / 1e9;
const peakRssMiB = () => Math.round((process.resourceUsage().maxRSS * 1024) / 2 ** 20);

async function main(input: WorkerInput): Promise<WorkerResult> {
  const db = await openDatabase({ url: input.databaseUrl, schema: input.schema }, [
    ...eventStoreMigrations,
    ...historicalUploadMigrations,
  ]);
  try {
    const store = new PostgresEventStore(db, input.schema);
    const projectionStore = new IntervalProjectionStore(db, input.schema);
    const projection = new IntervalProjection(projectionStore, {
      warn: (fields, message) => console.error(message, fields),
    });
    const relay = intervalsRelay(projection, {
      databaseUrl: input.databaseUrl,
      schema: input.schema,
      dataSource: db,
      batchSize: input.batch,
    });
    const start = peakRssMiB();
    let scanned = 0;
    let scanSeconds = 0;
    let scanPosition = 0;
    let scanDone = false;
    const scanChunk = async () => {
      const started = process.hrtime.bigint();
      for (let i = 0; i < input.chunk && !scanDone; i++) {
        const read = await store.readAll(scanPosition, input.batch);
        const last = read.at(-1);
        if (last) scanPosition = last.position;
        else scanDone = true;
        scanned += read.length;
      }
      scanSeconds += seconds(started);
    };
    let projectSeconds = 0;
    let projectDone = false;
    const projectChunk = async () => {
      const started = process.hrtime.bigint();
      for (let i = 0; i < input.chunk && !projectDone; i++) projectDone = (await relay.relayBatch()) === 0;
      projectSeconds += seconds(started);
    };
    // Both sides read the same chunk of the log in turn, and which goes first alternates: the second finds the
    // chunk's pages in Postgres' buffers.
    for (let round = 0; !scanDone || !projectDone; round++) {
      const [first, second] = round % 2 === 0 ? [scanChunk, projectChunk] : [projectChunk, scanChunk];
      await first();
      await second();
    }
    const afterProjection = peakRssMiB();
    // The relay reads of each batch only the events the projection uses: what it covered is the log up to its
    // cursor.
    const [covered] = await db.query<{ events: number }[]>(
      `SELECT count(*)::int AS events FROM ${quoteIdentifier(input.schema)}.events WHERE position <= $1`,
      [await relay.cursor()],
    );
    const projected = covered?.events ?? 0;

    const csvStarted = process.hrtime.bigint();
    const name = (key: string) => key;
    const built = await writeCsvFile(
      projectionStore.rows(input.window),
      { queue: name, skill: name, language: name },
      input.csvPath,
    );
    return {
      scanned,
      scanSeconds,
      projected,
      projectSeconds,
      csvRows: built.rows,
      csvBytes: built.size,
      csvSeconds: seconds(csvStarted),
      rss: { start, projection: afterProjection, end: peakRssMiB() },
    };
  } finally {
    await db.destroy();
  }
}

main(JSON.parse(process.argv[2] ?? '') as WorkerInput).then(
  (result) => console.log(JSON.stringify(result)),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
