import type { DesiredPresence } from '@bridge/contracts';
import { defaultRetrySettings, type IdMapEntry, type References } from '@bridge/delivery-planning';
import { GenesysFailure } from '@bridge/genesys-client';
import type { ClaimedPresence, PresenceOutcome } from '../persistence/presences';
import { LaneActivity } from './lane-activity';
import { PresenceLane, type PresenceGenesys } from './presence-lane';
import { PresencePace } from './presence-pace';

/**
 * The lane against an org that applies what it is sent (newest eventDateTime wins, as Genesys orders events) and
 * a store with the table's rules (latest desired per user, revision, lease), driven by a seeded mix of changes
 * arriving between and during rounds, rounds of one call, failures before and after Genesys acted, and rounds
 * that die before recording what they sent (their leases run out). Whatever the interleaving, every user ends
 * with exactly its last status in Genesys.
 */
const day: readonly Omit<DesiredPresence, 'sequence' | 'changedAt'>[] = [
  { statusId: 'Available', systemPresence: 'OnQueue', routingStatus: 'IDLE', outOfOffice: { active: false } },
  {
    statusId: 'On a call',
    systemPresence: 'OnQueue',
    routingStatus: 'INTERACTING',
    outOfOffice: { active: false },
  },
  {
    statusId: 'In a Meeting',
    systemPresence: 'Meeting',
    secondaryStatusKey: 'In a Meeting',
    routingStatus: 'OFF_QUEUE',
    outOfOffice: { active: false },
  },
  {
    statusId: 'At Lunch',
    systemPresence: 'Meal',
    secondaryStatusKey: 'At Lunch',
    routingStatus: 'OFF_QUEUE',
    outOfOffice: { active: false },
  },
  {
    statusId: 'On Vacation',
    systemPresence: 'Away',
    secondaryStatusKey: 'On Vacation',
    routingStatus: 'OFF_QUEUE',
    outOfOffice: { active: true },
  },
];
const routingEventValue = { IDLE: 'Idle', INTERACTING: 'Interacting', OFF_QUEUE: 'OffQueue' } as const;

interface Row {
  desired: DesiredPresence;
  revision: number;
  dirty: boolean;
  /** The round whose lease ends it; undefined when not leased. */
  leasedUntil?: number;
  delivered?: ClaimedPresence['delivered'];
  primarySourceUserId?: string;
  storedAt: number;
}

interface Held {
  presence?: string;
  routing?: string;
  outOfOffice?: boolean;
}

function seeded(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
}

