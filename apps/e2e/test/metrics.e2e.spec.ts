import { eventually, freePort, startHistoricalUpload, type ServiceProcess } from '@bridge/testing';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { startSyncSystem, type BridgeService, type SyncSystem } from './support/sync-system';

/**
 * The monitoring that deploy/monitoring ships, against the running system: every metric the alert rules and the
 * Grafana dashboard name is exported by a service, and every expression is PromQL.
 */
const monitoring = join(__dirname, '../../../deploy/monitoring');
const bridgeServices: readonly BridgeService[] = ['cic-ingestion', 'object-mapping', 'genesys-delivery'];
type Service = BridgeService | 'historical-upload';

interface AlertRule {
  alert?: unknown;
  expr?: unknown;
  for?: unknown;
  labels?: { severity?: unknown };
  annotations?: { summary?: unknown };
}

interface Panel {
  title: string;
  targets?: { expr: string }[];
}

const rules = (
  parse(readFileSync(join(monitoring, 'alerts.yaml'), 'utf8')) as { groups: { rules: AlertRule[] }[] }
).groups.flatMap((group) => group.rules);
const panels = (JSON.parse(readFileSync(join(monitoring, 'dashboard.json'), 'utf8')) as { panels: Panel[] })
  .panels;
const expressions = [
  ...rules.map((rule) => ({ where: `alert ${String(rule.alert)}`, expr: String(rule.expr) })),
  ...panels.flatMap((panel) =>
    (panel.targets ?? []).map((target) => ({ where: `panel ${panel.title}`, expr: target.expr })),
  ),
];

// An ES module (its types too): loaded with import(), which a CommonJS test may do.
const loadPromQL = async () => (await import('@prometheus-io/lezer-promql')).parser;
let promql: Awaited<ReturnType<typeof loadPromQL>>;

/** The metric names a PromQL expression selects, read from Prometheus's grammar; throws on a syntax error. */
function metricNamesOf(expr: string): string[] {
  const names: string[] = [];
  promql.parse(expr).iterate({
    enter: (node) => {
      if (node.type.isError) throw new Error(`not PromQL at ${node.from}: ${expr}`);
      if (node.name === 'Identifier' && node.node.parent?.name === 'VectorSelector')
        names.push(expr.slice(node.from, node.to));
    },
  });
  return names;
}

let system: SyncSystem;
let upload: ServiceProcess;
const uploadDirectory = mkdtempSync(join(tmpdir(), 'metrics-e2e-'));
let syncedUsers: number;
const scrapes = new Map<Service, string>();

const scrape = async () => {
  const services = new Map<Service, ServiceProcess>([
    ...bridgeServices.map((name) => [name, system.service(name)] as const),
    ['historical-upload', upload],
  ]);
  for (const [name, service] of services)
    scrapes.set(name, await (await fetch(`${service.baseUrl}/metrics`)).text());
};
/** The value of the first sample of `name` whose line holds every label of `labels`. */
const sample = (service: Service, name: string, ...labels: string[]) => {
  const line = scrapes
    .get(service)
    ?.split('\n')
    .find((l) => l.startsWith(`${name}{`) && labels.every((label) => l.includes(label)));
  return line === undefined ? undefined : Number(line.split(' ').at(-1));
};

beforeAll(async () => {
  promql = await loadPromQL();
  system = await startSyncSystem({
    label: 'metrics',
    center: { users: 3, workgroups: 1, skills: 1, wrapups: 1, seed: 17 },
  });
  upload = await startHistoricalUpload(system.isolation(), await freePort(), system.genesys.baseUrl, {
    HISTORICAL_UPLOAD_DIR: uploadDirectory,
  });
  syncedUsers = Object.keys((await system.converged(120_000)).expected.users).length;
}, 240_000);

afterAll(async () => {
  await upload?.stop();
  await system?.stop();
  rmSync(uploadDirectory, { recursive: true, force: true });
});

it('ships alert rules each with an expression, a severity and a summary, and a dashboard with queries', () => {
  expect(rules.length).toBeGreaterThanOrEqual(5);
  for (const rule of rules) {
    expect(String(rule.alert)).toMatch(/^Bridge[A-Za-z]+$/);
    expect(typeof rule.expr).toBe('string');
    expect(String(rule.labels?.severity)).toMatch(/^(critical|warning)$/);
    expect(typeof rule.annotations?.summary).toBe('string');
    if (rule.for !== undefined) expect(rule.for).toMatch(/^\d+[smh]$/);
  }
  expect(expressions.length).toBeGreaterThan(rules.length);
});

it('exports every metric the alert rules and the dashboard name, and each expression parses as PromQL', async () => {
  await scrape();
  const exported = new Set(
    [...scrapes.values()].flatMap((text) =>
      text.split('\n').flatMap((line) => line.match(/^# TYPE (\S+) /)?.[1] ?? []),
    ),
  );
  const missing = expressions.flatMap(({ where, expr }) =>
    metricNamesOf(expr)
      .filter((name) => !exported.has(name))
      .map((name) => `${name} (${where})`),
  );
  expect(missing).toEqual([]);
  expect(new Set(expressions.flatMap(({ expr }) => metricNamesOf(expr))).size).toBeGreaterThanOrEqual(15);
});

it('reads the state of the pipeline when scraped: CIC connected, nothing left behind once converged', async () => {
  await eventually(async () => {
    await scrape();
    const caughtUp =
      sample('cic-ingestion', 'bridge_outbox_lag_events') === 0 &&
      sample(
        'object-mapping',
        'bridge_consumer_backlog_messages',
        'consumer="object-mapping--cic-events"',
      ) === 0 &&
      sample('genesys-delivery', 'bridge_consumer_lag_seconds', 'consumer="genesys-delivery--') === 0;
    return caughtUp || undefined;
  });
  expect(scrapes.get('cic-ingestion')).toMatch(/^bridge_cic_connected\{[^}]*\} 1$/m);
  expect(sample('cic-ingestion', 'bridge_event_store_events')).toBeGreaterThan(0);
  expect(sample('historical-upload', 'bridge_event_store_events')).toBeGreaterThan(0);
  expect(sample('cic-ingestion', 'bridge_event_store_size_bytes')).toBeGreaterThan(0);
  expect(sample('genesys-delivery', 'bridge_records', 'kind="user"', 'status="synced"')).toBe(syncedUsers);
  expect(sample('genesys-delivery', 'bridge_records_quarantined', 'kind="user"')).toBe(0);
  // Requests are counted by the endpoint's path template, never by the object ids in the URL.
  const endpoints = (scrapes.get('genesys-delivery') ?? '')
    .split('\n')
    .flatMap((line) => line.match(/^bridge_genesys_requests_total\{.*endpoint="([^"]+)"/)?.[1] ?? []);
  expect(endpoints.length).toBeGreaterThan(0);
  expect(endpoints.filter((endpoint) => /[0-9a-f]{8}-[0-9a-f]{4}/.test(endpoint))).toEqual([]);
  expect(sample('genesys-delivery', 'bridge_genesys_logins_total', 'outcome="ok"')).toBeGreaterThan(0);
});
