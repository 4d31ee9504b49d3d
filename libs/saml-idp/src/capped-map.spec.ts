import { CappedMap } from './capped-map';

describe('CappedMap', () => {
  it('never holds more than its capacity, forgetting the entries set longest ago', () => {
    const map = new CappedMap<string, number>(3);
    for (let i = 0; i < 20_000; i++) map.set(`k${i}`, i);
    expect(map.size).toBe(3);
    expect([...map.keys()]).toEqual(['k19997', 'k19998', 'k19999']);
  });

  it('counts setting a key again as recent', () => {
    const map = new CappedMap<string, number>(2).set('a', 1).set('b', 2).set('a', 3).set('c', 4);
    expect([...map.entries()]).toEqual([
      ['a', 3],
      ['c', 4],
    ]);
  });
});
