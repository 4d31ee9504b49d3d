/** One conversation's events to send, in its order. */
export interface ConversationEvents<Event> {
  readonly calls: readonly Event[];
}

/**
 * Packs conversations into events calls of at most `limit` events. A conversation's events stay together, in
 * order, in one call, so Genesys sees them in order whatever it does with the rest of the call; one with more
 * than `limit` goes alone, in consecutive calls after the others. Each conversation goes into the first call
 * with room (first fit): when a claim holds several calls' worth, every call but the last is full or nearly, so
 * a backlogged lane spends each token of its share on a full call.
 */
export function packCalls<Event, Group extends ConversationEvents<Event>>(
  groups: readonly Group[],
  limit: number,
): Group[][] {
  const calls: { groups: Group[]; size: number }[] = [];
  const alone: Group[][] = [];
  for (const group of groups) {
    const size = group.calls.length;
    if (size === 0) continue;
    if (size > limit) {
      for (let start = 0; start < size; start += limit)
        alone.push([{ ...group, calls: group.calls.slice(start, start + limit) }]);
      continue;
    }
    const call = calls.find((candidate) => candidate.size + size <= limit);
    if (call) {
      call.groups.push(group);
      call.size += size;
    } else calls.push({ groups: [group], size });
  }
  return [...calls.map((call) => call.groups), ...alone];
}
