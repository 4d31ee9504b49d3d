import type { CicSegment } from '@bridge/contracts';
import { contributionsOf, type InteractionFacts } from './contributions';
import { RowDeltas, earliestIntervalOf } from './row-deltas';

const at = (time: string) => `2026-01-05T${time}Z`;
const interval = (time: string) => Date.parse(at(time));
const segment = (fields: Partial<CicSegment>): CicSegment => ({
  workgroupId: 'Support',
  skills: [],
  holds: [],
  ...fields,
});
const call = (...segments: CicSegment[]): InteractionFacts => ({ mediaType: 'call', segments });
const row = { workgroupId: 'Support', mediaType: 'call', skillSet: '', language: '' };

describe('where an interaction counts', () => {
  it('offers in the interval it entered the queue and handles in the interval it was answered', () => {
    const spanning = call(
      segment({
        enteredQueueAt: at('09:14:50.000'),
        answeredAt: at('09:15:20.000'),
        endedAt: at('09:20:20.000'),
      }),
    );
    expect(contributionsOf(spanning)).toEqual([
      { ...row, intervalStart: interval('09:00:00'), offered: 1, handled: 0, handleMs: 0 },
      { ...row, intervalStart: interval('09:15:00'), offered: 0, handled: 1, handleMs: 300_000 },
    ]);
  });

  it('counts talk, holds and after-call work that ends in the next interval, all in the answered interval', () => {
    const withAcw = call(
      segment({
        enteredQueueAt: at('09:10:00.000'),
        answeredAt: at('09:11:00.000'),
        endedAt: at('09:14:00.000'),
        afterCallWork: { startedAt: at('09:14:00.000'), endedAt: at('09:16:30.000') },
      }),
    );
    expect(contributionsOf(withAcw)).toContainEqual({
      ...row,
      intervalStart: interval('09:00:00'),
      offered: 0,
      handled: 1,
      handleMs: 330_000,
    });
  });

  it('does not count an interaction as handled while its after-call work goes on', () => {
    const wrapping = call(
      segment({
        enteredQueueAt: at('09:10:00.000'),
        answeredAt: at('09:11:00.000'),
        endedAt: at('09:14:00.000'),
        afterCallWork: { startedAt: at('09:14:00.000') },
      }),
    );
    expect(contributionsOf(wrapping)).toEqual([
      { ...row, intervalStart: interval('09:00:00'), offered: 1, handled: 0, handleMs: 0 },
    ]);
  });

  it('offers an abandoned interaction and does not handle it', () => {
    const abandoned = call(segment({ enteredQueueAt: at('09:29:59.000'), endedAt: at('09:31:00.000') }));
    expect(contributionsOf(abandoned)).toEqual([
      { ...row, intervalStart: interval('09:15:00'), offered: 1, handled: 0, handleMs: 0 },
    ]);
  });

  it('offers a transfer to another workgroup in both, and handles it where it was answered', () => {
    const transferred = call(
      segment({
        enteredQueueAt: at('09:00:00.000'),
        answeredAt: at('09:01:00.000'),
        endedAt: at('09:02:00.000'),
      }),
      segment({
        workgroupId: 'Billing',
        enteredQueueAt: at('09:02:00.000'),
        answeredAt: at('09:20:00.000'),
        endedAt: at('09:25:00.000'),
      }),
    );
    expect(contributionsOf(transferred)).toEqual([
      { ...row, intervalStart: interval('09:00:00'), offered: 1, handled: 0, handleMs: 0 },
      { ...row, intervalStart: interval('09:00:00'), offered: 0, handled: 1, handleMs: 60_000 },
      {
        ...row,
        workgroupId: 'Billing',
        intervalStart: interval('09:00:00'),
        offered: 1,
        handled: 0,
        handleMs: 0,
      },
      {
        ...row,
        workgroupId: 'Billing',
        intervalStart: interval('09:15:00'),
        offered: 0,
        handled: 1,
        handleMs: 300_000,
      },
    ]);
  });

  it('counts a callback under its own media type, with its skills sorted and its language', () => {
    const callback: InteractionFacts = {
      mediaType: 'callback',
      segments: [
        segment({
          enteredQueueAt: at('10:00:00.000'),
          skills: ['VIP', 'Billing', 'VIP'],
          language: 'French',
          answeredAt: at('10:45:00.000'),
          endedAt: at('10:46:00.000'),
        }),
      ],
    };
    const keys = contributionsOf(callback).map(({ mediaType, skillSet, language }) => ({
      mediaType,
      skillSet,
      language,
    }));
    expect(keys).toEqual([
      { mediaType: 'callback', skillSet: 'Billing|||VIP', language: 'French' },
      { mediaType: 'callback', skillSet: 'Billing|||VIP', language: 'French' },
    ]);
  });

  it('leaves out segments that did not come from a queue (outbound, a transfer straight to a user)', () => {
    const outbound = call(segment({ answeredAt: at('09:00:00.000'), endedAt: at('09:05:00.000') }));
    expect(contributionsOf(outbound)).toEqual([]);
  });
});

describe('RowDeltas', () => {
  const queued = call(segment({ enteredQueueAt: at('09:10:00.000') }));
  const handled = call(
    segment({
      enteredQueueAt: at('09:10:00.000'),
      answeredAt: at('09:31:00.000'),
      endedAt: at('09:32:00.000'),
    }),
  );

  it('applies only what changed since the interaction was last seen', () => {
    const deltas = new RowDeltas();
    deltas.change(contributionsOf(queued), contributionsOf(handled));
    expect(deltas.list()).toEqual([
      { ...row, intervalStart: interval('09:30:00'), offered: 0, handled: 1, handleMs: 60_000 },
    ]);
  });

  it('changes nothing when the same state is seen again (a replayed event)', () => {
    const deltas = new RowDeltas();
    deltas.change(contributionsOf(handled), contributionsOf(handled));
    expect(deltas.list()).toEqual([]);
  });

  it('sums many interactions per row and tells the earliest interval touched', () => {
    const deltas = new RowDeltas();
    deltas.change([], contributionsOf(queued));
    deltas.change([], contributionsOf(handled));
    const changes = deltas.list();
    expect(changes).toContainEqual({
      ...row,
      intervalStart: interval('09:00:00'),
      offered: 2,
      handled: 0,
      handleMs: 0,
    });
    expect(earliestIntervalOf(changes)).toBe(interval('09:00:00'));
    expect(earliestIntervalOf([])).toBe(Number.POSITIVE_INFINITY);
  });
});
