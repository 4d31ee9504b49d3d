import type { IcwsSession } from '@bridge/icws-client';
import { Logger } from '@nestjs/common';
import { StatusSubscription } from './status-subscription';

beforeAll(() => {
  Logger.overrideLogger(false);
});

const sessionNamed = (sessionId: string) => ({ sessionId }) as IcwsSession;

/** A subscription whose PUTs are recorded as `<session>: <user ids>`, failing while `failing` is set. */
function recorded() {
  const puts: string[] = [];
  const state = { failing: false, failures: 0 };
  const subscription = new StatusSubscription({
    coalesceMs: 5,
    retryMs: 10,
    putUserIds: async (session, userIds) => {
      if (state.failing) {
        state.failures++;
        throw new Error('503 switchover');
      }
      puts.push(`${session.sessionId}: ${userIds.join(',')}`);
    },
    putStatusMessages: async (session) => void puts.push(`${session.sessionId}: status messages`),
  });
  return { subscription, puts, state };
}

it('subscribes a new session to the status messages and the users known so far, at once', async () => {
  const { subscription, puts } = recorded();
  subscription.follow(['bob', 'anna']);
  await subscription.open(sessionNamed('s1'));
  expect(puts).toEqual(['s1: status messages', 's1: anna,bob']);
});

it('sends no empty list, nothing when the list did not change, and the latest list after a failed PUT', async () => {
  const { subscription, puts, state } = recorded();
  await subscription.open(sessionNamed('s1'));
  subscription.follow([]);
  state.failing = true;
  subscription.follow(['anna']);
  while (state.failures === 0) await new Promise((resolve) => setTimeout(resolve, 1));
  state.failing = false;
  subscription.follow(['anna', 'carl']);
  await subscription.settled();
  expect(puts).toEqual(['s1: status messages', 's1: anna,carl']);
});

it('puts nothing once closed', async () => {
  const { subscription, puts } = recorded();
  await subscription.open(sessionNamed('s1'));
  subscription.follow(['anna']);
  subscription.close();
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(puts).toEqual(['s1: status messages']);
});
