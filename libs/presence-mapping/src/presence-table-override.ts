import { routingStatusSchema, systemPresenceSchema, CIC_TEXT_LIMITS } from '@bridge/contracts';
import { z } from 'zod';
import { defaultPresenceTable, statusFlags, type PresenceRow, type PresenceTable } from './presence-table';

// An operator's file, but still input: bounded so a mistaken path (a log file, say) fails fast and clearly.
const maxRows = 500;

const text = z.string().min(1).max(CIC_TEXT_LIMITS.name);

const rowSchema = z.strictObject({
  name: text,
  when: z.strictObject({
    loggedIn: z.boolean().optional(),
    statusId: text.optional(),
    flag: z.enum(statusFlags).optional(),
    onPhone: z.boolean().optional(),
    groupTag: text.optional(),
  }),
  then: z.strictObject({
    systemPresence: systemPresenceSchema,
    routingStatus: routingStatusSchema,
    outOfOffice: z.boolean().optional(),
  }),
});

/** An operator's presence table is not valid; the message names the row and the field. */
export class PresenceTableError extends Error {
  override readonly name = 'PresenceTableError';
}

function rowLabel(rows: unknown, index: number): string {
  const row: unknown = Array.isArray(rows) ? rows[index] : undefined;
  const name = typeof row === 'object' && row !== null ? (row as { name?: unknown }).name : undefined;
  return typeof name === 'string' ? `row ${index + 1} ("${name.slice(0, 80)}")` : `row ${index + 1}`;
}

/**
 * The table an operator's override gives: a JSON array of rows. A row named like a default row replaces it; other
 * rows come ahead of the defaults, so among rows of equal precedence the operator's match first. `source` names
 * the override in errors (the file's path).
 */
export function presenceTableOf(override: unknown, source: string): PresenceTable {
  const parsed = z.array(rowSchema).max(maxRows).safeParse(override);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const [index, ...field] = issue.path;
      if (typeof index !== 'number') return issue.message;
      const where =
        field.length > 0
          ? `${rowLabel(override, index)} field ${field.join('.')}`
          : rowLabel(override, index);
      return `${where}: ${issue.message}`;
    });
    throw new PresenceTableError(`${source}: ${problems.join('; ')}`);
  }
  const rows: PresenceRow[] = parsed.data;
  const names = new Set<string>();
  for (const [index, row] of rows.entries()) {
    if (names.has(row.name))
      throw new PresenceTableError(`${source}: ${rowLabel(rows, index)} field name: used by an earlier row`);
    names.add(row.name);
  }
  const byName = new Map(rows.map((row) => [row.name, row]));
  const added = rows.filter((row) => !defaultPresenceTable.some((known) => known.name === row.name));
  const table = [...added, ...defaultPresenceTable.map((row) => byName.get(row.name) ?? row)];
  if (!table.some((row) => Object.keys(row.when).length === 0))
    throw new PresenceTableError(
      `${source}: no row without conditions is left to map the statuses nothing else matches`,
    );
  return Object.freeze(table);
}
