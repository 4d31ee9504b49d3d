import type { TargetKind } from '@bridge/contracts';
import type { DeliveryObject, References } from '@bridge/delivery-planning';
import type { ObjectVersion } from './operator-tables';
import { PlanRows, referencesAmong } from './plan-rows';

const skill = (key: string, live?: boolean): DeliveryObject => ({
  kind: 'skill',
  key,
  desired: { present: true, document: { name: key } },
  entry:
    live === undefined
      ? undefined
      : {
          kind: 'skill',
          key,
          genesysId: `g-${key}`,
          origin: 'created',
          name: key,
          live,
          actual: { id: `g-${key}`, name: key },
        },
});
const version = (key: string, v: string, flags: Partial<ObjectVersion> = {}): ObjectVersion => ({
  kind: 'skill',
  key,
  version: v,
  dirty: false,
  quarantined: false,
  ...flags,
});

/** delivery's tables as the dry run reads them: versions, and the documents it asks for (counted). */
function tables(rows: Map<string, { version: ObjectVersion; object: DeliveryObject }>) {
  const asked: string[][] = [];
  return {
    asked,
    objectVersions: async (kind: TargetKind | undefined) =>
      [...rows.values()].map((r) => r.version).filter((v) => kind === undefined || v.kind === kind),
    objectsOf: async (wanted: readonly { kind: TargetKind; key: string }[]) => {
      asked.push(wanted.map((w) => w.key));
      return wanted.flatMap((w) => {
        const row = rows.get(w.key);
        return row ? [row.object] : [];
      });
    },
  };
}

describe('PlanRows', () => {
  it('reads the documents of the objects whose version moved, and holds the others', async () => {
    const rows = new Map([
      ['a', { version: version('a', '1.'), object: skill('a') }],
      ['b', { version: version('b', '2.'), object: skill('b') }],
    ]);
    const store = tables(rows);
    const planRows = new PlanRows(store);
    expect((await planRows.read(undefined)).objects.map((o) => o.key)).toEqual(['a', 'b']);

    rows.set('b', { version: version('b', '3.9'), object: skill('b', true) });
    rows.set('c', { version: version('c', '4.'), object: skill('c') });
    const { objects } = await planRows.read(undefined);
    expect(store.asked).toEqual([
      ['a', 'b'],
      ['b', 'c'],
    ]);
    expect(objects.map((o) => [o.key, o.entry?.live])).toEqual([
      ['a', undefined],
      ['b', true],
      ['c', undefined],
    ]);

    rows.delete('a');
    expect((await planRows.read(undefined)).objects.map((o) => o.key)).toEqual(['b', 'c']);
    expect(store.asked.at(-1)).toEqual([]);
  });
});

describe('referencesAmong', () => {
  const store: References = {
    live: (_kind, key) => (key === 'elsewhere' ? skill('elsewhere', true).entry : undefined),
    pending: () => false,
  };

  it('answers from the objects read as IdMap.references does, and asks the store for the rest alone', async () => {
    const read = {
      objects: [skill('live', true), skill('gone', false), skill('due'), skill('held'), skill('calm')],
      versions: [
        version('live', '1.1'),
        version('gone', '2.2', { dirty: true }),
        version('due', '3.', { dirty: true }),
        version('held', '4.', { dirty: true, quarantined: true }),
        version('calm', '5.'),
      ],
    };
    const asked: string[] = [];
    const references = await referencesAmong(
      read,
      ['live', 'gone', 'due', 'held', 'calm', 'elsewhere'].map((key) => ({ kind: 'skill' as const, key })),
      async (rest) => {
        asked.push(...rest.map((r) => r.key));
        return store;
      },
    );
    expect(asked).toEqual(['elsewhere']);
    expect(references.live('skill', 'live')?.genesysId).toBe('g-live');
    expect(references.live('skill', 'gone')).toBeUndefined();
    expect(references.live('skill', 'elsewhere')?.genesysId).toBe('g-elsewhere');
    expect(
      ['live', 'gone', 'due', 'held', 'calm', 'elsewhere'].filter((key) => references.pending('skill', key)),
    ).toEqual(['gone', 'due']);
  });
});
