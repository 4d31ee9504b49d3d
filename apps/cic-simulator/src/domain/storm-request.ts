import type { ContactCenter } from './contact-center';
import { fail, ok, type Outcome } from './outcome';
import { Registry } from './registry';
import type { StormPlanOptions, StormStatus } from './status-storm';
import type { StatusMessage } from './model';

/** A storm as `POST /sim/status-storm` asks for it, already checked field by field. */
export interface StormRequest {
  /** The first N users by id; every user when absent. */
  agents?: number;
  changesPerMinute: number;
  durationS: number;
  seed: number;
  /** The statuses to move between; the day statuses when absent. */
  statusIds?: readonly string[];
  onPhoneShare: number;
}

/**
 * The statuses an agent picks during a working day: selectable ones without a date. Dated ones (On Vacation, Out
 * of the Office, Out of Town) last days, so a storm that flips agents into them every minute would be unreal.
 */
export function dayStatuses(definitions: Iterable<StatusMessage>): StatusMessage[] {
  return [...definitions].filter((status) => status.isSelectableStatus && !status.canHaveDate);
}

/** Users by id in code-unit order, so "the first N" is the same everywhere (no locale collation). */
function usersById(center: ContactCenter): string[] {
  return center.users
    .values()
    .map((user) => user.id)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function stormStatuses(
  center: ContactCenter,
  statusIds: readonly string[] | undefined,
): Outcome<StormStatus[]> {
  if (statusIds === undefined) return ok(dayStatuses(center.statusMessages.values()));
  const statuses: StormStatus[] = [];
  for (const id of statusIds) {
    const status = center.statusMessages.get(Registry.key(id));
    if (!status) return fail('invalid', `statusIds: no status message "${id}"`);
    statuses.push(status);
  }
  return ok(statuses);
}

/** Resolves a request against the center: which agents, which statuses, where each agent starts. */
export function stormPlanOptions(center: ContactCenter, request: StormRequest): Outcome<StormPlanOptions> {
  const all = usersById(center);
  if (request.agents !== undefined && request.agents > all.length)
    return fail('invalid', `agents: ${request.agents} asked, the center has ${all.length} users`);
  const agents = request.agents === undefined ? all : all.slice(0, request.agents);
  const statuses = stormStatuses(center, request.statusIds);
  if (!statuses.ok) return statuses;
  const distinct = new Set(statuses.value.map((status) => Registry.key(status.statusId)));
  if (distinct.size < 2) return fail('invalid', 'statusIds: a storm needs at least two distinct statuses');
  const initial = new Map<string, string>();
  for (const agent of agents) {
    const status = center.userStatuses.get(Registry.key(agent));
    if (status) initial.set(Registry.key(agent), status.statusId);
  }
  return ok({
    agents,
    changesPerMinute: request.changesPerMinute,
    durationMs: request.durationS * 1000,
    seed: request.seed,
    statuses: statuses.value,
    onPhoneShare: request.onPhoneShare,
    initial,
  });
}
