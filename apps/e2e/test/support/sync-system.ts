import {
  createIsolation,
  eventually,
  freePort,
  operatorHeaders,
  startServiceProcess,
  type Isolation,
  type ServiceProcess,
} from '@bridge/testing';
import { consumerStates } from './consumer-states';
import {
  actualOrg,
  canonical,
  differenceOf,
  expectedOrg,
  type CicCenter,
  type GenesysDump,
  type OrgView,
} from './expected-org';

/**
 * The whole sync as processes: the CIC simulator (generated center), cic-ingestion, object-mapping,
 * genesys-delivery and the Genesys Cloud simulator, on the real Postgres and NATS with one isolation.
 */
export interface CenterSize {
  users: number;
  workgroups: number;
  skills: number;
  wrapups: number;
  seed: number;
}

export type BridgeService = 'cic-ingestion' | 'object-mapping' | 'genesys-delivery';

export interface SyncSystem {
  readonly isolation: () => Isolation;
  readonly cic: ServiceProcess;
  readonly genesys: ServiceProcess;
  readonly genesysPort: number;
  service(name: BridgeService): ServiceProcess;
  /** Starts a bridge service (again), with the same port and environment, plus `env` on top when given. */
  start(name: BridgeService, env?: Record<string, string>): Promise<ServiceProcess>;
  /** Starts one more instance of a bridge service, on a port of its own; `stop` stops it too. */
  startReplica(name: BridgeService): Promise<ServiceProcess>;
  /**
   * A new bridge for the same center: stops the services, gives them a fresh Postgres schema and NATS namespace,
   * empties the Genesys org, and starts them again (with these delivery variables on top), so the next initial
   * sync starts from nothing without paying for the simulators again.
   */
  resetBridge(label: string, deliveryEnv?: Record<string, string>): Promise<void>;
  cicCall(path: string, method?: string, body?: unknown): Promise<unknown>;
  genesysCall(path: string, method?: string, body?: unknown): Promise<unknown>;
  /** Calls a genesys-delivery operator endpoint with the operator token. */
  deliveryCall(path: string, method?: string, body?: unknown): Promise<unknown>;
  center(): Promise<CicCenter>;
  dump(): Promise<GenesysDump>;
  /**
   * Waits until the Genesys simulator holds exactly what the CIC center maps to; returns both views. Fails naming
   * what still differs.
   */
  converged(timeoutMs: number): Promise<{ expected: OrgView; actual: OrgView; dump: GenesysDump }>;
  stop(): Promise<void>;
}

