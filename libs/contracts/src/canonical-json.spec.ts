import { canonicalJson } from './canonical-json';

describe('canonicalJson', () => {
  it('sorts keys, so key order makes no difference', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: undefined } })).toBe(canonicalJson({ a: { d: 2 }, b: 1 }));
  });

  it('keeps array order and compares documents read back from JSON equal to computed ones', () => {
    const computed = { state: 'present', key: 'u', document: { routingSkills: [{ rating: 3, key: 'b' }] } };
    const readBack: unknown = JSON.parse(
      '{"document":{"routingSkills":[{"key":"b","rating":3}]},"key":"u","state":"present"}',
    );
    expect(canonicalJson(computed)).toBe(canonicalJson(readBack));
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
  });

  it('leaves __proto__, constructor and prototype keys out and pollutes nothing', () => {
    // JSON.parse makes `__proto__` an own key, exactly as a hostile body would arrive.
    const hostile: unknown = JSON.parse(
      '{"id":"a","__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},' +
        '"nested":{"prototype":{"polluted":"yes"},"kept":1}}',
    );
    expect(JSON.parse(canonicalJson(hostile))).toEqual({ id: 'a', nested: { kept: 1 } });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});
