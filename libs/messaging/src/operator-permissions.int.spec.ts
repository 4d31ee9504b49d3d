import {
  OperatorMappingRebuild,
  OperatorRecordRead,
  OperatorSyncPause,
  OperatorUploadStatusRead,
} from '@bridge/contracts';
import { startNatsServer, type NatsServerProcess } from '@bridge/testing';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { connectNats, type NatsConnection } from './connection';
import { OperatorCommandServer, sendOperatorCommand } from './operator-commands';
import { Topology } from './topology';

/**
 * deploy/nats/operator-permissions.conf loaded into a real nats-server, as docker-compose.yml runs it: the console
 * commands, a service cannot (not even genesys-delivery, but for object-mapping's rebuild), and a service cannot
 * answer another's commands.
 */
const passwords = {
  console: 'c-pass-1',
  'cic-ingestion': 'i-pass-1',
  'object-mapping': 'm-pass-1',
  'genesys-delivery': 'd-pass-1',
  'historical-upload': 'u-pass-1',
};
type User = keyof typeof passwords;
const passwordVariables = {
  CONSOLE_NATS_PASSWORD: passwords.console,
  INGESTION_NATS_PASSWORD: passwords['cic-ingestion'],
  MAPPING_NATS_PASSWORD: passwords['object-mapping'],
  DELIVERY_NATS_PASSWORD: passwords['genesys-delivery'],
  UPLOAD_NATS_PASSWORD: passwords['historical-upload'],
};
const topology = new Topology('');

let dir: string;
let nats: NatsServerProcess;
const connections: NatsConnection[] = [];

async function as(user: User): Promise<NatsConnection> {
  const connection = await connectNats(
    nats.url.replace('nats://', `nats://${user}:${passwords[user]}@`),
    user,
  );
  connections.push(connection);
  return connection;
}

/** A service answering a command with a fixed result, counting the requests it got. */
async function answering<
  C extends
    | typeof OperatorSyncPause
    | typeof OperatorMappingRebuild
    | typeof OperatorUploadStatusRead
    | typeof OperatorRecordRead,
>(user: User, command: C, result: unknown) {
  const server = new OperatorCommandServer(await as(user), topology, user);
  const seen = { requests: 0 };
  server.serve(command, async () => {
    seen.requests++;
    return { ok: true, result } as never;
  });
  await connections.at(-1)?.flush();
  return { seen, close: () => server.close() };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bridge-operator-permissions-'));
  const config = join(dir, 'nats.conf');
  // In production nats-server takes the passwords from its environment; here they are written in.
  let permissions = readFileSync(
    resolve(__dirname, '../../../deploy/nats/operator-permissions.conf'),
    'utf8',
  );
  for (const [name, password] of Object.entries(passwordVariables))
    permissions = permissions.replaceAll(`$${name}`, JSON.stringify(password));
  writeFileSync(config, permissions);
  nats = await startNatsServer({ args: ['-c', config] });
}, 30_000);

afterAll(async () => {
  await Promise.all(connections.map((connection) => connection.close()));
  await nats?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const paused = { paused: true, changedBy: 'admin' };

it('lets the console command a service', async () => {
  const delivery = await answering('genesys-delivery', OperatorSyncPause, paused);
  const answer = await sendOperatorCommand(
    await as('console'),
    topology,
    OperatorSyncPause,
    { operator: 'admin' },
    2000,
  );
  expect(answer).toEqual({ ok: true, result: paused });
  expect(delivery.seen.requests).toBe(1);
  await delivery.close();
});

it.each(['cic-ingestion', 'object-mapping', 'genesys-delivery', 'historical-upload'] as const)(
  'refuses %s a command to pause the sync',
  async (user) => {
    const delivery = await answering('genesys-delivery', OperatorSyncPause, paused);
    const answer = await sendOperatorCommand(
      await as(user),
      topology,
      OperatorSyncPause,
      { operator: 'x' },
      1000,
    );
    expect(answer).toMatchObject({ ok: false, refusal: { code: 'unavailable' } });
    expect(delivery.seen.requests).toBe(0);
    await delivery.close();
  },
);

it("lets genesys-delivery ask for object-mapping's rebuild, and no other service", async () => {
  const mapping = await answering('object-mapping', OperatorMappingRebuild, {
    published: 1,
    total: 1,
    durationMs: 1,
  });
  const request = { operator: 'admin' };
  expect(
    await sendOperatorCommand(await as('genesys-delivery'), topology, OperatorMappingRebuild, request, 2000),
  ).toMatchObject({ ok: true });
  expect(
    await sendOperatorCommand(await as('cic-ingestion'), topology, OperatorMappingRebuild, request, 1000),
  ).toMatchObject({ ok: false });
  expect(mapping.seen.requests).toBe(1);
  await mapping.close();
});

it("does not let a service answer another's commands", async () => {
  const impostor = await answering('object-mapping', OperatorSyncPause, paused);
  const answer = await sendOperatorCommand(
    await as('console'),
    topology,
    OperatorSyncPause,
    { operator: 'admin' },
    1000,
  );
  expect(answer).toMatchObject({ ok: false, refusal: { code: 'unavailable' } });
  expect(impostor.seen.requests).toBe(0);
  await impostor.close();
});

it('lets historical-upload answer its status read, and no other service in its place', async () => {
  const status = {
    process: {
      service: 'historical-upload',
      instance: 'host:1',
      version: '1.0.0',
      startedAt: new Date().toISOString(),
      uptimeSeconds: 1,
    },
    projection: { backlog: 0, lagSeconds: 0 },
  };
  const console_ = await as('console');
  const read = () =>
    sendOperatorCommand(console_, topology, OperatorUploadStatusRead, { operator: 'admin' }, 1000);
  for (const user of ['cic-ingestion', 'object-mapping', 'genesys-delivery'] as const) {
    const impostor = await answering(user, OperatorUploadStatusRead, status);
    expect(await read()).toMatchObject({ ok: false, refusal: { code: 'unavailable' } });
    expect(impostor.seen.requests).toBe(0);
    await impostor.close();
  }
  const upload = await answering('historical-upload', OperatorUploadStatusRead, status);
  expect(await read()).toMatchObject({ ok: true });
  expect(upload.seen.requests).toBe(1);
  await upload.close();
});

it.each(['cic-ingestion', 'object-mapping', 'historical-upload'] as const)(
  "does not let %s answer delivery's record read",
  async (user) => {
    const impostor = await answering(user, OperatorRecordRead, {});
    const answer = await sendOperatorCommand(
      await as('console'),
      topology,
      OperatorRecordRead,
      { operator: 'admin', kind: 'user', cicId: 'ann' },
      1000,
    );
    expect(answer).toMatchObject({ ok: false, refusal: { code: 'unavailable' } });
    expect(impostor.seen.requests).toBe(0);
    await impostor.close();
  },
);
