// Rebuild by replay at scale: `--events` events of a large center's year (its configuration and changes to it,
// agents' status changes, ACD interactions) bulk-loaded into a fresh event store, then in alternating rounds the
// raw scan (a plain SELECT of the same rows, the same batch size, as the event store reads them) and each
// service's rebuild by replay, run compiled (dist/) in its own process as the service runs it: object-mapping's
// (mapping, presence, interaction replication) and historical-upload's (the interval projection), each alone and
// both at once. Targets (issue 18): every projection rebuilt from 1,000,000 events in ≤ 60 s, at ≥ 0.5× the
// raw scan rate, peak RSS ≤ 300 MB.
// Small (default): npm run bench replay. Full: node -r @swc-node/register bench/replay/replay.bench.ts
// --events 1000000 --rounds 3. Replays run with the image's V8 heap cap (--heap-mib, default 128).
import { execFileSync, spawn } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import {
  CicInteractionAlerted,
  CicInteractionAnswered,
  CicInteractionDisconnected,
  CicInteractionStarted,
  CicInteractionWrappedUp,
  cicInteractionStreamId,
  CicSkillChanged,
  CicStatusMessageChanged,
  cicStatusMessageStreamId,
  cicStreamId,
  CicUserChanged,
  CicUserStatusChanged,
  cicUserStatusStreamId,
  CicWorkgroupChanged,
  CicWrapUpCodeChanged,
  type CicInteraction,
  type CicMediaType,
  type CicSegment,
  type CicUser,
  type CicWorkgroup,
  type EventDefinition,
} from '@bridge/contracts';
import { migrations as eventStoreMigrations } from '@bridge/event-store';
import { openDatabase } from '@bridge/postgres';
import { createIsolation } from '@bridge/testing';
import { Client } from 'pg';
import { historicalUploadMigrations } from '../../apps/historical-upload/src/persistence/migrations';
import { describeMachine, median, printTable } from '../machine';
import { numberArg } from '../sync/support';

const EVENTS = numberArg('events', 100_000);
const ROUNDS = numberArg('rounds', 3);
const BATCH = numberArg('batch', 2_000);
/** The V8 heap cap of each replay process: the image's (Dockerfile's NODE_OPTIONS); 0 for none. */
const HEAP_MIB = numberArg('heap-mib', 128);
const USERS = numberArg('users', 10_000);
const WORKGROUPS = 300;
const SKILLS = 200;
const LANGUAGES = 20;
const WRAP_UP_CODES = 500;
const STATUSES = [
  'Available',
  'Available, Follow-up',
  'Away from desk',
  'At Lunch',
  'In a Meeting',
  'Do Not Disturb',
  'Follow Up',
  'Gone Home',
  'On Vacation',
  'Training',
];
const OPEN_INTERACTIONS = 50;
const MEDIA: readonly CicMediaType[] = ['call', 'chat', 'email', 'callback'];
const YEAR_MS = 365 * 24 * 3_600_000;
const INSERT_ROWS = 5_000;
/** `--keep`: leave the seeded schema for profiling the worker by hand (the schema name is printed). */
const KEEP = process.argv.includes('--keep');

