import { ICWS } from '@bridge/cic-sync';
import type { IcwsIncoming } from '@bridge/icws-client';
import { Logger } from '@nestjs/common';
import { CountingStore, ingestionOn } from './test-support/ingestion-harness';

// Status facts on the in-memory event store: ICWS status messages in, the CIC events appended out, and the
// user-statuses subscription following the known users.

beforeAll(() => {
  Logger.overrideLogger(false);
});

const S = ICWS.status;
const incoming = (message: unknown): IcwsIncoming => ({ ok: true, message });
const userStatuses = (isDelta: boolean, ...statuses: unknown[]) =>
  incoming({ __type: S.userStatusMessageType, isDelta, [S.userStatusList]: statuses });
const status = (userId: string, statusId: string, changed = '20261201T100000Z') => ({
  userId,
  statusId,
  statusChanged: changed,
  loggedIn: true,
  onPhone: false,
  icServers: [],
  stations: ['7001'],
});
const definitions = (
  isDelta: boolean,
  lists: { added?: unknown[]; changed?: unknown[]; removed?: unknown[] },
) =>
  incoming({
    __type: S.statusMessagesMessageType,
    isDelta,
    [S.statusMessagesAdded]: lists.added ?? [],
    [S.statusMessagesChanged]: lists.changed ?? [],
    [S.statusMessagesRemoved]: lists.removed ?? [],
  });
const definition = (statusId: string, messageText = statusId) => ({
  statusId,
  messageText,
  groupTag: 'Available',
  iconUri: '/icons/x.png',
  isAcdStatus: statusId === 'Available',
  isSelectableStatus: true,
});
const users = (isDelta: boolean, lists: { added?: string[]; removed?: string[] }) =>
  incoming({
    __type: ICWS.messageTypes.user,
    isDelta,
    added: (lists.added ?? []).map((id) => ({ configurationId: { id } })),
    changed: [],
    removed: (lists.removed ?? []).map((id) => ({ configurationId: { id } })),
  });

it("appends a user's status to its own stream, its ICWS dates as ISO, unknown properties dropped", async () => {
  const { ingestion, store, appended } = ingestionOn();
  await ingestion.receive(
    userStatuses(false, {
      ...status('anna', 'At Lunch'),
      onPhoneChanged: '20261201T095959Z',
      notes: 'back at two',
      userStatusUntil: { untilDateTime: '20261201T140000Z', hasDate: false, hasTime: true },
    }),
  );

  expect(await appended()).toEqual(['CicUserStatusChanged cic-user-status:anna']);
  const [event] = await store.readAll(0, 10);
  expect(event?.data).toEqual({
    userStatus: {
      userId: 'anna',
      statusId: 'At Lunch',
      loggedIn: true,
      onPhone: false,
      changedAt: '2026-12-01T10:00:00Z',
      onPhoneChangedAt: '2026-12-01T09:59:59Z',
      notes: 'back at two',
      until: { dateTime: '2026-12-01T14:00:00Z', hasDate: false, hasTime: true },
    },
  });
  expect(event?.metadata).toMatchObject({ schemaVersion: 1, source: 'cic-ingestion' });
});

it('appends nothing for a status delivered again, in the same session or after a reconnect', async () => {
  const { ingestion, appended } = ingestionOn();
  await ingestion.receive(userStatuses(false, status('anna', 'Available'), status('bob', 'Gone Home')));
  await ingestion.receive(userStatuses(true, status('anna', 'Available')));
  ingestion.sessionOpened();
  await ingestion.receive(userStatuses(false, status('anna', 'Available'), status('bob', 'Gone Home')));

  expect(await appended()).toHaveLength(2);
});

it('merges a partial delta into the last status, and a change back is a new event', async () => {
  const { ingestion, store, appended } = ingestionOn();
  await ingestion.receive(userStatuses(false, status('anna', 'Available')));
  await ingestion.receive(userStatuses(true, { userId: 'anna', onPhone: true }));
  await ingestion.receive(userStatuses(true, { userId: 'anna', onPhone: false }));

  expect(await appended()).toHaveLength(3);
  const ids = (await store.readAll(0, 10)).map((event) => event.id);
  expect(new Set(ids).size).toBe(3);
});

