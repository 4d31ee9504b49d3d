import type { GenesysDump, OrgView } from './expected-org';
import type { SyncSystem } from './sync-system';

/** mulberry32: kill moments are random but reproducible from a printed seed. */
export function seededRandom(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface KillTrial {
  /** ms after the bridge started when each service was SIGKILLed (and at once restarted) */
  readonly moments: { delivery: number; mapping: number };
  readonly expected: OrgView;
  readonly actual: OrgView;
  readonly dump: GenesysDump;
  readonly ms: number;
}

/**
 * One crash trial of the initial sync: a fresh bridge for the same center, genesys-delivery and object-mapping
 * SIGKILLed at random moments of its first 2.7 s and restarted, then the org once it converged (or as it was when
 * `timeoutMs` ran out).
 */
export async function killTrial(
  system: SyncSystem,
  label: string,
  next: () => number,
  timeoutMs = 60_000,
): Promise<KillTrial> {
  const started = Date.now();
  await system.resetBridge(label);
  const moments = { delivery: 200 + Math.round(next() * 2500), mapping: 200 + Math.round(next() * 2500) };
  await Promise.all(
    (['genesys-delivery', 'object-mapping'] as const).map(async (name) => {
      await sleep(name === 'genesys-delivery' ? moments.delivery : moments.mapping);
      await system.service(name).kill();
      await system.start(name);
    }),
  );
  const { expected, actual, dump } = await system.converged(timeoutMs);
  return { moments, expected, actual, dump, ms: Date.now() - started };
}
