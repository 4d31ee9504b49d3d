// Historical upload at scale: interval rows of `--days` × `--queues` × `--media` (a `--fill` share of them
// non-empty, one interaction each, two events per interaction) in the event store. Prints the raw event-store
// scan rate and the projection's rate measured in the same run (target ≥ 0.5×), the CSV build time and size,
// and the process's peak RSS (target ≤ 200 MB: the file is streamed, never whole in memory).
// Small (default): npm run bench historical-upload. Full: node -r @swc-node/register
// bench/historical-upload/historical-upload.bench.ts --days 90 --queues 300 --media 3 --fill 0.26
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
import {
  envelopeToNewEvent,
  migrations as eventStoreMigrations,
  PostgresEventStore,
  type AppendRequest,
} from '@bridge/event-store';
import { INTERVAL_MS, intervalStartOf, uploadWindowAt } from '@bridge/interval-aggregation';
import { openDatabase } from '@bridge/postgres';
import { createIsolation } from '@bridge/testing';
import { IntervalProjectionStore } from '../../apps/historical-upload/src/persistence/interval-projection-store';
import { historicalUploadMigrations } from '../../apps/historical-upload/src/persistence/migrations';
import { IntervalProjection } from '../../apps/historical-upload/src/projection/interval-projection';
import { writeCsvFile } from '../../apps/historical-upload/src/upload/csv-file';
import { describeMachine, printTable } from '../machine';
import { numberArg } from '../sync/support';

const days = numberArg('days', 2);
const queues = numberArg('queues', 20);
const mediaCount = numberArg('media', 3);
const fill = numberArg('fill', 0.26);
const batch = numberArg('batch', 2_000);
const MEDIA: readonly CicMediaType[] = ['call', 'chat', 'email', 'callback'];
const MB = 1024 * 1024;

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

function appendRequest(value: CicInteraction): AppendRequest {
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
  return { streamId: cicInteractionStreamId(value.interactionId), expectedVersion: 'noStream', events };
}

const seconds = (started: bigint) => Number(process.hrtime.bigint() - started) / 1e9;
const peakRssMb = () => Math.round((process.resourceUsage().maxRSS * 1024) / MB);

async function main(): Promise<void> {
  console.log(describeMachine());
  // What the bench process holds before any work (the TypeScript loader, pg, TypeORM), to read the peak against.
  const rssAtStart = peakRssMb();
  console.log(`size: ${days} days × ${queues} queues × ${mediaCount} media, fill ${fill}, batch ${batch}`);
  const isolation = await createIsolation('benchhist');
  const db = await openDatabase({ url: isolation.databaseUrl, schema: isolation.schema }, [
    ...eventStoreMigrations,
    ...historicalUploadMigrations,
  ]);
  const directory = mkdtempSync(join(tmpdir(), 'bench-historical-'));
  try {
    const store = new PostgresEventStore(db, isolation.schema);
    const window = uploadWindowAt(Date.now(), days);
    const intervals = (window.end - window.start) / INTERVAL_MS;
    let seeded = 0;
    let requests: AppendRequest[] = [];
    const seedStarted = process.hrtime.bigint();
    for (let i = 0; i < intervals; i++)
      for (let q = 0; q < queues; q++)
        for (let m = 0; m < mediaCount; m++) {
          const index = (i * queues + q) * mediaCount + m;
          if (!chosen(index)) continue;
          const start = intervalStartOf(window.start + i * INTERVAL_MS);
          requests.push(appendRequest(interaction(String(index), `wg-${q}`, MEDIA[m] ?? 'call', start)));
          seeded++;
          if (requests.length === 1_000) {
            await store.appendMany(requests);
            requests = [];
          }
        }
    if (requests.length > 0) await store.appendMany(requests);
    const seedSeconds = seconds(seedStarted);
    const events = seeded * 2;

    const scanStarted = process.hrtime.bigint();
    for (let position = 0; ;) {
      const read = await store.readAll(position, batch);
      const last = read.at(-1);
      if (!last) break;
      position = last.position;
    }
    const scanRate = events / seconds(scanStarted);

    const projectionStore = new IntervalProjectionStore(db, isolation.schema);
    const projection = new IntervalProjection(projectionStore, {
      warn: (fields, message) => console.warn(message, fields),
    });
    const projectStarted = process.hrtime.bigint();
    for (let position = 0; ;) {
      const read = await store.readAll(position, batch);
      const last = read.at(-1);
      if (!last) break;
      await projection.apply(read);
      position = last.position;
    }
    const projectionRate = events / seconds(projectStarted);
    const rssAfterProjection = peakRssMb();

    const csvStarted = process.hrtime.bigint();
    const name = (key: string) => key;
    const built = await writeCsvFile(
      projectionStore.rows(window),
      { queue: name, skill: name, language: name },
      join(directory, 'bench.csv'),
    );
    const csvSeconds = seconds(csvStarted);

    printTable('historical upload', [
      ['seeded', `${seeded} interactions, ${events} events`, `${seedSeconds.toFixed(1)} s`],
      ['event-store scan (raw)', `${Math.round(scanRate)} events/s`, 'baseline'],
      [
        'projection',
        `${Math.round(projectionRate)} events/s`,
        `${(projectionRate / scanRate).toFixed(2)}× scan (target ≥ 0.5×)`,
      ],
      ['CSV build', `${built.rows} rows, ${(built.size / MB).toFixed(1)} MB`, `${csvSeconds.toFixed(1)} s`],
      [
        'peak RSS',
        `${rssAtStart} MB at start, ${rssAfterProjection} MB after projection`,
        `${peakRssMb()} MB at the end (target ≤ 200 MB)`,
      ],
    ]);
    if (built.rows !== seeded) throw new Error(`expected ${seeded} rows in the CSV, found ${built.rows}`);
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
