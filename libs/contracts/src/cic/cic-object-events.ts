import { z } from 'zod';
import { defineEvent } from '../envelope';
import { cicIdSchema } from './cic-objects';

/** The CIC object kinds the bridge follows and the entity token of their subjects and event-store streams. */
export const cicKindTokens = {
  user: 'user',
  workgroup: 'workgroup',
  skill: 'skill',
  wrapUpCode: 'wrap-up-code',
} as const;
export type CicObjectKind = keyof typeof cicKindTokens;

/** The event-store stream of one CIC object, e.g. `cic-user:John.Smith`. */
export function cicStreamId(kind: CicObjectKind, id: string): string {
  return `cic-${cicKindTokens[kind]}:${id}`;
}

/**
 * The pair of events every CIC object kind has. `…Changed` carries the object's whole state after an add or a
 * change under the kind's name (state-carrying, so a consumer never needs an earlier event to act); `…Removed`
 * carries only the id. Published by cic-ingestion through the event store's outbox, in the log's global order.
 */
export function defineCicObjectEvents<
  Kind extends CicObjectKind,
  Changed extends string,
  Removed extends string,
  Schema extends z.ZodObject,
>(kind: Kind, types: { changed: Changed; removed: Removed }, schema: Schema) {
  const entity = cicKindTokens[kind];
  return {
    changed: defineEvent({
      type: types.changed,
      schemaVersion: 1,
      subject: `cic.${entity}.changed`,
      stream: 'CIC',
      schema: z.object({ [kind]: schema } as Record<Kind, Schema>),
    }),
    removed: defineEvent({
      type: types.removed,
      schemaVersion: 1,
      subject: `cic.${entity}.removed`,
      stream: 'CIC',
      schema: z.object({ id: cicIdSchema }),
    }),
  };
}
