// Historical upload at scale: interval rows of `--days` × `--queues` × `--media` (a `--fill` share of them
// non-empty, one interaction each, two events per interaction) in the event store. Prints the raw event-store
// scan rate and the projection's rate measured in the same run (target ≥ 0.5×), the CSV build time and size,
// and the peak RSS of the process doing that work (target ≤ 200 MB: the file is streamed, never whole in memory).
// The work runs in projection.worker.ts, compiled (dist/) under the image's heap cap; this process only seeds.
// Small (default): npm run bench historical-upload. Full: node -r @swc-node/register
// bench/historical-upload/historical-upload.bench.ts --days 90 --queues 300 --media 3 --fill 0.26
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  cicInteractionStreamId,
  CicInteractionStarted,
  CicInteractionWrappedUp,
  type CicInteraction,
  type CicMediaType,
} from '@bridge/contracts';
import { envelopeToNewEvent, migrations as eventStoreMigrations, type NewEvent } from '@bridge/event-store';
import { INTERVAL_MS, intervalStartOf, uploadWindowAt } from '@bridge/interval-aggregation';
import { openDatabase, quoteIdentifier } from '@bridge/postgres';
import { createIsolation } from '@bridge/testing';
import { historicalUploadMigrations } from '../../apps/historical-upload/src/persistence/migrations';
import type { DataSource } from 'typeorm';
import { describeMachine, printTable } from '../machine';
import { numberArg } from '../sync/support';
import type { WorkerInput, WorkerResult } from './projection.worker';

const days = numberArg('days', 2);
const queues = numberArg('queues', 20);
const mediaCount = numberArg('media', 3);
const fill = numberArg('fill', 0.26);
const batch = numberArg('batch', 2_000);
const chunk = numberArg('chunk', 2);
const heapMiB = numberArg('heap-mib', 128);
const MEDIA: readonly CicMediaType[] = ['call', 'chat', 'email', 'callback'];

/** A deterministic share of the rows: the same rows on every run of the same size. */
const chosen = (index: number) => (Math.imul(index + 1, 2654435761) >>> 0) / 2 ** 32 < fill;
const iso = (ms: number) => new Date(ms).toISOString();

function interaction(
  id: string,
  workgroupId: string,
  mediaType: CicMediaType,
  start: number,
): CicInteraction {
  return {
    interactionId: id,
    mediaType,
    direction: 'inbound',
    state: 'ended',
    initiatedAt: iso(start + 60_000),
    segments: [
      {
        workgroupId,
        enteredQueueAt: iso(start + 60_000),
        skills: [],
        holds: [],
        userId: 'agent',
        answeredAt: iso(start + 120_000),
        endedAt: iso(start + 300_000),
        end: { kind: 'disconnected' },
        afterCallWork: { startedAt: iso(start + 300_000), endedAt: iso(start + 330_000) },
      },
    ],
  };
}

/** An event as `append_events` stores it: the next version of its stream. */
interface SeedEvent {
  readonly streamId: string;
  readonly version: number;
  readonly event: NewEvent;
}

/** The two events the interactions service appends for an interaction: queued, then wrapped up. */
function eventsOf(value: CicInteraction): SeedEvent[] {
  const queued = {
    ...value,
    state: 'queued' as const,
    segments: [
      {
        workgroupId: value.segments[0]?.workgroupId ?? '',
        enteredQueueAt: value.initiatedAt,
        skills: [],
        holds: [],
      },
    ],
  };
  const events = [
    { type: CicInteractionStarted.type, interaction: queued },
    { type: CicInteractionWrappedUp.type, interaction: value },
  ].map(({ type, interaction: data }, i) =>
    envelopeToNewEvent({
      id: `00000000-0000-4000-8000-${(Number(value.interactionId) * 2 + i).toString(16).padStart(12, '0')}`,
      type,
      schemaVersion: 1,
      occurredAt: data.initiatedAt,
      source: 'bench',
      correlationId: value.interactionId,
      data: { interaction: data },
    }),
  );
  return events.map((event, i) => ({
    streamId: cicInteractionStreamId(value.interactionId),
    version: i + 1,
    event,
  }));
}

/**
 * Seeding only: writes the rows `append_events` would (ids, streams, versions, types, data, metadata), many
 * thousands per statement, without the append's lock, idempotency and version checks, which a fresh store of
 * fresh streams does not need, so the full size seeds in a fraction of the appends' time.
 */
