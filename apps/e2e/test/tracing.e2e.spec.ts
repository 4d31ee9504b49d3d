import { traceAttributes } from '@bridge/telemetry';
import { eventually } from '@bridge/testing';
import { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from './support/otlp-receiver';
import { startSyncSystem, type SyncSystem } from './support/sync-system';

/**
 * Traces as an operator sees them in Jaeger: the services as processes export OTLP/HTTP to a receiver standing in
 * for the collector. One CIC change is one trace from the ICWS message to the Genesys call; a quiet system exports
 * no traces of its polls.
 */
const CENTER = { users: 12, workgroups: 3, skills: 4, wrapups: 3, seed: 17 };
const CLIENT = 3;

let receiver: OtlpReceiver;
let system: SyncSystem;

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  system = await startSyncSystem({
    label: 'tracing',
    center: CENTER,
    // Spans leave each service within a fifth of a second rather than the exporter's default five.
    bridgeEnv: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, OTEL_BSP_SCHEDULE_DELAY: '200' },
  });
  await system.converged(60_000);
}, 120_000);

afterAll(async () => {
  await system?.stop();
  await receiver?.close();
});

/** Resolves once no span has arrived for `quietMs` (the initial sync's last ones are out), or after `limitMs`. */
async function settled(quietMs: number, limitMs: number): Promise<void> {
  const deadline = Date.now() + limitMs;
  for (let count = -1; count !== receiver.spans().length && Date.now() < deadline;) {
    count = receiver.spans().length;
    await new Promise((resolve) => setTimeout(resolve, quietMs));
  }
}

function rootsOf(spans: readonly ReceivedSpan[]): string[] {
  return spans.filter((span) => !span.parentSpanId).map((span) => `${span.service}: ${span.name}`);
}

it('exports no trace while the system is quiet', async () => {
  await settled(1_000, 10_000);
  const before = receiver.spans().length;
  // Every worker, lane and relay polls several times a second: each poll would be a root trace here.
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  expect(rootsOf(receiver.spans().slice(before))).toEqual([]);
}, 60_000);

it('makes one CIC change one trace, from the ICWS message to the Genesys call', async () => {
  const user = (await system.center()).users.find((candidate) => candidate.businessEmail);
  if (!user) throw new Error('the generated center has no user with an email');
  await system.cicCall(`/sim/users/${encodeURIComponent(user.id)}`, 'PATCH', { displayName: 'Traced Name' });

  const received = await eventually(async () => {
    const spans = receiver.spans();
    const change = spans.find(
      (span) => span.name === 'icws message receive' && span.attributes[traceAttributes.cicId] === user.id,
    );
    const trace = spans.filter((span) => span.traceId === change?.traceId);
    const reconcile = trace.find(
      (span) => span.name === 'reconcile user' && span.attributes[traceAttributes.outcome] === 'done',
    );
    const calls = trace.filter(
      (span) => span.kind === CLIENT && isGenesysCall(span) && within(trace, span, reconcile),
    );
    return reconcile && calls.length > 0 ? { trace, reconcile, calls } : undefined;
  }, 30_000);

  const { trace, reconcile, calls } = received;
  expect(rootsOf(trace)).toEqual(['cic-ingestion: icws message receive']);
  expect(new Set(trace.map((span) => span.service))).toEqual(
    new Set(['cic-ingestion', 'object-mapping', 'genesys-delivery']),
  );
  expect(reconcile.attributes).toMatchObject({
    [traceAttributes.targetKind]: 'user',
    [traceAttributes.targetKey]: user.id,
  });
  const genesysUser = Object.values((await system.dump()).users).find((u) => u.externalId === user.id);
  expect(reconcile.attributes[traceAttributes.genesysId]).toBe(genesysUser?.id);
  expect(genesysUser?.displayName).toBe('Traced Name');
  expect(calls.map((span) => span.name)).toContain('PATCH');
}, 60_000);

/** An HTTP call to the Genesys Cloud simulator (old or new HTTP semantic conventions). */
function isGenesysCall(span: ReceivedSpan): boolean {
  const url = span.attributes['url.full'] ?? span.attributes['http.url'];
  return span.service === 'genesys-delivery' && String(url).startsWith(system.genesys.baseUrl);
}

/** Whether `span` descends from `ancestor` within the trace. */
function within(
  trace: readonly ReceivedSpan[],
  span: ReceivedSpan,
  ancestor: ReceivedSpan | undefined,
): boolean {
  const byId = new Map(trace.map((s) => [s.spanId, s]));
  for (
    let at: ReceivedSpan | undefined = span;
    at;
    at = at.parentSpanId ? byId.get(at.parentSpanId) : undefined
  )
    if (at === ancestor) return true;
  return false;
}
