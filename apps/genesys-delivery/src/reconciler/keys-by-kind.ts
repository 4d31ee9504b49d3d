import type { TargetKind } from '@bridge/contracts';

/** The keys of these records, grouped by kind (for one statement per kind). */
export function keysByKind(records: readonly { kind: TargetKind; key: string }[]): Map<TargetKind, string[]> {
  const byKind = new Map<TargetKind, string[]>();
  for (const { kind, key } of records) byKind.set(kind, [...(byKind.get(kind) ?? []), key]);
  return byKind;
}
