import { packCalls } from './pack-calls';

/** A conversation `name` with `size` events, named `<name>.<n>` in its order. */
const conversation = (name: string, size: number) => ({
  name,
  calls: Array.from({ length: size }, (_, n) => `${name}.${n}`),
});

const sizes = (calls: readonly { calls: readonly string[] }[][]) =>
  calls.map((call) => call.reduce((sum, group) => sum + group.calls.length, 0));

describe('packCalls', () => {
  it('fills calls with later conversations where earlier ones left room', () => {
    // Closing a call at the first conversation that does not fit would make calls of 6, 10 and 4 events.
    const groups = [6, 6, 4, 4, 3].map((size, n) => conversation(`c${n}`, size));

    const calls = packCalls(groups, 10);

    expect(sizes(calls)).toEqual([10, 10, 3]);
  });

  it('keeps a conversation whole and in order in one call', () => {
    const calls = packCalls([conversation('a', 6), conversation('b', 6), conversation('c', 4)], 10);

    expect(calls.map((call) => call.map((group) => group.name))).toEqual([['a', 'c'], ['b']]);
    expect(calls[0]?.[0]?.calls).toEqual(['a.0', 'a.1', 'a.2', 'a.3', 'a.4', 'a.5']);
  });

  it('sends a conversation longer than a call alone, in consecutive calls after the others, in order', () => {
    const calls = packCalls([conversation('long', 23), conversation('short', 2)], 10);

    expect(calls.map((call) => call.map((group) => `${group.name}:${group.calls.join(',')}`))).toEqual([
      ['short:short.0,short.1'],
      ['long:long.0,long.1,long.2,long.3,long.4,long.5,long.6,long.7,long.8,long.9'],
      ['long:long.10,long.11,long.12,long.13,long.14,long.15,long.16,long.17,long.18,long.19'],
      ['long:long.20,long.21,long.22'],
    ]);
  });

  it('makes no call for conversations with nothing to send', () => {
    expect(packCalls([conversation('a', 0), conversation('b', 0)], 10)).toEqual([]);
  });
});
