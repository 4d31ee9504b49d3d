import { ICWS } from '@bridge/cic-sync';
import type { IcwsIncoming } from '@bridge/icws-client';
import { Logger } from '@nestjs/common';
import { ingestionOn } from './test-support/ingestion-harness';

// The ingestion on the in-memory event store: ICWS messages in, the CIC events it appends out.

beforeAll(() => {
  Logger.overrideLogger(false);
});

const usersMessage = ICWS.messageTypes.user;
const userItem = (id: string, email = `${id}@example.com`) => ({
  configurationId: { id, displayName: id },
  personalInformationProperties: { emailAddress: email },
});
const message = (
  isDelta: boolean,
  lists: { added?: unknown[]; changed?: unknown[]; removed?: unknown[] },
): IcwsIncoming => ({
  ok: true,
  message: {
    __type: usersMessage,
    isDelta,
    subscriptionId: 'cic-ingestion-user',
    added: lists.added ?? [],
    changed: lists.changed ?? [],
    removed: lists.removed ?? [],
  },
});
const snapshot = (...items: unknown[]) => message(false, { added: items });

it("appends a new user's whole state to its own stream, as cic-ingestion's event", async () => {
  const { ingestion, store, appended } = ingestionOn();
  await ingestion.receive(snapshot(userItem('anna.oberg')));

  expect(await appended()).toEqual(['CicUserChanged cic-user:anna.oberg']);
  const [event] = await store.readAll(0, 10);
  expect(event?.data).toEqual({
    user: {
      id: 'anna.oberg',
      displayName: 'anna.oberg',
      businessEmail: 'anna.oberg@example.com',
      phones: {},
      skills: [],
    },
  });
  expect(event?.metadata).toMatchObject({ schemaVersion: 1, source: 'cic-ingestion' });
});

it('appends nothing when the same message comes again, in the same session or a new one', async () => {
  const { ingestion, appended } = ingestionOn();
  await ingestion.receive(snapshot(userItem('anna'), userItem('bob')));
  await ingestion.receive(snapshot(userItem('anna'), userItem('bob')));
  ingestion.sessionOpened();
  await ingestion.receive(snapshot(userItem('anna'), userItem('bob')));

  expect(await appended()).toEqual(['CicUserChanged cic-user:anna', 'CicUserChanged cic-user:bob']);
});

it('appends a …Removed event for a user a delta removes', async () => {
  const { ingestion, appended } = ingestionOn();
  await ingestion.receive(snapshot(userItem('anna'), userItem('bob')));
  await ingestion.receive(message(true, { removed: [{ configurationId: { id: 'bob' } }] }));

  expect(await appended(2)).toEqual(['CicUserRemoved cic-user:bob']);
});

it("appends what a reconnect's snapshot differs by: changes, additions and removals", async () => {
  const { ingestion, appended } = ingestionOn();
  await ingestion.receive(snapshot(userItem('anna'), userItem('bob'), userItem('carl')));
  ingestion.sessionOpened();
  await ingestion.receive(
    snapshot(userItem('anna', 'anna@new.example.com'), userItem('carl'), userItem('dora')),
  );

  expect(await appended(3)).toEqual([
    'CicUserChanged cic-user:anna',
    'CicUserChanged cic-user:dora',
    'CicUserRemoved cic-user:bob',
  ]);
});

it('rebuilds what it knows from the log at start, so a restart appends only what changed since', async () => {
  const { ingestion, store } = ingestionOn();
  await ingestion.receive(snapshot(userItem('anna'), userItem('bob')));

  const restarted = ingestionOn(store);
  expect(await restarted.ingestion.rebuild()).toBe(2);
  await restarted.ingestion.receive(snapshot(userItem('anna')));
  expect(await restarted.appended(2)).toEqual(['CicUserRemoved cic-user:bob']);
});

it('skips a message that is not JSON and an item it cannot read, and appends the rest', async () => {
  const { ingestion, appended } = ingestionOn();
  await ingestion.receive({ ok: false, raw: '{"__type": ', reason: 'invalidJson' });
  await ingestion.receive(
    snapshot({ configurationId: { id: 'broken' }, skills: 'not a list' }, userItem('anna')),
  );

  expect(await appended()).toEqual(['CicUserChanged cic-user:anna']);
});

it('appends a large snapshot in chunks of a thousand events', async () => {
  const { ingestion, store, appended } = ingestionOn();
  const users = Array.from({ length: 2_500 }, (_, index) => userItem(`user.${index}`));
  await ingestion.receive(snapshot(...users));

  expect(store.appends).toBe(3);
  expect(await appended()).toHaveLength(2_500);
});
