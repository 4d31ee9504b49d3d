import { cicInteractionStreamId, type CicInteraction, type CicInteractionEventType } from '@bridge/contracts';
import { openEventStoreDatabase, PostgresEventStore } from '@bridge/event-store';
import { createIsolation, type Isolation } from '@bridge/testing';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { InteractionLog } from '../src/persistence/interaction-log';

/** The backfill's read of the event store, on the real Postgres with the event store's own migrations. */
let isolation: Isolation;
let db: DataSource;
let log: InteractionLog;

const at = (minute: number) => `2026-12-01T12:${String(minute).padStart(2, '0')}:00.000Z`;

function anInteraction(id: string, overrides: Partial<CicInteraction> = {}): CicInteraction {
  return {
    interactionId: id,
    mediaType: 'call',
    direction: 'inbound',
    state: 'queued',
    initiatedAt: at(0),
    segments: [{ workgroupId: 'Sales', enteredQueueAt: at(0), skills: [], holds: [] }],
    ...overrides,
  };
}

async function record(changes: [CicInteractionEventType, CicInteraction][]): Promise<void> {
  const store = new PostgresEventStore(db, isolation.schema);
  for (const [type, interaction] of changes)
    await store.append(cicInteractionStreamId(interaction.interactionId), 'any', [
      { id: randomUUID(), type, data: { interaction } },
    ]);
}

beforeAll(async () => {
  isolation = await createIsolation('interactionlog');
  db = await openEventStoreDatabase({ url: isolation.databaseUrl, schema: isolation.schema });
  log = new InteractionLog({ url: isolation.databaseUrl, schema: isolation.schema });
});
afterAll(async () => {
  await log.close();
  await db.destroy();
  await isolation.dispose();
});

describe('InteractionLog', () => {
  it('reads the latest state of each interaction that disconnected in the range, by CIC time', async () => {
    const ended = (id: string, minute: number) =>
      anInteraction(id, { state: 'afterCallWork', disconnectedAt: at(minute), disconnectedBy: 'remote' });
    await record([
      ['CicInteractionStarted', anInteraction('101')],
      ['CicInteractionDisconnected', ended('101', 10)],
      ['CicInteractionWrappedUp', { ...ended('101', 10), state: 'ended' }],
      ['CicInteractionStarted', anInteraction('102')],
      ['CicInteractionDisconnected', ended('102', 20)],
      // Still going on: nothing to backfill yet.
      ['CicInteractionStarted', anInteraction('103')],
    ]);
    const found = await log.disconnectedIn(new Date(at(5)), new Date(at(20)));
    expect(found.map((interaction) => [interaction.interactionId, interaction.state])).toEqual([
      ['101', 'ended'],
    ]);
    const all = await log.disconnectedIn(new Date(at(0)), new Date(at(30)));
    expect(all.map((interaction) => interaction.interactionId)).toEqual(['101', '102']);
  });
});
