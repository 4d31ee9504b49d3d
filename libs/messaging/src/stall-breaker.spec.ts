import type { ConsumerMessages, JsMsg } from '@nats-io/jetstream';
import { StallBreaker, type HeldMessages } from './stall-breaker';

/** What the server says of the consumer at each check, in turn (the last one again after that). */
const held = (pending: number, ackPending: number, deliveredSeq: number): HeldMessages => ({
  num_pending: pending,
  num_ack_pending: ackPending,
  delivered: { stream_seq: deliveredSeq },
});

/** A consumer whose pulls each bring the next of `messages` (or nothing). */
function fakeConsumer(answers: HeldMessages[], messages: string[] = []) {
  const pulls: number[] = [];
  const consumer = {
    fetch: ({ max_messages }: { max_messages?: number } = {}) => {
      pulls.push(max_messages ?? 0);
      const next = messages.shift();
      const brought = next === undefined ? [] : [{ subject: next } as JsMsg];
      return Promise.resolve(brought as unknown as ConsumerMessages);
    },
  };
  const info = jest.fn(() => {
    const answer = answers.length > 1 ? answers.shift() : answers[0];
    return answer ? Promise.resolve(answer) : Promise.reject(new Error('no answer'));
  });
  return { consumer, pulls, info };
}

/** Lets a check run: its interval, then the spaced pulls of a burst. */
async function check(times = 1): Promise<void> {
  for (let i = 0; i < times; i++) {
    jest.advanceTimersByTime(1_000);
    for (let step = 0; step < 30; step++) {
      await Promise.resolve();
      jest.advanceTimersByTime(2);
    }
  }
}

describe('StallBreaker', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  function started(fake: ReturnType<typeof fakeConsumer>, delivered: string[] = [], stalls: number[] = []) {
    const breaker = new StallBreaker(fake.consumer, fake.info, (message) => delivered.push(message.subject), {
      checkMs: 1_000,
      onStall: (count) => stalls.push(count),
    });
    breaker.start();
    return breaker;
  }

  it('pulls, one message at a time, once per message pending and once more, when two checks find it stalled', async () => {
    const fake = fakeConsumer([held(40, 2, 100)], ['a', 'b']);
    const delivered: string[] = [];
    const stalls: number[] = [];
    const breaker = started(fake, delivered, stalls);
    await check();
    expect(fake.pulls).toEqual([]);
    await check();
    expect({ stalls, pulls: fake.pulls, delivered }).toEqual({
      stalls: [40],
      pulls: [1, 1, 1],
      delivered: ['a', 'b'],
    });
    breaker.stop();
  });

  it('spaces its pulls: sent together, they would wake the server once', async () => {
    const fake = fakeConsumer([held(40, 4, 100)]);
    const breaker = started(fake);
    await check();
    jest.advanceTimersByTime(1_000);
    for (let tick = 0; tick < 10; tick++) await Promise.resolve();
    expect(fake.pulls).toEqual([1]);
    for (let step = 0; step < 30; step++) {
      await Promise.resolve();
      jest.advanceTimersByTime(2);
    }
    expect(fake.pulls).toEqual([1, 1, 1, 1, 1]);
    breaker.stop();
  });

  it('leaves a consumer alone while the server delivers to it, or holds nothing for it', async () => {
    const moving = fakeConsumer([held(40, 0, 100), held(40, 0, 140), held(40, 0, 180)]);
    const breakers = [started(moving)];
    await check(3);
    expect(moving.pulls).toEqual([]);

    const caughtUp = fakeConsumer([held(0, 3, 100)]);
    breakers.push(started(caughtUp));
    await check(3);
    expect(caughtUp.pulls).toEqual([]);
    for (const breaker of breakers) breaker.stop();
  });

  it('leaves a consumer alone while it has work of its own', async () => {
    const fake = fakeConsumer([held(40, 0, 100)]);
    const breaker = started(fake);
    breaker.setIdle(false);
    await check(3);
    expect({ asked: fake.info.mock.calls.length, pulls: fake.pulls }).toEqual({ asked: 0, pulls: [] });
    breaker.setIdle(true);
    await check();
    breaker.setIdle(false);
    await check();
    breaker.setIdle(true);
    await check();
    // Busy in between: the two checks that found it idle were not in a row.
    expect(fake.pulls).toEqual([]);
    await check();
    expect(fake.pulls).toEqual([1]);
    breaker.stop();
  });
});