async function seedEvents(db: DataSource, schema: string, events: readonly SeedEvent[]): Promise<void> {
  const rows = events.map(({ streamId, version, event }) => ({
    id: event.id,
    streamId,
    version,
    type: event.type,
    data: event.data,
    metadata: event.metadata ?? {},
  }));
  await db.transaction(async (tx) => {
    await tx.query('SET LOCAL synchronous_commit = off');
    await tx.query(
      `INSERT INTO ${quoteIdentifier(schema)}.events (event_id, stream_id, stream_version, type, data, metadata)
       SELECT id, "streamId", version, type, data, metadata
       FROM ROWS FROM (jsonb_to_recordset($1::jsonb)
              AS (id uuid, "streamId" text, version integer, type text, data jsonb, metadata jsonb))
            WITH ORDINALITY AS r(id, "streamId", version, type, data, metadata, n)
       ORDER BY n`,
      [JSON.stringify(rows)],
    );
  });
}

const seconds = (started: bigint) => Number(process.hrtime.bigint() - started) / 1e9;

async function main(): Promise<void> {
  console.log(describeMachine());
  console.log(
    `size: ${days} days × ${queues} queues × ${mediaCount} media, fill ${fill}, batch ${batch}, ` +
      `chunk ${chunk} batches, worker heap ≤ ${heapMiB} MiB`,
  );
  const isolation = await createIsolation('benchhist');
  const db = await openDatabase({ url: isolation.databaseUrl, schema: isolation.schema }, [
    ...eventStoreMigrations,
    ...historicalUploadMigrations,
  ]);
  const directory = mkdtempSync(join(tmpdir(), 'bench-historical-'));
  try {
    const window = uploadWindowAt(Date.now(), days);
    const intervals = (window.end - window.start) / INTERVAL_MS;
    let seeded = 0;
    let pending: SeedEvent[] = [];
    // One statement in flight while the next batch is made: Postgres and this process work side by side.
    let writing = Promise.resolve();
    const seedStarted = process.hrtime.bigint();
    for (let i = 0; i < intervals; i++)
      for (let q = 0; q < queues; q++)
        for (let m = 0; m < mediaCount; m++) {
          const index = (i * queues + q) * mediaCount + m;
          if (!chosen(index)) continue;
          const start = intervalStartOf(window.start + i * INTERVAL_MS);
          pending.push(...eventsOf(interaction(String(index), `wg-${q}`, MEDIA[m] ?? 'call', start)));
          seeded++;
          if (pending.length >= 20_000) {
            await writing;
            writing = seedEvents(db, isolation.schema, pending);
            pending = [];
          }
        }
    await writing;
    if (pending.length > 0) await seedEvents(db, isolation.schema, pending);
    // Both reads then find the table as a service would after the appends settled (hint bits set, statistics).
    await db.query(`VACUUM ANALYZE ${quoteIdentifier(isolation.schema)}.events`);
    const seedSeconds = seconds(seedStarted);
    const events = seeded * 2;

    execFileSync(process.execPath, ['tools/build.mjs'], { stdio: 'ignore' });
    const input: WorkerInput = {
      databaseUrl: isolation.databaseUrl,
      schema: isolation.schema,
      window,
      batch,
      chunk,
      csvPath: join(directory, 'bench.csv'),
    };
    const output = execFileSync(
      process.execPath,
      [
        `--max-old-space-size=${heapMiB}`,
        ...(process.argv.includes('--cpu-prof') ? ['--cpu-prof', '--cpu-prof-dir=tmp/profiles'] : []),
        'dist/bench/historical-upload/projection.worker.js',
        JSON.stringify(input),
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20 },
    );
    const result = JSON.parse(output.trim().split('\n').at(-1) ?? '') as WorkerResult;
    const scanRate = result.scanned / result.scanSeconds;
    const projectionRate = result.projected / result.projectSeconds;

    printTable('historical upload', [
      ['seeded (bulk)', `${seeded} interactions, ${events} events`, `${seedSeconds.toFixed(1)} s`],
      ['event-store scan (raw)', `${Math.round(scanRate)} events/s`, 'baseline'],
      [
        'projection',
        `${Math.round(projectionRate)} events/s`,
        `${(projectionRate / scanRate).toFixed(2)}× scan (target ≥ 0.5×)`,
      ],
      [
        'CSV build',
        `${result.csvRows} rows, ${(result.csvBytes / 2 ** 20).toFixed(1)} MB`,
        `${result.csvSeconds.toFixed(1)} s`,
      ],
      [
        'peak RSS (worker)',
        `${result.rss.start} MB at start, ${result.rss.projection} MB after projection`,
        `${result.rss.end} MB at the end (target ≤ 200 MB)`,
      ],
    ]);
    if (result.scanned !== events || result.projected !== events)
      throw new Error(`expected ${events} events, scanned ${result.scanned}, projected ${result.projected}`);
    if (result.csvRows !== seeded)
      throw new Error(`expected ${seeded} rows in the CSV, found ${result.csvRows}`);
  } finally {
    rmSync(directory, { recursive: true, force: true });
    await db.destroy();
    await isolation.dispose();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