export interface SyncSystemOptions {
  label: string;
  center: CenterSize;
  genesysEnv?: Record<string, string>;
  deliveryEnv?: Record<string, string>;
  mappingEnv?: Record<string, string>;
  ingestionEnv?: Record<string, string>;
  /** Variables for all three bridge services (e.g. where they export traces). */
  bridgeEnv?: Record<string, string>;
  /** The Postgres and NATS the bridge uses (private servers a test restarts); default: the local ones. */
  services?: { databaseUrl: string; natsUrl: string };
  /** Runs once the Genesys simulator is up and before any bridge service starts (seeding, faults). */
  beforeBridge?: (system: Pick<SyncSystem, 'genesysCall'>) => Promise<void>;
  /**
   * `false`: only the simulators start, and the bridge services with the first `resetBridge`, for suites whose
   * every trial begins with one (a bridge started here would be stopped unused).
   */
  bridge?: boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function call(
  baseUrl: string,
  path: string,
  method = 'GET',
  body?: unknown,
  headers: Readonly<Record<string, string>> = { 'Content-Type': 'application/json' },
): Promise<unknown> {
  const request = () =>
    fetch(`${baseUrl}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  // A kept-alive socket the server closes just as it is reused fails the request before it was sent: a read
  // may go again.
  const response = await request().catch((error: unknown) => {
    if (method !== 'GET') throw error;
    return request();
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  const text = await response.text();
  return text === '' ? undefined : (JSON.parse(text) as unknown);
}

export async function startSyncSystem(options: SyncSystemOptions): Promise<SyncSystem> {
  let isolation = await createIsolation(options.label, undefined, options.services);
  const [cicPort, genesysPort] = [await freePort(), await freePort()];
  const { users, workgroups, skills, wrapups, seed } = options.center;
  // A benchmark's heap cap (NODE_OPTIONS) is for the bridge's services; SIMULATOR_NODE_OPTIONS, when set,
  // replaces it for the simulators, whose records of a long run outgrow it.
  const simulatorOptions = process.env['SIMULATOR_NODE_OPTIONS'];
  const simulatorEnv: Record<string, string> =
    simulatorOptions === undefined ? {} : { NODE_OPTIONS: simulatorOptions };
  const [cic, genesys] = await Promise.all([
    startServiceProcess({
      name: 'cic-simulator',
      main: 'apps/cic-simulator/src/main.ts',
      args: [
        ...['--port', String(cicPort), '--users', String(users), '--workgroups', String(workgroups)],
        ...['--skills', String(skills), '--wrapups', String(wrapups), '--seed', String(seed)],
      ],
      env: { LOG_LEVEL: 'warn', ...simulatorEnv },
      baseUrl: `http://127.0.0.1:${cicPort}`,
      ready: '/sim/state',
      // Generating a 100,000-user center takes a loaded machine minutes.
      timeoutMs: 60_000 + 3 * users,
    }),
    startServiceProcess({
      name: 'genesys-cloud-simulator',
      main: 'apps/genesys-cloud-simulator/src/main.ts',
      env: {
        GC_SIM_PORT: String(genesysPort),
        GC_SIM_RATE_LIMIT_PER_MINUTE: '10000000',
        LOG_LEVEL: 'warn',
        ...simulatorEnv,
        ...options.genesysEnv,
      },
      baseUrl: `http://127.0.0.1:${genesysPort}`,
      ready: '/sim/state',
      timeoutMs: 60_000,
    }),
  ]);
  const cicCall = (path: string, method?: string, body?: unknown) => call(cic.baseUrl, path, method, body);
  const genesysCall = (path: string, method?: string, body?: unknown) =>
    call(genesys.baseUrl, path, method, body);
  await options.beforeBridge?.({ genesysCall });

  const ports = { ingestion: await freePort(), mapping: await freePort(), delivery: await freePort() };
  // cic-ingestion is ready once its CIC session is up, after the simulator has answered its subscriptions
  // (rendering every object of the center).
  const bridgeStartMs = 90_000 + 5 * users;
  let extraDeliveryEnv: Record<string, string> = {};
  const definitions = (): Record<BridgeService, Parameters<typeof startServiceProcess>[0]> => ({
    'cic-ingestion': {
      name: 'cic-ingestion',
      main: 'apps/cic-ingestion/src/main.ts',
      env: {
        ...isolation.env,
        LOG_LEVEL: 'warn',
        CIC_INGESTION_PORT: String(ports.ingestion),
        CIC_SERVERS: cic.baseUrl,
        ...options.bridgeEnv,
        ...options.ingestionEnv,
      },
      baseUrl: `http://127.0.0.1:${ports.ingestion}`,
      timeoutMs: bridgeStartMs,
    },
    'object-mapping': {
      name: 'object-mapping',
      main: 'apps/object-mapping/src/main.ts',
      env: {
        ...isolation.env,
        LOG_LEVEL: 'warn',
        OBJECT_MAPPING_PORT: String(ports.mapping),
        ...options.mappingEnv,
        ...options.bridgeEnv,
      },
      baseUrl: `http://127.0.0.1:${ports.mapping}`,
      timeoutMs: bridgeStartMs,
    },
    'genesys-delivery': {
      name: 'genesys-delivery',
      main: 'apps/genesys-delivery/src/main.ts',
      env: {
        ...isolation.env,
        LOG_LEVEL: 'warn',
        GENESYS_DELIVERY_PORT: String(ports.delivery),
        GC_API_URL: genesys.baseUrl,
        GC_LOGIN_URL: genesys.baseUrl,
        GC_RATE_LIMIT_PER_MINUTE: '0',
        DELIVERY_RETRY_BASE_MS: '100',
        DELIVERY_RETRY_MAX_MS: '2000',
        DELIVERY_DELETION_SETTLE_MS: '300',
        ...options.bridgeEnv,
        ...options.deliveryEnv,
        ...extraDeliveryEnv,
      },
      baseUrl: `http://127.0.0.1:${ports.delivery}`,
      timeoutMs: bridgeStartMs,
    },
  });
  const running = new Map<BridgeService, ServiceProcess>();
  const replicas: ServiceProcess[] = [];
  const portVariables: Record<BridgeService, string> = {
    'cic-ingestion': 'CIC_INGESTION_PORT',
    'object-mapping': 'OBJECT_MAPPING_PORT',
    'genesys-delivery': 'GENESYS_DELIVERY_PORT',
  };
  const start = async (name: BridgeService, env: Record<string, string> = {}) => {
    const definition = definitions()[name];
    const process = await startServiceProcess({ ...definition, env: { ...definition.env, ...env } });
    running.set(name, process);
    return process;
  };
  // Together: JetStream keeps what one publishes until the next one is listening. If one fails to start, the
  // others are stopped rather than left running (and syncing) after the caller gave up.
  const startBridge = async () => {
    const started = await Promise.allSettled([
      start('genesys-delivery'),
      start('object-mapping'),
      start('cic-ingestion'),
    ]);
    const failure = started.find((result) => result.status === 'rejected');
    if (!failure) return;
    await Promise.allSettled([...running.values()].map((process) => process.stop()));
    running.clear();
    throw failure.reason;
  };
  try {
    if (options.bridge !== false) await startBridge();
  } catch (error) {
    await Promise.allSettled([cic.stop(), genesys.stop()]);
    await isolation.dispose();
    throw error;
  }

  const center = async () => (await cicCall('/sim/center')) as CicCenter;
  const dump = async () => ((await genesysCall('/sim/state')) as { org: GenesysDump }).org;
  return {
    isolation: () => isolation,
    cic,
    genesys,
    genesysPort,
    service: (name) => {
      const process = running.get(name);
      if (!process) throw new Error(`${name} is not running`);
      return process;
    },
    start,
    startReplica: async (name) => {
      const definition = definitions()[name];
      const port = await freePort();
      const replica = await startServiceProcess({
        ...definition,
        env: { ...definition.env, [portVariables[name]]: String(port) },
        baseUrl: `http://127.0.0.1:${port}`,
      });
      replicas.push(replica);
      return replica;
    },
    resetBridge: async (label, deliveryEnv = {}) => {
      await Promise.all([...running.values()].map((process) => process.stop()));
      running.clear();
      await isolation.dispose();
      isolation = await createIsolation(label, undefined, options.services);
      extraDeliveryEnv = deliveryEnv;
      await genesysCall('/sim/reset', 'POST');
      await options.beforeBridge?.({ genesysCall });
      await startBridge();
    },
    cicCall,
    genesysCall,
    deliveryCall: (path, method, body) =>
      call(running.get('genesys-delivery')?.baseUrl ?? '', path, method, body, operatorHeaders),
    center,
    dump,
    converged: async (timeoutMs) => {
      const expected = expectedOrg(await center());
      const wanted = canonical(expected);
      let last: OrgView | undefined;
      try {
        return await eventually(async () => {
          const began = Date.now();
          const org = await dump();
          last = actualOrg(org);
          if (canonical(last) === wanted) return { expected, actual: last, dump: org };
          // Dumping and comparing a large org costs the simulator and this process CPU that the sync being waited
          // for needs on two cores: the next look waits twice as long as this one took, so looking takes at most
          // a third of the wait.
          await sleep(2 * (Date.now() - began));
          return undefined;
        }, timeoutMs);
      } catch (error) {
        // What differs and what delivery makes of it, short enough for the tail of CI's output.
        if (!last) throw error;
        throw new Error(
          await notConverged(timeoutMs, differenceOf(expected, last), [...running.values()], isolation),
        );
      }
    },
    stop: async () => {
      await Promise.all([...running.values(), ...replicas].map((process) => process.stop()));
      await Promise.all([cic.stop(), genesys.stop()]);
      await isolation.dispose();
    },
  };
}

