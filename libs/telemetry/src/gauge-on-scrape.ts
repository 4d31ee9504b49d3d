import { Gauge, register } from 'prom-client';

export interface GaugeSample<L extends string> {
  readonly labels: Readonly<Record<L, string>>;
  readonly value: number;
}

export type GaugeReader<L extends string> = () => Promise<readonly GaugeSample<L>[]>;

const readersByGauge = new Map<string, Map<string, GaugeReader<string>>>();

/**
 * A gauge whose samples are read when Prometheus scrapes (a database query, a broker request), never kept up to
 * date on a hot path. Each `source` adds its reader (a later one of the same source replaces it); a reader that
 * fails leaves its samples out of that scrape rather than failing the whole scrape.
 */
export function gaugeOnScrape<L extends string>(
  name: string,
  help: string,
  labelNames: readonly L[],
  source: string,
  read: GaugeReader<L>,
): void {
  let readers = readersByGauge.get(name);
  if (!readers || register.getSingleMetric(name) === undefined) {
    const own = new Map<string, GaugeReader<string>>();
    readers = own;
    readersByGauge.set(name, own);
    new Gauge<string>({
      name,
      help,
      labelNames: [...labelNames],
      async collect() {
        this.reset();
        const answers = await Promise.allSettled([...own.values()].map((reader) => reader()));
        for (const answer of answers)
          if (answer.status === 'fulfilled') for (const s of answer.value) this.set(s.labels, s.value);
      },
    });
  }
  readers.set(source, read);
}
