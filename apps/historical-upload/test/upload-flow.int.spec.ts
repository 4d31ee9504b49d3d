import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MappingQueueDesired } from '@bridge/contracts';
import {
  createIsolation,
  eventually,
  freePort,
  operatorHeaders,
  startDelivery,
  startGenesysSimulator,
  startHistoricalUpload,
  type Isolation,
  type ServiceProcess,
} from '@bridge/testing';
import { connectNats, ensureStreams, EventPublisher, Topology, type NatsConnection } from '@bridge/messaging';
import { aCall, anEnvelope, InteractionLog } from './support/interactions';

/**
 * historical-upload as a process, with genesys-delivery and the Genesys Cloud simulator, on real Postgres and
 * NATS: interactions in the event store become the CSV the simulator receives; a rebuild by replay gives the same
 * bytes; a kill -9 at each step of the upload flow still ends in exactly one import per job; a file the
 * simulator refuses fails the job with its reasons, and the next run succeeds.
 */
interface Job {
  id: number;
  status: string;
  fileName: string;
  rowCount?: number;
  error?: string;
  omitted?: { workgroups: Record<string, number> };
  history: { status: string; note: string }[];
}
interface SimImport {
  requestId: string;
  fileName: string;
  status: string;
  error?: string;
  csv: string;
}

let isolation: Isolation;
let sim: ServiceProcess;
let delivery: ServiceProcess;
let upload: ServiceProcess;
let uploadPort: number;
let log: InteractionLog;
let nats: NatsConnection;
let publisher: EventPublisher;
const directory = mkdtempSync(join(tmpdir(), 'historical-upload-test-'));