/**
 * A failed convergence as a reader of CI's output needs it: what differs, delivery's backlog and unsynced records,
 * where the broker's streams and consumers stand, and every bridge service's warnings (a change can stop before
 * delivery: in ingestion or in mapping).
 */
async function notConverged(
  timeoutMs: number,
  difference: readonly string[],
  services: readonly ServiceProcess[],
  isolation: Isolation,
) {
  const delivery = services.find((service) => service.name === 'genesys-delivery');
  const read = async (path: string) => {
    if (!delivery) return 'delivery is not running';
    try {
      return JSON.stringify(await call(delivery.baseUrl, path, 'GET', undefined, operatorHeaders));
    } catch (error) {
      return String(error);
    }
  };
  const records = await read('/delivery/records');
  // Not only errors: a record delivery holds as not synced (an absent document) says where a missing object went.
  const unsynced = records.startsWith('[')
    ? (JSON.parse(records) as { status: string }[])
        .filter((record) => record.status !== 'synced')
        .slice(0, 20)
    : records;
  return [
    `not converged within ${timeoutMs} ms:`,
    ...difference.map((line) => `  ${line}`),
    `delivery backlog: ${await read('/delivery/backlog')}`,
    `delivery records not synced (first 20): ${JSON.stringify(unsynced)}`,
    await consumerStates(isolation.natsUrl, isolation.namespace),
    warningsOf(services),
  ].join('\n');
}

/** Every instance's warnings and errors (pino levels 40 and up), last 20 each, for a failed run. */
export function warningsOf(processes: readonly ServiceProcess[]): string {
  return processes
    .map((process) => {
      const lines = process
        .output()
        .split('\n')
        .filter((line) => /"level":(4|5|6)0/.test(line));
      return `${process.name} (${process.baseUrl}):\n${lines.slice(-20).join('\n')}`;
    })
    .join('\n');
}