it("a reconnect's snapshot after a restart appends only the statuses that changed meanwhile", async () => {
  const { ingestion, store } = ingestionOn();
  await ingestion.receive(userStatuses(false, status('anna', 'Available'), status('bob', 'Available')));
  await ingestion.settled();

  const restarted = ingestionOn(store);
  expect(await restarted.ingestion.rebuild()).toBe(2);
  await restarted.ingestion.receive(
    userStatuses(false, status('anna', 'Available'), status('bob', 'At Lunch', '20261201T101500Z')),
  );
  expect(await restarted.appended(2)).toEqual(['CicUserStatusChanged cic-user-status:bob']);
});

it('skips a status it cannot read, naming the field, and appends the rest', async () => {
  const { ingestion, appended } = ingestionOn();
  await ingestion.receive(
    userStatuses(
      false,
      { ...status('anna', 'Available'), statusChanged: '2026-12-01 10:00' },
      { ...status('bob', 'Available'), notes: 'x'.repeat(5_000) },
      status('carl', 'Available'),
    ),
  );

  expect(await appended()).toEqual(['CicUserStatusChanged cic-user-status:carl']);
});

it('records status message definitions added, changed and removed, and one removed while away', async () => {
  const { ingestion, store, appended } = ingestionOn();
  await ingestion.receive(definitions(false, { added: [definition('Available'), definition('At Lunch')] }));
  await ingestion.receive(definitions(true, { changed: [definition('At Lunch', 'Lunch break')] }));
  await ingestion.receive(definitions(true, { added: [definition('Training')] }));
  await ingestion.receive(definitions(true, { removed: ['Training'] }));
  ingestion.sessionOpened();
  await ingestion.receive(definitions(false, { added: [definition('At Lunch', 'Lunch break')] }));

  expect(await appended()).toEqual([
    'CicStatusMessageChanged cic-status-message:Available',
    'CicStatusMessageChanged cic-status-message:At Lunch',
    'CicStatusMessageChanged cic-status-message:At Lunch',
    'CicStatusMessageChanged cic-status-message:Training',
    'CicStatusMessageRemoved cic-status-message:Training',
    'CicStatusMessageRemoved cic-status-message:Available',
  ]);
  const [first] = await store.readAll(0, 1);
  expect(first?.data).toEqual({
    statusMessage: {
      id: 'Available',
      messageText: 'Available',
      groupTag: 'Available',
      isAcdStatus: true,
      isAfterCallWorkStatus: false,
      isDoNotDisturbStatus: false,
      isSelectableStatus: true,
      isPersistentStatus: false,
      isForwardStatus: false,
      isAllowFollowUpStatus: false,
      canHaveDate: false,
      canHaveTime: false,
    },
  });
});

it('follows the known users in the user-statuses subscription, a burst of changes in one PUT', async () => {
  const { ingestion, subscription, session, userIdPuts } = ingestionOn();
  await ingestion.rebuild();
  await subscription.open(session);
  expect(userIdPuts).toEqual([]);

  await ingestion.receive(users(false, { added: ['carl', 'anna'] }));
  await ingestion.receive(users(true, { added: ['bob'] }));
  await ingestion.receive(users(true, { removed: ['carl'] }));
  await subscription.settled();

  expect(userIdPuts).toEqual([['anna', 'bob']]);
});

it('keeps up with a storm: one-user messages are appended in batches, none lost', async () => {
  const { ingestion, store, appended } = ingestionOn(new CountingStore(2));
  for (let index = 0; index < 2_000; index++)
    await ingestion.receive(userStatuses(true, status(`agent.${index % 500}`, `S${index}`)));

  expect(await appended()).toHaveLength(2_000);
  expect(store.appends).toBeLessThan(100);
});

it('a failed batch ends the session, and the next snapshot brings back what was lost', async () => {
  class FailingOnce extends CountingStore {
    failNext = true;

    override appendMany(...args: Parameters<CountingStore['appendMany']>) {
      if (!this.failNext) return super.appendMany(...args);
      this.failNext = false;
      return Promise.reject(new Error('database unavailable'));
    }
  }
  const { ingestion, appended } = ingestionOn(new FailingOnce());
  await ingestion.receive(userStatuses(false, status('anna', 'At Lunch')));
  await expect(ingestion.settled()).rejects.toThrow('database unavailable');

  ingestion.sessionOpened();
  await ingestion.receive(userStatuses(false, status('anna', 'At Lunch')));
  expect(await appended()).toEqual(['CicUserStatusChanged cic-user-status:anna']);
});
