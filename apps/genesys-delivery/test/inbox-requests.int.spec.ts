import type { InboxNotification } from '@bridge/contracts';
import { inboxRequestKeyOf } from '@bridge/delivery-planning';
import { openDatabase } from '@bridge/postgres';
import { createIsolation, type Isolation } from '@bridge/testing';
import type { DataSource } from 'typeorm';
import { InboxRequests } from '../src/persistence/inbox-requests';
import { deliveryMigrations } from '../src/persistence/migrations';

/** The inbox catch-up's memory on the real Postgres: statuses per agent and request, and the watermark. */
let isolation: Isolation;
let db: DataSource;
let requests: InboxRequests;

beforeAll(async () => {
  isolation = await createIsolation('inboxreq');
  db = await openDatabase({ url: isolation.databaseUrl, schema: isolation.schema }, deliveryMigrations);
  requests = new InboxRequests(db, isolation.schema);
}, 60_000);

afterAll(async () => {
  await db?.destroy();
  await isolation?.dispose();
});

const passed = (genesysUserId: string, requestId: string, status: string) => ({
  genesysUserId,
  request: { kind: 'shiftTrade' as InboxNotification['request']['kind'], requestId, status },
});

it('keeps the last status passed on per agent and request, and when, answering only those asked for', async () => {
  await requests.passedOn([passed('g1', 't1', 'Unmatched'), passed('g2', 't1', 'Matched')], 1_000);
  await requests.passedOn([passed('g1', 't1', 'Matched'), passed('g1', 't1', 'Approved')], 2_000);
  const statuses = await requests.lastStatuses([
    passed('g1', 't1', 'x'),
    passed('g2', 't1', 'x'),
    passed('g3', 't1', 'x'),
  ]);
  expect(statuses).toEqual(
    new Map([
      [inboxRequestKeyOf('g1', 'shiftTrade', 't1'), { status: 'Approved', at: 2_000 }],
      [inboxRequestKeyOf('g2', 'shiftTrade', 't1'), { status: 'Matched', at: 1_000 }],
    ]),
  );
});

it('moves the watermark forward only: a late write of an earlier moment does not hide a gap', async () => {
  expect(await requests.listenedAt()).toBeUndefined();
  await requests.listened(Date.parse('2026-12-02T10:00:05Z'));
  await requests.listened(Date.parse('2026-12-02T10:00:01Z'));
  expect(await requests.listenedAt()).toBe(Date.parse('2026-12-02T10:00:05Z'));
});