/** A deterministic fraction in [0, 1) for event `i`: the same log on every run of the same size. */
const fraction = (i: number, salt = 0) => (Math.imul(i + 1 + salt * 7919, 2654435761) >>> 0) / 2 ** 32;
const iso = (ms: number) => new Date(ms).toISOString();
const eventId = (i: number) => `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
const skillId = (s: number) => `Skill ${s}`;
const workgroupId = (w: number) => `Queue ${w}`;
const userId = (u: number) => `agent.${u}`;

interface Row {
  readonly streamId: string;
  readonly type: string;
  readonly data: unknown;
  readonly at: number;
}

function user(u: number, revision: number): CicUser {
  return {
    id: userId(u),
    displayName: revision === 0 ? `Agent ${u}` : `Agent ${u} (${revision})`,
    businessEmail: `agent.${u}@example.com`,
    phones: { business: `+1317555${String(u).padStart(4, '0')}` },
    skills: [0, 1, 2].map((k) => ({
      skillId: skillId((u * 3 + k) % SKILLS),
      proficiency: (u * 7 + k) % 101,
    })),
  };
}

const membersOf = (w: number, shift: number) =>
  Array.from({ length: USERS }, (_, u) => u)
    .filter((u) => [u, u * 7, u * 13].some((m) => (m + shift) % WORKGROUPS === w))
    .map(userId);

function workgroup(w: number, shift: number): CicWorkgroup {
  return {
    id: workgroupId(w),
    displayName: `Queue ${w}`,
    queueType: 'ACD',
    hasQueue: true,
    isActive: true,
    members: membersOf(w, shift),
    skills: [{ skillId: skillId(w % SKILLS), proficiency: 50 }],
    wrapUpCodes: [0, 1, 2, 3].map((k) => `Wrap ${(w * 4 + k) % WRAP_UP_CODES}`),
  };
}

/** The five events of an ACD interaction, each with the whole interaction as it then stood. */
function interactionStages(n: number, start: number): [EventDefinition, CicInteraction][] {
  const agent = userId(n % USERS);
  const queued: CicSegment = {
    workgroupId: workgroupId(n % WORKGROUPS),
    enteredQueueAt: iso(start),
    skills: [skillId(LANGUAGES + (n % (SKILLS - LANGUAGES)))],
    language: skillId(n % LANGUAGES),
    holds: [],
  };
  const base = {
    interactionId: `10${String(n).padStart(8, '0')}`,
    mediaType: MEDIA[n % MEDIA.length] ?? 'call',
    direction: 'inbound' as const,
    remoteAddress: `+1317444${String(n % 10_000).padStart(4, '0')}`,
    remoteName: `Caller ${n}`,
    initiatedAt: iso(start),
  };
  const alerting = { ...queued, userId: agent, alertingAt: iso(start + 20_000) };
  const connected = { ...alerting, answeredAt: iso(start + 25_000) };
  const ended = {
    ...connected,
    endedAt: iso(start + 250_000),
    end: { kind: 'disconnected' as const },
    afterCallWork: { startedAt: iso(start + 250_000) },
  };
  const disconnected = { disconnectedAt: iso(start + 250_000), disconnectedBy: 'remote' as const };
  return [
    [CicInteractionStarted, { ...base, state: 'queued', segments: [queued] }],
    [CicInteractionAlerted, { ...base, state: 'alerting', segments: [alerting] }],
    [CicInteractionAnswered, { ...base, state: 'connected', segments: [connected] }],
    [CicInteractionDisconnected, { ...base, state: 'afterCallWork', segments: [ended], ...disconnected }],
    [
      CicInteractionWrappedUp,
      {
        ...base,
        state: 'ended',
        segments: [
          {
            ...ended,
            afterCallWork: { startedAt: iso(start + 250_000), endedAt: iso(start + 280_000) },
            wrapUpCode: `Wrap ${n % WRAP_UP_CODES}`,
          },
        ],
        ...disconnected,
      },
    ],
  ];
}

/**
 * The log, in order: the center's configuration as cic-ingestion's first snapshot records it, then a year of
 * changes: about 54% status changes, 40% interaction events (a few dozen interactions open at a time), 6%
 * configuration changes (users renamed, workgroup members moved).
 */
function* centerLog(total: number, started: number): Generator<Row> {
  let at = started;
  const tick = YEAR_MS / total;
  for (let s = 0; s < SKILLS; s++)
    yield {
      streamId: cicStreamId('skill', skillId(s)),
      type: CicSkillChanged.type,
      data: { skill: { id: skillId(s), displayName: `Skill ${s}`, treatAsLanguage: s < LANGUAGES } },
      at,
    };
  for (let c = 0; c < WRAP_UP_CODES; c++)
    yield {
      streamId: cicStreamId('wrapUpCode', `Wrap ${c}`),
      type: CicWrapUpCodeChanged.type,
      data: { wrapUpCode: { id: `Wrap ${c}`, displayName: `Wrap-up ${c}` } },
      at,
    };
  for (const [k, id] of STATUSES.entries())
    yield {
      streamId: cicStatusMessageStreamId(id),
      type: CicStatusMessageChanged.type,
      data: {
        statusMessage: {
          id,
          messageText: id,
          isAcdStatus: k === 0,
          isAfterCallWorkStatus: id === 'Follow Up',
          isDoNotDisturbStatus: id === 'Do Not Disturb',
          isSelectableStatus: true,
          isPersistentStatus: false,
          isForwardStatus: false,
          isAllowFollowUpStatus: k === 1,
          canHaveDate: id === 'On Vacation',
          canHaveTime: false,
        },
      },
      at,
    };
  for (let w = 0; w < WORKGROUPS; w++)
    yield {
      streamId: cicStreamId('workgroup', workgroupId(w)),
      type: CicWorkgroupChanged.type,
      data: { workgroup: workgroup(w, 0) },
      at,
    };
  for (let u = 0; u < USERS; u++)
    yield {
      streamId: cicStreamId('user', userId(u)),
      type: CicUserChanged.type,
      data: { user: user(u, 0) },
      at,
    };
  const open: [EventDefinition, CicInteraction][][] = [];
  let interactions = 0;
  let configChanges = 0;
  for (let i = SKILLS + WRAP_UP_CODES + STATUSES.length + WORKGROUPS + USERS; i < total; i++) {
    at += tick;
    const pick = fraction(i);
    if (pick < 0.54) {
      const u = Math.floor(fraction(i, 1) * USERS);
      yield {
        streamId: cicUserStatusStreamId(userId(u)),
        type: CicUserStatusChanged.type,
        data: {
          userStatus: {
            userId: userId(u),
            statusId: STATUSES[Math.floor(fraction(i, 2) * STATUSES.length)] ?? 'Available',
            loggedIn: true,
            onPhone: false,
            changedAt: iso(at),
          },
        },
        at,
      };
    } else if (pick < 0.94) {
      const slot = i % OPEN_INTERACTIONS;
      let stages = open[slot];
      if (!stages || stages.length === 0) stages = open[slot] = interactionStages(interactions++, at);
      const [definition, interaction] = stages.shift() ?? [];
      if (definition && interaction)
        yield {
          streamId: cicInteractionStreamId(interaction.interactionId),
          type: definition.type,
          data: { interaction },
          at,
        };
    } else if (fraction(i, 3) < 0.7) {
      const u = Math.floor(fraction(i, 4) * USERS);
      yield {
        streamId: cicStreamId('user', userId(u)),
        type: CicUserChanged.type,
        data: { user: user(u, ++configChanges) },
        at,
      };
    } else {
      const w = Math.floor(fraction(i, 5) * WORKGROUPS);
      yield {
        streamId: cicStreamId('workgroup', workgroupId(w)),
        type: CicWorkgroupChanged.type,
        data: { workgroup: workgroup(w, ++configChanges % 3) },
        at,
      };
    }
  }
}

/** The bulk seed: rows straight into the events table with their positions, as the append function stores them. */
async function seed(client: Client, events: string, total: number): Promise<void> {
  const versions = new Map<string, number>();
  let rows: Row[] = [];
  let position = 0;
  const insert = async () => {
    const first = position + 1;
    position += rows.length;
    await client.query(
      `INSERT INTO ${events} (position, event_id, stream_id, stream_version, type, data, metadata, recorded_at)
       SELECT * FROM unnest($1::bigint[], $2::uuid[], $3::text[], $4::integer[], $5::text[], $6::jsonb[],
                            $7::jsonb[], $8::timestamptz[])`,
      [
        rows.map((_, k) => first + k),
        rows.map((_, k) => eventId(first + k)),
        rows.map((row) => row.streamId),
        rows.map((row) => {
          const version = (versions.get(row.streamId) ?? 0) + 1;
          versions.set(row.streamId, version);
          return version;
        }),
        rows.map((row) => row.type),
        rows.map((row) => JSON.stringify(row.data)),
        rows.map((row, k) =>
          JSON.stringify({
            schemaVersion: 1,
            occurredAt: iso(row.at),
            source: 'cic-ingestion',
            correlationId: eventId(first + k),
          }),
        ),
        rows.map((row) => iso(row.at)),
      ],
    );
    rows = [];
  };
  for (const row of centerLog(total, Date.now() - YEAR_MS)) {
    rows.push(row);
    if (rows.length === INSERT_ROWS) await insert();
  }
  if (rows.length > 0) await insert();
  await client.query(`SELECT setval(pg_get_serial_sequence('${events}', 'position'), $1)`, [position]);
  await client.query(`VACUUM ANALYZE ${events}`);
}

/** The raw baseline: the event store's read of the whole log (the same SQL, batch size and driver), rows dropped. */
async function rawScan(client: Client, events: string): Promise<number> {
  const started = process.hrtime.bigint();
  let read = 0;
  for (let position = 0; ;) {
    const { rows } = await client.query<{ position: string }>(
      `SELECT * FROM ${events} WHERE position > $1 ORDER BY position LIMIT $2`,
      [position, BATCH],
    );
    read += rows.length;
    const last = rows.at(-1);
    if (!last) break;
    position = Number(last.position);
  }
  if (read !== EVENTS) throw new Error(`the scan read ${read} events, expected ${EVENTS}`);
  return Number(process.hrtime.bigint() - started) / 1e9;
}

interface Replayed {
  readonly lane: string;
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly peakRssMiB: number;
  readonly events: number;
  readonly [figure: string]: number | string;
}

const worker = 'dist/bench/replay/replay.worker.js';

function replay(lane: 'mapping' | 'intervals', env: NodeJS.ProcessEnv, schema: string, url: string) {
  return new Promise<Replayed>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [worker, '--url', url, '--schema', schema, '--batch', String(BATCH), '--lane', lane],
      { env, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const line = output.split('\n').find((text) => text.startsWith('REPLAY '));
      if (code !== 0 || !line) reject(new Error(`${lane} replay exited ${code}:\n${output}`));
      else resolve(JSON.parse(line.slice('REPLAY '.length)) as Replayed);
    });
  });
}

async function main(): Promise<void> {
  console.log(describeMachine());
  execFileSync(process.execPath, ['tools/build.mjs'], { stdio: 'ignore' });
  const isolation = await createIsolation('benchreplay');
  const db = await openDatabase({ url: isolation.databaseUrl, schema: isolation.schema }, [
    ...eventStoreMigrations,
    ...historicalUploadMigrations,
  ]);
  await db.destroy();
  const client = new Client({ connectionString: isolation.databaseUrl });
  await client.connect();
  const events = `"${isolation.schema}".events`;
  const env = {
    ...process.env,
    ...isolation.env,
    NODE_OPTIONS: HEAP_MIB > 0 ? `--max-old-space-size=${HEAP_MIB}` : '',
  };
  try {
    const seedStarted = process.hrtime.bigint();
    await seed(client, events, EVENTS);
    const seedSeconds = Number(process.hrtime.bigint() - seedStarted) / 1e9;
    const { rows: size } = await client.query<{ size: string }>(
      `SELECT pg_size_pretty(pg_total_relation_size('${events}')) AS size`,
    );
    console.log(
      `seeded ${EVENTS.toLocaleString('en')} events (${size[0]?.size}) in ${seedSeconds.toFixed(0)} s; ` +
        `batch ${BATCH}, replay heap ${HEAP_MIB > 0 ? `≤ ${HEAP_MIB} MiB (the image's)` : 'uncapped'}; load ${loadavg()
          .map((l) => l.toFixed(1))
          .join(' ')} on ${cpus().length} CPUs`,
    );
    const scans: number[] = [];
    const lanes: Record<'mapping' | 'intervals' | 'both', Replayed[]> = {
      mapping: [],
      intervals: [],
      both: [],
    };
    const ratios: Record<'mapping' | 'intervals' | 'both', number[]> = {
      mapping: [],
      intervals: [],
      both: [],
    };
    for (let round = 0; round < ROUNDS; round++) {
      const mapping = await replay('mapping', env, isolation.schema, isolation.databaseUrl);
      const scan = await rawScan(client, events);
      const intervals = await replay('intervals', env, isolation.schema, isolation.databaseUrl);
      const both = await Promise.all([
        replay('mapping', env, isolation.schema, isolation.databaseUrl),
        replay('intervals', env, isolation.schema, isolation.databaseUrl),
      ]);
      const bothReplayed: Replayed = {
        lane: 'both',
        seconds: Math.max(...both.map((r) => r.seconds)),
        cpuSeconds: both.reduce((sum, r) => sum + r.cpuSeconds, 0),
        peakRssMiB: Math.max(...both.map((r) => r.peakRssMiB)),
        events: EVENTS,
      };
      scans.push(scan);
      for (const [lane, replayed] of [
        ['mapping', mapping],
        ['intervals', intervals],
        ['both', bothReplayed],
      ] as const) {
        if (replayed.events !== EVENTS) throw new Error(`${lane} read ${replayed.events} events`);
        lanes[lane].push(replayed);
        ratios[lane].push(scan / replayed.seconds);
      }
      console.log(
        `round ${round + 1}: scan ${scan.toFixed(1)} s, mapping ${mapping.seconds.toFixed(1)} s ` +
          `${JSON.stringify(mapping)}, intervals ${intervals.seconds.toFixed(1)} s ${JSON.stringify(intervals)}, ` +
          `both at once ${bothReplayed.seconds.toFixed(1)} s; load ${loadavg()[0]?.toFixed(1)}`,
      );
    }
    const rate = (seconds: number) => `${Math.round(EVENTS / seconds).toLocaleString('en')} events/s`;
    const scan = median(scans);
    printTable(`replay of ${EVENTS.toLocaleString('en')} events (median of ${ROUNDS} alternating rounds)`, [
      ['measure', 'time', 'rate, ratio to the raw scan, peak RSS, CPU seconds of the replay'],
      ['raw scan (plain SELECT, same batches)', `${scan.toFixed(1)} s`, rate(scan)],
      ...(['mapping', 'intervals', 'both'] as const).map((lane) => {
        const seconds = median(lanes[lane].map((r) => r.seconds));
        return [
          lane === 'both' ? 'both services at once' : `${lane} replay`,
          `${seconds.toFixed(1)} s`,
          `${rate(seconds)}, ${median(ratios[lane]).toFixed(2)} × scan, ` +
            `${Math.max(...lanes[lane].map((r) => r.peakRssMiB))} MiB, ` +
            `${median(lanes[lane].map((r) => r.cpuSeconds)).toFixed(1)} CPU s`,
        ] as const;
      }),
    ]);
  } finally {
    await client.end();
    if (KEEP) console.log(`kept schema ${isolation.schema} at ${isolation.databaseUrl}`);
    else await isolation.dispose();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
