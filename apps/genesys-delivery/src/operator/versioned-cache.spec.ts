import { VersionedCache } from './versioned-cache';

/** A cache over a clock the test moves, and a computation that counts its runs. */
function given(maxAgeMs = 1000) {
  let now = 0;
  let runs = 0;
  const cache = new VersionedCache<string>(maxAgeMs, () => now);
  const compute = (value: string) => async () => {
    runs++;
    return value;
  };
  return { cache, compute, runs: () => runs, advance: (ms: number) => (now += ms) };
}

it('answers the held value for the same version and computes again for a new one', async () => {
  const { cache, compute, runs } = given();
  expect(await cache.get('all', 'v1', compute('a'))).toBe('a');
  expect(await cache.get('all', 'v1', compute('b'))).toBe('a');
  expect(runs()).toBe(1);
  expect(await cache.get('all', 'v2', compute('c'))).toBe('c');
  expect(await cache.get('all', 'v2', compute('d'))).toBe('c');
  expect(runs()).toBe(2);
});

it('keeps one value per key', async () => {
  const { cache, compute } = given();
  await cache.get('user', 'v1', compute('users'));
  await cache.get('queue', 'v1', compute('queues'));
  expect(await cache.get('user', 'v1', compute('other'))).toBe('users');
  expect(await cache.get('queue', 'v1', compute('other'))).toBe('queues');
});

it('computes again once the held value is older than the bound, even for the same version', async () => {
  const { cache, compute, advance } = given(1000);
  await cache.get('all', 'v1', compute('a'));
  advance(999);
  expect(await cache.get('all', 'v1', compute('b'))).toBe('a');
  advance(1);
  expect(await cache.get('all', 'v1', compute('c'))).toBe('c');
});

it('shares a computation still running with a second read of the same version', async () => {
  const { cache } = given();
  let release: (value: string) => void = () => undefined;
  let runs = 0;
  const slow = () => {
    runs++;
    return new Promise<string>((resolve) => (release = resolve));
  };
  const first = cache.get('all', 'v1', slow);
  const second = cache.get('all', 'v1', slow);
  release('a');
  expect(await Promise.all([first, second])).toEqual(['a', 'a']);
  expect(runs).toBe(1);
});

it('forgets a failed computation: the next read computes again', async () => {
  const { cache, compute } = given();
  await expect(
    cache.get('all', 'v1', async () => {
      throw new Error('database gone');
    }),
  ).rejects.toThrow('database gone');
  expect(await cache.get('all', 'v1', compute('a'))).toBe('a');
});
