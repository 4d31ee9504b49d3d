import type { DesiredConversation } from '@bridge/contracts';
import { openDatabase } from '@bridge/postgres';
import { createIsolation, type Isolation } from '@bridge/testing';
import type { DataSource } from 'typeorm';
import { Conversations } from '../src/persistence/conversations';
import { deliveryMigrations } from '../src/persistence/migrations';

/**
 * The replication lane's claim on the real Postgres: by unsent events, so a backlog fills whole calls however
 * few new events each conversation holds.
 */
let isolation: Isolation;
let db: DataSource;
let conversations: Conversations;

beforeAll(async () => {
  isolation = await createIsolation('dclaim');
  db = await openDatabase({ url: isolation.databaseUrl, schema: isolation.schema }, deliveryMigrations);
  conversations = new Conversations(db, isolation.schema);
}, 60_000);

afterAll(async () => {
  await db?.destroy();
  await isolation?.dispose();
});

beforeEach(async () => {
  await db.query(`DELETE FROM "${isolation.schema}".delivery_conversations`);
});

const uuid = (interaction: number, n: number) =>
  `00000000-0000-4000-8000-${String(interaction).padStart(6, '0')}${String(n).padStart(6, '0')}`;

/** A conversation of `events` hold updates. */
const conversation = (interaction: number, events: number): DesiredConversation => ({
  interactionId: String(interaction),
  conversationId: uuid(interaction, 0),
  mediaType: 'call',
  channel: 'voice',
  complete: false,
  events: Array.from({ length: events }, (_, n) => ({
    kind: 'holdUpdated' as const,
    eventId: uuid(interaction, n + 1),
    eventDateTime: new Date(Date.UTC(2026, 11, 1, 12, 0, n)).toISOString(),
    communicationId: uuid(interaction, 999),
    held: n % 2 === 0,
  })),
});

/** Stores each conversation in turn, so they are due in this order. */
async function storeInOrder(documents: readonly DesiredConversation[]): Promise<void> {
  for (const document of documents) await conversations.store([{ document }], true);
}

it('claims, oldest first, as many conversations as fit in the events asked for', async () => {
  await storeInOrder([conversation(1, 4), conversation(2, 3), conversation(3, 3), conversation(4, 1)]);

  const claimed = await conversations.claim(60_000, { conversations: 10, events: 8 });

  expect(claimed.map((c) => c.interactionId)).toEqual(['1', '2']);
  expect(
    (await conversations.claim(60_000, { conversations: 10, events: 8 })).map((c) => c.interactionId),
  ).toEqual(['3', '4']);
});

it('counts only the events not accepted yet', async () => {
  await storeInOrder([conversation(1, 6), conversation(2, 5)]);
  const [first] = await conversations.claim(60_000, { conversations: 1 });
  await conversations.finish([
    {
      interactionId: '1',
      revision: first?.revision ?? '',
      outcome: 'pending',
      accepted: (first?.document.events ?? []).slice(0, 5).map((event) => event.eventId),
      skipped: [],
      failed: false,
    },
  ]);
  await conversations.store([{ document: conversation(1, 7) }], true);

  // Conversation 2 has 5 unsent, conversation 1 now 2 (7 known, 5 accepted): both fit in 7.
  const claimed = await conversations.claim(60_000, { conversations: 10, events: 7 });

  expect(claimed.map((c) => c.interactionId)).toEqual(['2', '1']);
});

it('claims a conversation with more events than asked for when it is the oldest, and alone', async () => {
  await storeInOrder([conversation(1, 12), conversation(2, 1)]);

  const claimed = await conversations.claim(60_000, { conversations: 10, events: 8 });

  expect(claimed.map((c) => c.interactionId)).toEqual(['1']);
});

it('claims no more conversations than asked for, however few events they hold', async () => {
  await storeInOrder([conversation(1, 1), conversation(2, 1), conversation(3, 1)]);

  const claimed = await conversations.claim(60_000, { conversations: 2, events: 500 });

  expect(claimed.map((c) => c.interactionId)).toEqual(['1', '2']);
});

it('counts as backlog the conversations with events to send, not those kept only for a backfill', async () => {
  await storeInOrder([conversation(1, 2), conversation(2, 1)]);
  await conversations.store([{ document: conversation(3, 1) }], false);
  expect(await conversations.backlog()).toBe(2);
  const [first] = await conversations.claim(60_000, { conversations: 1 });
  await conversations.finish([
    {
      interactionId: '1',
      revision: first?.revision ?? '',
      outcome: 'replicated',
      accepted: (first?.document.events ?? []).map((event) => event.eventId),
      skipped: [],
      failed: false,
    },
  ]);
  expect(await conversations.backlog()).toBe(1);
});
