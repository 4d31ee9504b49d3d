import { MessageSplitter, type SplitResult } from './message-splitter';

const options = {
  lists: new Set(['added', 'changed', 'removed']),
  partItems: 2,
  header: ['__type', 'isDelta'],
};

/** Feeds `text` in pieces of `size` characters, then ends it. */
function split(text: string, size: number, partItems = options.partItems): SplitResult[] {
  const splitter = new MessageSplitter({ ...options, partItems });
  const out: SplitResult[] = [];
  for (let i = 0; i < text.length; i += size) out.push(...splitter.push(text.slice(i, i + size)));
  return [...out, ...splitter.end()];
}

const snapshot = {
  __type: 'urn:t',
  isDelta: false,
  subscriptionId: 's',
  added: [
    { configurationId: { id: 'a,b', displayName: 'x]}"\\' }, n: [1, [2]] },
    { configurationId: { id: 'c' } },
    { configurationId: { id: 'd' }, list: [] },
  ],
  changed: [],
  removed: [{ configurationId: { id: 'e' } }],
};

describe('MessageSplitter', () => {
  it.each([1, 7, 1000])(
    'hands long lists on in parts, whatever the chunk size (%i); the last part may be empty',
    (size) => {
      const parts = split(JSON.stringify(snapshot, null, size === 7 ? 1 : 0), size);
      expect(parts).toEqual([
        {
          ok: true,
          message: {
            __type: 'urn:t',
            isDelta: false,
            subscriptionId: 's',
            added: snapshot.added.slice(0, 2),
          },
          part: { first: true, last: false },
        },
        {
          ok: true,
          message: {
            __type: 'urn:t',
            isDelta: false,
            subscriptionId: 's',
            added: snapshot.added.slice(2),
            removed: snapshot.removed,
          },
          part: { first: false, last: false },
        },
        {
          ok: true,
          message: { __type: 'urn:t', isDelta: false, subscriptionId: 's' },
          part: { first: false, last: true },
        },
      ]);
    },
  );

  it('passes a small message on as one part, first and last', () => {
    const message = { __type: 'urn:t', isDelta: true, changed: [{ id: 1 }], other: { deep: [1, 2, 3] } };
    expect(split(JSON.stringify(message), 5, 10)).toEqual([
      { ok: true, message, part: { first: true, last: true } },
    ]);
  });

  it('keeps items until the header has come, when the lists come first', () => {
    const text = JSON.stringify({ added: [1, 2, 3, 4, 5], __type: 't', isDelta: false });
    const parts = split(text, 3);
    expect(parts).toHaveLength(1);
    expect(parts[0]).toEqual({
      ok: true,
      message: { added: [1, 2, 3, 4, 5], __type: 't', isDelta: false },
      part: { first: true, last: true },
    });
  });

  it('reads what is not an object whole, and reports text that is not JSON', () => {
    expect(split('[1,2]', 1)).toEqual([{ ok: true, message: [1, 2], part: { first: true, last: true } }]);
    expect(split('{"__type":"t","isDelta":false,"added":[1,2,{x}]}', 4)).toEqual([
      {
        ok: true,
        message: { __type: 't', isDelta: false, added: [1, 2] },
        part: { first: true, last: false },
      },
      { ok: false, raw: '{"__type":"t","isDelta":false,"added":[1,2,{x}]}', reason: 'invalidJson' },
    ]);
    expect(split('{"__type":"t","added":[1', 2)).toEqual([
      { ok: false, raw: '{"__type":"t","added":[1', reason: 'invalidJson' },
    ]);
  });
});
