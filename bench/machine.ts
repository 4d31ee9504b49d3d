import { cpus, totalmem } from 'node:os';

/** The line every benchmark prints first: figures mean little without the machine they ran on. */
export function describeMachine(): string {
  const cpu = cpus();
  return `machine: ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** The p-th percentile (0–100) of some figures by the nearest rank; NaN for none. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((sorted.length * p) / 100) - 1)] ?? NaN;
}

/** Runs a benchmark's main and exits with its code: the services it started must not keep the process up. */
export function runBench(main: () => Promise<void>): void {
  main().then(
    () => process.exit(process.exitCode ?? 0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}

/** Runs `work` `rounds` times and returns the median rate in operations per second. */
export async function medianRate(
  rounds: number,
  operations: number,
  work: () => Promise<void>,
): Promise<number> {
  const rates: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const started = process.hrtime.bigint();
    await work();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    rates.push(operations / seconds);
  }
  return median(rates);
}

/**
 * Ours against its raw baseline, in alternating rounds so both sides see the same machine load; the ratio is the
 * median of the rounds' ratios, which a load change between rounds moves less than a ratio of medians.
 */
export async function pairedRates(
  rounds: number,
  operations: number,
  ours: () => Promise<void>,
  baseline: () => Promise<void>,
): Promise<{ ours: number; baseline: number; ratio: number }> {
  const oursRates: number[] = [];
  const baselineRates: number[] = [];
  const ratios: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const a = await medianRate(1, operations, ours);
    const b = await medianRate(1, operations, baseline);
    oursRates.push(a);
    baselineRates.push(b);
    ratios.push(a / b);
  }
  return { ours: median(oursRates), baseline: median(baselineRates), ratio: median(ratios) };
}

export function printTable(title: string, rows: readonly (readonly [string, string, string])[]): void {
  const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => row[column]?.length ?? 0)));
  console.log(`\n${title}`);
  for (const row of rows) console.log(`  ${row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ')}`);
}
