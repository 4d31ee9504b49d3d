import { openDatabase } from '@bridge/postgres';
import { createIsolation, type Isolation } from '@bridge/testing';
import type { DataSource } from 'typeorm';
import { DesiredObjects, type CausedDocument } from '../src/persistence/desired-objects';
import { deliveryMigrations } from '../src/persistence/migrations';
import { Presences, type DesiredUserPresence } from '../src/persistence/presences';
import { Conversations, type CausedConversation } from '../src/persistence/conversations';

/**
 * The trace contexts delivery keeps with its dirty objects, presences and conversations on the real Postgres:
 * a delivery continues the changes that made the row due since the last delivery began, and no others.
 */
let isolation: Isolation;
let db: DataSource;
let objects: DesiredObjects;
let presences: Presences;
let conversations: Conversations;

beforeAll(async () => {
  isolation = await createIsolation('tcolumns');
  db = await openDatabase({ url: isolation.databaseUrl, schema: isolation.schema }, deliveryMigrations);
  objects = new DesiredObjects(db, isolation.schema);
  presences = new Presences(db, isolation.schema);
  conversations = new Conversations(db, isolation.schema);
}, 60_000);

afterAll(async () => {
  await db?.destroy();
  await isolation?.dispose();
});

const traceOf = (n: number) => ({ traceparent: `00-${String(n).padStart(32, '0')}-${'1'.repeat(16)}-01` });
const skill = (key: string, name: string, n?: number): CausedDocument => ({
  kind: 'skill',
  key,
  desired: { present: true, document: { name } },
  ...(n === undefined ? {} : { trace: traceOf(n) }),
});

it('keeps the traces of every change that waits, and forgets them once reconciled', async () => {
  await objects.store([skill('billing', 'Billing 1', 1), skill('billing', 'Billing 2', 2)], 0);
  await objects.store([skill('billing', 'Billing 3', 3), skill('billing', 'Billing 3', 3)], 0);
  const [claimed] = await objects.claim(60_000);
  expect(claimed?.traces).toEqual([traceOf(1), traceOf(2), traceOf(3)]);
  await objects.finish(claimed ? [claimed] : []);

  await objects.store([skill('billing', 'Billing 4', 4)], 0);
  expect((await objects.claim(60_000))[0]?.traces).toEqual([traceOf(4)]);
});

it('gives a change that lands mid-reconcile to the next reconcile alone', async () => {
  await objects.store([skill('sales', 'Sales 1', 1)], 0);
  const [held] = await objects.claim(60_000);
  await objects.store([skill('sales', 'Sales 2', 2)], 0);
  await objects.finish(held ? [held] : []);
  expect(held?.traces).toEqual([traceOf(1)]);
  expect((await objects.claim(60_000))[0]?.traces).toEqual([traceOf(2)]);
});

it('keeps the latest traces of a storm of changes, and none for a document without one', async () => {
  for (let n = 1; n <= 20; n++) await objects.store([skill('storm', `Storm ${n}`, n)], 0);
  const [stormed] = await objects.claim(60_000);
  expect(stormed?.traces).toEqual(Array.from({ length: 16 }, (_, i) => traceOf(i + 5)));
  await objects.store([skill('quiet', 'Quiet')], 0);
  expect((await objects.claim(60_000))[0]?.traces).toEqual([]);
});

it('keeps the traces of the presence changes a round delivers, and forgets them once delivered', async () => {
  const presence = (sequence: number): DesiredUserPresence => ({
    key: 'ann',
    desired: {
      present: true,
      document: {
        statusId: 'Available',
        systemPresence: 'Available',
        changedAt: '2026-12-01T10:00:00.000Z',
        sequence,
      },
    },
    trace: traceOf(sequence),
  });
  await presences.store([presence(1)]);
  await presences.store([presence(2)]);
  const [claimed] = await presences.claim(60_000, 10);
  expect(claimed?.traces).toEqual([traceOf(1), traceOf(2)]);
  await presences.finish([{ key: 'ann', revision: claimed?.revision ?? '', outcome: 'done' }]);

  await presences.store([presence(3)]);
  expect((await presences.claim(60_000, 10))[0]?.traces).toEqual([traceOf(3)]);
});

it('keeps the traces of the interaction events a replication round sends', async () => {
  const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  const conversation = (events: number): CausedConversation => ({
    document: {
      interactionId: '1001',
      conversationId: uuid(100),
      mediaType: 'call',
      channel: 'voice',
      complete: false,
      events: Array.from({ length: events }, (_, i) => ({
        kind: 'communicationAnswered' as const,
        eventId: uuid(i + 1),
        eventDateTime: '2026-12-01T10:00:00.000Z',
        communicationId: uuid(50),
      })),
    },
    trace: traceOf(events),
  });
  await conversations.store([conversation(1), conversation(2)], true);
  const [claimed] = await conversations.claim(60_000, { conversations: 10 });
  expect(claimed?.traces).toEqual([traceOf(1), traceOf(2)]);
  await conversations.finish([
    {
      interactionId: '1001',
      revision: claimed?.revision ?? '',
      outcome: 'replicated',
      accepted: [],
      skipped: [],
      failed: false,
    },
  ]);

  await conversations.store([conversation(3)], true);
  expect((await conversations.claim(60_000, { conversations: 10 }))[0]?.traces).toEqual([traceOf(3)]);
});