async function run(seed: number): Promise<{ want: Map<string, Held>; held: Map<string, Held> }> {
  const random = seeded(seed);
  const rows = new Map<string, Row>();
  const held = new Map<string, Held>();
  const newest = new Map<string, number>();
  let sequence = 0;
  let now = 0;

  const change = () => {
    const key = `agent${Math.floor(random() * 6)}`;
    const status = day[Math.floor(random() * day.length)] ?? day[0];
    sequence++;
    const desired = { ...status, sequence, changedAt: String(sequence) } as DesiredPresence;
    const row = rows.get(key);
    rows.set(key, {
      ...row,
      desired,
      revision: (row?.revision ?? 0) + 1,
      dirty: true,
      storedAt: now,
    });
  };
  /** Genesys applies an event unless a newer one for the user and endpoint came first. */
  const apply = (endpoint: string, userId: string, at: string, set: (held: Held) => Held) => {
    const key = `${endpoint}:${userId}`;
    if ((newest.get(key) ?? -1) > Number(at)) return;
    newest.set(key, Number(at));
    held.set(userId, set(held.get(userId) ?? {}));
  };
  /** A call that may change the world meanwhile, fail before Genesys acts, or time out after it did. */
  const call = (act: () => void) => {
    if (random() < 0.4) change();
    const fate = random();
    if (fate < 0.1) throw new GenesysFailure('unavailable', 503, 'unavailable', 'before');
    act();
    if (fate < 0.2) throw new GenesysFailure('unavailable', 0, 'timeout', 'after');
  };
  const genesys: PresenceGenesys = {
    presenceSourceNamed: async () => 'src',
    systemPresenceDefinitionIds: async () => new Map([['OnQueue', 'OnQueue']]),
    primarySourceOf: async () => undefined,
    setPrimarySource: async () => undefined,
    sendPresenceEvents: async (events) => {
      call(() =>
        events.forEach((e) =>
          apply('presence', e.userId, e.eventDateTime, (h) => ({ ...h, presence: e.presenceDefinitionId })),
        ),
      );
      return [];
    },
    sendRoutingStatusEvents: async (events) => {
      call(() =>
        events.forEach((e) =>
          apply('routing', e.agentId, e.eventDateTime, (h) => ({ ...h, routing: e.status })),
        ),
      );
      return [];
    },
    setOutOfOffice: async (office) =>
      call(() => held.set(office.userId, { ...held.get(office.userId), outOfOffice: office.active })),
  };
  // Every user and status is live, under its CIC key: the lane's rules, not the id map, are under test.
  const references: References = {
    live: (kind, key) =>
      ({ kind, key, genesysId: key, origin: 'created', name: key, live: true, actual: {} }) as IdMapEntry,
    pending: () => false,
  };
  let round = 0;
  const store = {
    claim: async (_leaseMs: number, limit: number): Promise<ClaimedPresence[]> =>
      [...rows.entries()]
        .filter(([, row]) => row.dirty && (row.leasedUntil ?? -1) < round)
        .slice(0, limit)
        .map(([key, row]) => {
          const abandoned = row.leasedUntil !== undefined;
          row.leasedUntil = round + 3;
          return {
            abandoned,
            key,
            desired: { present: true, document: row.desired },
            delivered: row.delivered,
            primarySourceUserId: row.primarySourceUserId,
            attempts: 0,
            revision: String(row.revision),
            waitedMs: now - row.storedAt,
            traces: [],
          };
        }),
    // Leases here run out by rounds, not by time: a round's renewals change nothing.
    renew: async () => undefined,
    finish: async (outcomes: readonly PresenceOutcome[]) => {
      if (random() < 0.05) throw new Error('the database went away before the outcomes were written');
      for (const outcome of outcomes) {
        const row = rows.get(outcome.key);
        if (!row) continue;
        row.leasedUntil = undefined;
        if (outcome.outcome !== 'wait') {
          row.delivered = outcome.delivered ?? row.delivered;
          row.primarySourceUserId = outcome.primarySourceUserId ?? row.primarySourceUserId;
        }
        row.dirty = String(row.revision) !== outcome.revision || outcome.outcome !== 'done';
      }
    },
  };
  const lane = new PresenceLane(
    store,
    { references: async () => references },
    { save: async () => [] },
    genesys,
    new LaneActivity(),
    new PresencePace({ perMinute: 60, burst: 1 }, () => now),
    (name) => name,
    {
      batch: 3,
      pollMs: 1,
      leaseMs: 1000,
      sourceName: 'bridge',
      retry: defaultRetrySettings,
      waitRecheckMs: 1,
    },
    { warn: () => undefined },
    () => 0.5,
  );
  for (; round < 600; round++) {
    if (round < 300) for (let i = Math.floor(random() * 3); i > 0; i--) change();
    now += 1000;
    await lane.step().catch(() => undefined);
  }
  const want = new Map(
    [...rows].map(([key, { desired }]) => [
      key,
      {
        presence: desired.secondaryStatusKey ?? desired.systemPresence,
        routing: routingEventValue[desired.routingStatus as keyof typeof routingEventValue],
        outOfOffice: desired.outOfOffice?.active ?? false,
      },
    ]),
  );
  return {
    want,
    held: new Map([...held].map(([key, h]) => [key, { ...h, outOfOffice: h.outOfOffice ?? false }])),
  };
}

describe('the presence lane, whatever the interleaving', () => {
  it.each(Array.from({ length: 30 }, (_, i) => i + 1))(
    'leaves every agent with its last status (seed %s)',
    async (seed) => {
      const { want, held } = await run(seed);
      expect(held).toEqual(want);
    },
  );
});
