// Peak RSS and CPU of historical-upload and sso-idp, the services no other bench measures, under the loads of
// their end-to-end tests, compiled and heap-capped as the image runs them; the figures behind their resource
// requests in deploy/k8s (docs/operations.md, Resources). The sync services are measured beside them.
//
// Run: node -r @swc-node/register bench/resources/resources.bench.ts [--users N] [--logins L] [--concurrency C]
//        [--heap-mib M] [--source] [--progress]
//
// 1. Initial sync of a generated center (N users) with every sync service; historical-upload and sso-idp start.
// 2. A seeded day of CIC traffic (about 430 interactions) into historical-upload's projection, then one upload job.
// 3. L SP-initiated SAML logins through sso-idp, C at a time, each accepted by the Genesys Cloud simulator; any
//    refused are counted by the step that refused them and the reason its page gave.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually, freePort, startHistoricalUpload, type ServiceProcess } from '@bridge/testing';
import {
  makeADayOfTraffic,
  uploadCall,
  uploadCaughtUp,
  type UploadJob,
} from '../../apps/e2e/test/support/historical-day';
import {
  idpSigningKey,
  signInThrough,
  spRegistration,
  startIdpOf,
  type Refusal,
} from '../../apps/e2e/test/support/sso-login';
import { startSyncSystem } from '../../apps/e2e/test/support/sync-system';
import { describeMachine, percentile, printTable, runBench } from '../machine';
import {
  awaitConvergence,
  cpuSeconds,
  numberArg,
  peakRssMiB,
  pidOf,
  useCompiledServices,
} from '../sync/support';

const USERS = numberArg('users', 1_000);
const LOGINS = numberArg('logins', 300);
const CONCURRENCY = numberArg('concurrency', 10);
const AGENT = { id: 'bench.agent', password: 'pw-bench-1', email: 'bench.agent@bench.example' };
const MAINS = {
  'cic-ingestion': 'apps/cic-ingestion/src/main.ts',
  'object-mapping': 'apps/object-mapping/src/main.ts',
  'genesys-delivery': 'apps/genesys-delivery/src/main.ts',
  'historical-upload': 'apps/historical-upload/src/main.ts',
  'sso-idp': 'apps/sso-idp/src/main.ts',
} as const;

async function main(): Promise<void> {
  console.log(describeMachine());
  console.log(useCompiledServices());
  const scratch = mkdtempSync(join(tmpdir(), 'bench-resources-'));
  const key = idpSigningKey(scratch);
  const idpPublicUrl = 'http://sso.bench.invalid';
  const system = await startSyncSystem({
    label: 'benchresources',
    center: {
      users: USERS,
      workgroups: Math.max(5, Math.round(USERS / 50)),
      skills: 20,
      wrapups: 50,
      seed: 7,
    },
    genesysEnv: spRegistration(key.certFile, idpPublicUrl),
  });
  const started: ServiceProcess[] = [];
  try {
    await system.cicCall('/sim/users', 'POST', {
      id: AGENT.id,
      displayName: 'Bench Agent',
      businessEmail: AGENT.email,
      password: AGENT.password,
    });
    const sync = await awaitConvergence(system, 30 * 60_000);
    console.log(
      `initial sync of ${USERS} users: ${((sync.lastAnsweredAtMs - sync.firstCallAtMs) / 1000).toFixed(1)} s`,
    );

    const uploadPort = await freePort();
    const upload = await startHistoricalUpload(system.isolation(), uploadPort, system.genesys.baseUrl, {
      HISTORICAL_UPLOAD_SCHEDULE: 'off',
      HISTORICAL_UPLOAD_POLL_MS: '200',
      HISTORICAL_UPLOAD_POLL_MAX_MS: '1000',
      HISTORICAL_UPLOAD_DIR: join(scratch, 'upload'),
    });
    started.push(upload);
    const idp = await startIdpOf(system, key, idpPublicUrl, join(scratch, 'idp'));
    started.push(idp);

    const made = await makeADayOfTraffic(system);
    await eventually(
      async () => ((await uploadCaughtUp(system, upload.baseUrl, made.length)) ? true : undefined),
      10 * 60_000,
    );
    const { job } = (await uploadCall(upload.baseUrl, 'runs', { method: 'POST', body: '{}' })) as {
      job: UploadJob;
    };
    const ended = await eventually(async () => {
      const current = (await uploadCall(upload.baseUrl, `jobs/${job.id}`)) as UploadJob;
      return current.status === 'succeeded' || current.status === 'failed' ? current : undefined;
    }, 5 * 60_000);
    console.log(`${made.length} interactions projected; upload job ${ended.status}`);

    const times: number[] = [];
    const refusals = new Map<string, number>();
    let next = 0;
    const loadBefore = loadavg()[0] ?? NaN;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < LOGINS) {
          next++;
          const at = performance.now();
          const refusal = await signInThrough(
            system.genesys.baseUrl,
            idp.baseUrl,
            AGENT.id,
            AGENT.password,
          ).then(
            (answer) => ('nameId' in answer ? undefined : refusalKey(answer)),
            (error: unknown) => `no answer\t${causeOf(error)}`,
          );
          times.push(performance.now() - at);
          if (refusal !== undefined) refusals.set(refusal, (refusals.get(refusal) ?? 0) + 1);
        }
      }),
    );
    const refused = [...refusals.values()].reduce((sum, count) => sum + count, 0);
    console.log(
      `${LOGINS} logins, ${CONCURRENCY} at a time: ${refused} refused, p50 ${percentile(times, 50).toFixed(0)} ms, ` +
        `p95 ${percentile(times, 95).toFixed(0)} ms; load average ${loadBefore.toFixed(1)} before, ` +
        `${(loadavg()[0] ?? NaN).toFixed(1)} after`,
    );
    if (refused > 0)
      printTable(
        'refused logins by step and reason (figures in a reason shown as N)',
        [...refusals].map(([key, count]): [string, string, string] => {
          const [step = '', reason = ''] = key.split('\t');
          return [step, String(count), reason];
        }),
      );

    printTable(
      'service: peak RSS (VmHWM), CPU user + system from its start',
      Object.entries(MAINS).map(([name, main]): [string, string, string] => {
        const pid = pidOf(main);
        return [name, `${peakRssMiB(pid).toFixed(0)} MiB`, `${cpuSeconds(pid).toFixed(1)} s`];
      }),
    );
  } finally {
    await Promise.allSettled(started.map((process) => process.stop()));
    await system.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** A refusal's step, status and reason, with the figures that vary between answers (seconds to wait) as N. */
function refusalKey(refusal: Refusal): string {
  return `${refusal.refused} ${refusal.status}\t${refusal.reason.replace(/\d+/g, 'N') || '(no reason given)'}`;
}

/** A failed fetch says only "fetch failed"; its cause names the socket error. */
function causeOf(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error instanceof Error ? error.message : String(error)}${cause}`;
}

runBench(main);