const day = new Date(Date.now() - 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
const at = (time: string) => `${day}T${time}Z`;

const call = (path: string, init: RequestInit = {}) =>
  fetch(`${upload.baseUrl}/historical-upload/${path}`, { ...init, headers: operatorHeaders });
const jobs = async () => (await (await call('jobs')).json()) as Job[];
const jobById = async (id: number) => (await (await call(`jobs/${id}`)).json()) as Job;
const simImports = async () =>
  ((await (await fetch(`${sim.baseUrl}/sim/wfm`)).json()) as { imports: SimImport[] }).imports;
const faultsMatched = async () =>
  ((await (await fetch(`${sim.baseUrl}/sim/faults`)).json()) as { matched: number }[]).reduce(
    (sum, f) => sum + f.matched,
    0,
  );
const simQueues = async () =>
  Object.values(
    (
      (await (await fetch(`${sim.baseUrl}/sim/state`)).json()) as {
        org: { queues: Record<string, { name: string }> };
      }
    ).org.queues,
  ).map((q) => q.name);

/** Names a workgroup's queue as object-mapping would; genesys-delivery creates or renames it in Genesys. */
const publishQueue = (key: string, name: string) =>
  publisher.publish(
    anEnvelope(MappingQueueDesired, {
      key,
      state: 'present',
      document: { name, memberKeys: [], wrapUpCodeKeys: [] },
    }),
  );

async function caughtUp(): Promise<void> {
  const last = await log.lastPosition();
  await eventually(async () => {
    const { position } = (await (await call('projection')).json()) as { position: number };
    return position >= last ? true : undefined;
  });
}

async function runToEnd(): Promise<Job> {
  const started = await call('runs', { method: 'POST', body: '{}' });
  expect(started.status).toBe(202);
  const { job } = (await started.json()) as { job: Job };
  return finished(job.id);
}

const finished = (id: number, timeoutMs = 45_000) =>
  eventually(async () => {
    const job = await jobById(id);
    return job.status === 'succeeded' || job.status === 'failed' ? job : undefined;
  }, timeoutMs);

const restartUpload = async () => {
  upload = await startHistoricalUpload(isolation, uploadPort, sim.baseUrl, {
    HISTORICAL_UPLOAD_DIR: directory,
    HISTORICAL_UPLOAD_POLL_MS: '200',
    HISTORICAL_UPLOAD_POLL_MAX_MS: '1000',
    HISTORICAL_UPLOAD_RETRY_MS: '200',
  });
};

beforeAll(async () => {
  isolation = await createIsolation('histupload');
  const [simPort, deliveryPort] = [await freePort(), await freePort()];
  uploadPort = await freePort();
  sim = await startGenesysSimulator(simPort);
  [delivery] = await Promise.all([startDelivery(isolation, deliveryPort, sim.baseUrl), restartUpload()]);
  log = await InteractionLog.open(isolation);
  nats = await connectNats(isolation.natsUrl, 'historical-upload-test');
  const topology = new Topology(isolation.namespace);
  await ensureStreams(nats, topology);
  publisher = new EventPublisher(nats, topology);
  await publishQueue('Support', 'Support');
  await eventually(async () => ((await simQueues()).includes('Support') ? true : undefined));
}, 90_000);

afterAll(async () => {
  await Promise.all([upload?.stop(), delivery?.stop(), sim?.stop()]);
  await nats?.close();
  await log?.close();
  await isolation?.dispose();
});

const supportCall = (id: string, enteredAt: string, answeredAt: string, endedAt: string) =>
  aCall(id, {
    workgroupId: 'Support',
    enteredQueueAt: at(enteredAt),
    answeredAt: at(answeredAt),
    endedAt: at(endedAt),
  });

describe('historical upload', () => {
  let firstCsv: string;

  it('uploads the interval rows of the queues Genesys has, and reports the others', async () => {
    await log.record(supportCall('1001', '09:14:30.000', '09:15:10.000', '09:20:10.000'));
    await log.record(supportCall('1002', '09:16:00.000', '09:17:00.000', '09:18:30.000'));
    await log.record(
      aCall('1003', {
        workgroupId: 'Support',
        enteredQueueAt: at('09:40:00.000'),
        endedAt: at('09:41:00.000'),
      }),
    );
    await log.record(
      aCall('1004', {
        workgroupId: 'Nowhere',
        enteredQueueAt: at('09:40:00.000'),
        endedAt: at('09:41:00.000'),
      }),
    );
    await caughtUp();

    const job = await runToEnd();

    expect(job).toMatchObject({ status: 'succeeded', rowCount: 3, omitted: { workgroups: { Nowhere: 1 } } });
    const imported = (await simImports()).find((i) => i.fileName === job.fileName);
    expect(imported?.status).toBe('Success');
    firstCsv = imported?.csv ?? '';
    expect(firstCsv).toBe(
      [
        'Interval Start UTC Date,Queue,Media Type,Skill Set,Language,Offered,Interactions Handled,Total Handle Time (Seconds)',
        `${day}T09:00:00Z,Support,voice,,,1,0,0`,
        `${day}T09:15:00Z,Support,voice,,,1,2,390`,
        `${day}T09:30:00Z,Support,voice,,,1,0,0`,
        '',
      ].join('\n'),
    );
    expect(job.history.map((h) => h.status)).toEqual([
      'building',
      'built',
      'urlReceived',
      'uploaded',
      'validating',
      'importing',
      'succeeded',
    ]);
  }, 60_000);

  it('uploads nothing new when the window is already imported and no late data came', async () => {
    const answer = await call('runs', { method: 'POST', body: '{}' });
    // Unless an interval boundary passed since: then the window moved and a new job is right.
    if (answer.status === 202) await finished(((await answer.json()) as { job: Job }).job.id);
    else expect(await answer.json()).toMatchObject({ started: false, reason: 'upToDate' });
  }, 60_000);

  it('rebuilds the projection by replay to the same bytes', async () => {
    expect((await call('projection/rebuild', { method: 'POST', body: '{}' })).status).toBe(202);
    await caughtUp();

    const job = await runToEnd();

    expect(job.status).toBe('succeeded');
    expect((await simImports()).find((i) => i.fileName === job.fileName)?.csv).toBe(firstCsv);
  }, 60_000);

  it.each([
    // Each fault holds one request of the step; the kill comes once the simulator has it in hand.
    ['building', { pathPrefix: '/api/v2/routing/languages', method: 'GET', latencyMs: 2_000 }],
    ['built', { pathPrefix: '/api/v2/uploads/workforcemanagement', latencyMs: 2_000 }],
    ['urlReceived', { pathPrefix: '/sim/uploads/', method: 'PUT', latencyMs: 2_000 }],
    // Genesys takes the validate request, and the answer is held back until the service is gone.
    [
      'validating',
      { pathPrefix: '/api/v2/workforcemanagement/historicaldata/validate', answerLatencyMs: 2_000 },
    ],
    ['importing', undefined],
  ])(
    'ends in exactly one import when killed -9 while the job is %s, and the history tells',
    async (status, fault) => {
      // Late data: an interaction of an uploaded interval marks the window dirty, so a run starts a new job.
      await log.record(supportCall(`late-${status}`, '10:00:00.000', '10:01:00.000', '10:02:00.000'));
      await caughtUp();
      if (fault)
        await fetch(`${sim.baseUrl}/sim/faults`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ ...fault, remaining: 1 }),
        });
      else
        await fetch(`${sim.baseUrl}/sim/wfm`, {
          method: 'PUT',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ processingMs: 2_000 }),
        });
      const started = await call('runs', { method: 'POST', body: '{}' });
      expect(started.status).toBe(202);
      const { job } = (await started.json()) as { job: Job };
      await eventually(async () => ((await jobById(job.id)).status === status ? true : undefined), 30_000);
      if (fault) await eventually(async () => ((await faultsMatched()) > 0 ? true : undefined), 30_000);
      // The job records its intent to validate before the call: kill it once Genesys has the request, which is
      // the case a restart must recognise (killed before, it simply validates again).
      if (status === 'validating')
        await eventually(async () => {
          const { fileName } = await jobById(job.id);
          return (await simImports()).some((i) => i.fileName === fileName) ? true : undefined;
        }, 30_000);

      await upload.kill();
      await fetch(`${sim.baseUrl}/sim/faults`, { method: 'DELETE' });
      await restartUpload();
      const ended = await finished(job.id);

      await fetch(`${sim.baseUrl}/sim/wfm`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ processingMs: 0 }),
      });
      // The whole job in the message when it did not succeed: its error and history tell why.
      expect(ended).toMatchObject({ status: 'succeeded' });
      const imports = (await simImports()).filter((i) => i.fileName === ended.fileName);
      expect(imports.map((i) => i.status)).toEqual(['Success']);
      expect(
        ended.history.filter((h) => h.status === status && h.note.startsWith('resumed while')),
      ).toHaveLength(1);
      // Killed while its validate request was held up: the restarted job found the import it had started.
      if (status === 'validating')
        expect(ended.history.map((h) => h.note)).toContainEqual(
          expect.stringContaining('found after a restart'),
        );
    },
    60_000,
  );

  it('fails a job with the reasons of a file Genesys refuses; the next run succeeds', async () => {
    await log.record(supportCall('renamed', '11:00:00.000', '11:01:00.000', '11:02:00.000'));
    await caughtUp();
    await fetch(`${sim.baseUrl}/sim/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        pathPrefix: '/api/v2/workforcemanagement/historicaldata/validate',
        latencyMs: 5_000,
        remaining: 1,
      }),
    });
    const started = await call('runs', { method: 'POST', body: '{}' });
    const { job } = (await started.json()) as { job: Job };
    await eventually(async () => ((await jobById(job.id)).status === 'validating' ? true : undefined));
    // The queue is renamed in Genesys after the file was built: the file names a queue Genesys no longer has.
    await publishQueue('Support', 'Support Desk');
    await eventually(async () => ((await simQueues()).includes('Support Desk') ? true : undefined));

    const failed = await finished(job.id);

    expect(failed.status).toBe('failed');
    expect(failed.error).toContain("queue 'Support' does not exist");
    const retried = await runToEnd();
    expect(retried.status).toBe('succeeded');
    expect((await simImports()).find((i) => i.fileName === retried.fileName)?.csv).toContain(
      ',Support Desk,voice,',
    );
    expect((await jobs()).slice(0, 2).map((j) => j.status)).toEqual(['succeeded', 'failed']);
  }, 60_000);
});
