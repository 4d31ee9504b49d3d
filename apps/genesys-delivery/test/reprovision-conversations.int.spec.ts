import type { DesiredConversation } from '@bridge/contracts';
import { openDatabase } from '@bridge/postgres';
import { createIsolation, type Isolation } from '@bridge/testing';
import type { DataSource } from 'typeorm';
import { OperatorTables } from '../src/operator/operator-tables';
import { Conversations } from '../src/persistence/conversations';
import { deliveryMigrations } from '../src/persistence/migrations';

/**
 * A reprovision to a new org on the real Postgres: the conversations the old org was given go to the new one
 * again from their first event, and one kept only for a backfill is not sent.
 */
let isolation: Isolation;
let db: DataSource;
let conversations: Conversations;
let tables: OperatorTables;

beforeAll(async () => {
  isolation = await createIsolation('dreprov');
  db = await openDatabase({ url: isolation.databaseUrl, schema: isolation.schema }, deliveryMigrations);
  conversations = new Conversations(db, isolation.schema);
  tables = new OperatorTables(db, isolation.schema);
}, 60_000);

afterAll(async () => {
  await db?.destroy();
  await isolation?.dispose();
});

const conversation = (interactionId: string, n: number): DesiredConversation => ({
  interactionId,
  conversationId: `00000000-0000-4000-8000-00000000000${n}`,
  mediaType: 'call',
  channel: 'voice',
  complete: true,
  events: [
    {
      kind: 'communicationEnded',
      eventId: `00000000-0000-4000-8000-00000000001${n}`,
      eventDateTime: '2026-01-01T10:00:00.000Z',
      communicationId: `00000000-0000-4000-8000-00000000002${n}`,
      disconnectType: 'Peer',
    },
  ],
});

it('replicates every conversation the old org was given to a new org, and not one kept for a backfill', async () => {
  await conversations.store([{ document: conversation('1001', 1) }], true);
  await conversations.store([{ document: conversation('2002', 2) }], false);
  const [claimed] = await conversations.claim(60_000, { conversations: 10 });
  expect(claimed?.interactionId).toBe('1001');
  const sent = (claimed?.document.events ?? []).map((event) => event.eventId);
  await conversations.finish([
    {
      interactionId: '1001',
      revision: claimed?.revision ?? '',
      outcome: 'replicated',
      accepted: sent,
      skipped: [],
      failed: false,
    },
  ]);
  expect(await conversations.claim(60_000, { conversations: 10 })).toEqual([]);

  await tables.forgetOrg();

  const again = await conversations.claim(60_000, { conversations: 10 });
  expect(again.map((c) => [c.interactionId, c.accepted.size, c.skipped.size, c.attempts])).toEqual([
    ['1001', 0, 0, 0],
  ]);
  expect(await conversations.counts()).toMatchObject({ pending: 2, replicated: 0 });
});
