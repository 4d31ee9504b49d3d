import type { InboxNotification } from '@bridge/contracts';
import { eventually } from '@bridge/testing';
import type { ChannelSocketListener } from './channel-socket';
import { InboxLane } from './inbox-lane';

const topicOf = (id: string) => `v2.users.${id}.workforcemanagement.notifications`;

/** Genesys's side as the lane sees it: channels with their topics, sockets by address. */
class FakeGenesys {
  readonly channels = new Map<string, string[]>();
  readonly sockets = new Map<string, { listener: ChannelSocketListener; open: boolean }>();
  /** Handshakes fail while set: no socket opens. */
  refusing = false;
  private next = 0;

  createNotificationChannel = async () => {
    const id = `c${++this.next}`;
    this.channels.set(id, []);
    return { id, connectUri: `ws://genesys/${id}` };
  };
  notificationChannelExists = async (id: string) => this.channels.has(id);
  setNotificationTopics = async (id: string, topics: readonly string[]) => {
    this.channels.set(id, [...topics]);
    return [];
  };
  openSocket = async (uri: string, listener: ChannelSocketListener) => {
    if (this.refusing) throw new Error('handshake refused');
    const entry = { listener, open: true };
    this.sockets.set(uri, entry);
    return { close: () => void (entry.open = false) };
  };

  /** Every topic on a channel whose socket is open. */
  listened(): string[] {
    return [...this.channels]
      .filter(([id]) => this.sockets.get(`ws://genesys/${id}`)?.open)
      .flatMap(([, topics]) => topics)
      .sort();
  }

  /** Genesys's heartbeat: every open socket gets it, whatever its topics. */
  heartbeat(): void {
    const frame = JSON.stringify({
      topicName: 'channel.metadata',
      eventBody: { message: 'WebSocket Heartbeat' },
    });
    for (const socket of this.sockets.values()) if (socket.open) socket.listener.frame(frame);
  }

  /** Sends a frame on every open socket that listens to the topic. */
  publish(topic: string, eventBody: unknown): void {
    for (const [id, topics] of this.channels) {
      const socket = this.sockets.get(`ws://genesys/${id}`);
      if (socket?.open && topics.includes(topic))
        socket.listener.frame(JSON.stringify({ topicName: topic, eventBody }));
    }
  }
}

/** The catch-up as the lane sees it: each run's gap start and users; `failing` makes runs throw. */
class FakeCatchUp {
  readonly runs: { gapStartedAt: number; users: string[] }[] = [];
  failing = false;
  run = async (gapStartedAt: number, users: ReadonlyMap<string, string>) => {
    if (this.failing) throw new Error('Genesys unavailable');
    this.runs.push({ gapStartedAt, users: [...users.values()] });
    return { passedOn: 0, clipped: false };
  };
}

function setup(
  users: { key: string; genesysId: string }[],
  held = { value: true },
  silenceMs = 60_000,
  listenedAt: number | undefined = undefined,
) {
  const genesys = new FakeGenesys();
  const published: InboxNotification[] = [];
  const catchUp = new FakeCatchUp();
  const watermark = {
    at: listenedAt,
    listenedAt: async () => watermark.at,
    listened: async (at: number) => void (watermark.at = Math.max(watermark.at ?? at, at)),
  };
  const lane = new InboxLane(
    { syncedUsers: async () => users },
    { held: () => held.value, release: async () => undefined },
    genesys,
    genesys.openSocket,
    async (notification) => void published.push(notification),
    catchUp,
    watermark,
    {
      limits: { channels: 3, topicsPerChannel: 2 },
      pollMs: 5,
      silenceMs,
      watermarkEveryMs: 0,
      catchUpRetryMs: 100,
    },
    { warn: () => undefined, log: () => undefined },
  );
  return { genesys, published, lane, catchUp, watermark };
}

const user = (n: number) => ({ key: `cic${n}`, genesysId: `g${n}` });
const sameAs = (expected: string[]) => (actual: string[]) =>
  JSON.stringify(actual) === JSON.stringify([...expected].sort()) ? actual : undefined;

describe('the inbox lane', () => {
  it('listens to every synced user once, within the limits, and follows users as they come and go', async () => {
    const users = [user(1), user(2), user(3)];
    const { genesys, lane } = setup(users);
    lane.start();
    try {
      await eventually(async () => sameAs(users.map((u) => topicOf(u.genesysId)))(genesys.listened()), 2000);
      expect(genesys.channels.size).toBe(2);
      users.splice(0, 1, user(4));
      await eventually(async () => sameAs(['g2', 'g3', 'g4'].map(topicOf))(genesys.listened()), 2000);
      expect(genesys.channels.size).toBe(2);
    } finally {
      await lane.stop();
    }
  });

  it('passes a time-off notification on for the CIC user, and nothing for a heartbeat', async () => {
    const { genesys, published, lane } = setup([user(1)]);
    lane.start();
    try {
      await eventually(async () => sameAs([topicOf('g1')])(genesys.listened()), 2000);
      genesys.heartbeat();
      genesys.publish(topicOf('g1'), {
        id: 'n1',
        timestamp: '2026-12-01T10:00:00Z',
        timeOffRequest: { timeOffRequestId: 'r1', status: 'APPROVED', fullDayManagementUnitDates: [] },
      });
      await eventually(async () => (published.length > 0 ? true : undefined), 2000);
      expect(published).toEqual([
        expect.objectContaining({ genesysNotificationId: 'n1', cicUserId: 'cic1', genesysUserId: 'g1' }),
      ]);
    } finally {
      await lane.stop();
    }
  });

  it('opens a closed socket again, and makes a channel Genesys dropped again with its topics', async () => {
    const { genesys, lane } = setup([user(1)]);
    lane.start();
    try {
      await eventually(async () => sameAs([topicOf('g1')])(genesys.listened()), 2000);
      const first = genesys.sockets.get('ws://genesys/c1');
      if (first) first.open = false;
      first?.listener.closed();
      await eventually(
        async () => (genesys.sockets.get('ws://genesys/c1') !== first ? true : undefined),
        2000,
      );
      expect(genesys.listened()).toEqual([topicOf('g1')]);

      genesys.channels.delete('c1');
      const again = genesys.sockets.get('ws://genesys/c1');
      if (again) again.open = false;
      again?.listener.closed();
      await eventually(async () => sameAs([topicOf('g1')])(genesys.listened()), 2000);
      expect([...genesys.channels.keys()]).toEqual(['c2']);
    } finally {
      await lane.stop();
    }
  });

  it('closes a socket silent for silenceMs (no heartbeat either) and listens on a new one', async () => {
    const { genesys, published, lane } = setup([user(1)], { value: true }, 100);
    lane.start();
    try {
      await eventually(async () => sameAs([topicOf('g1')])(genesys.listened()), 2000);
      const silent = genesys.sockets.get('ws://genesys/c1');
      // Nothing arrives on it, and it never reports a close: only its silence can tell the lane it is dead.
      const fresh = await eventually(async () => {
        const now = genesys.sockets.get('ws://genesys/c1');
        return now !== silent ? now : undefined;
      }, 2000);
      expect(silent?.open).toBe(false);
      expect(fresh.open).toBe(true);
      expect([...genesys.channels]).toEqual([['c1', [topicOf('g1')]]]);
      genesys.publish(topicOf('g1'), {
        id: 'n2',
        timestamp: '2026-12-01T10:00:00Z',
        timeOffRequest: { timeOffRequestId: 'r2', status: 'DENIED', fullDayManagementUnitDates: [] },
      });
      await eventually(async () => (published.length > 0 ? true : undefined), 2000);
      expect(published.map((n) => n.genesysNotificationId)).toEqual(['n2']);
    } finally {
      await lane.stop();
    }
  });

  it('keeps a socket that sends heartbeats, however long no notification comes', async () => {
    const { genesys, lane } = setup([user(1)], { value: true }, 100);
    lane.start();
    const beating = setInterval(() => genesys.heartbeat(), 20);
    try {
      await eventually(async () => sameAs([topicOf('g1')])(genesys.listened()), 2000);
      const first = genesys.sockets.get('ws://genesys/c1');
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(genesys.sockets.get('ws://genesys/c1')).toBe(first);
      expect(first?.open).toBe(true);
    } finally {
      clearInterval(beating);
      await lane.stop();
    }
  });

  it('reports the channels it holds, their sockets and the users the limits leave out, and nothing once it lets go', async () => {
    const held = { value: true };
    const users = [1, 2, 3, 4, 5, 6, 7].map(user);
    const { lane } = setup(users, held);
    lane.start();
    try {
      await eventually(async () => (lane.status(true).channels.length === 3 ? true : undefined), 2000);
      expect(lane.status(true)).toEqual({
        enabled: true,
        holding: true,
        channels: [
          { users: 2, connected: true },
          { users: 2, connected: true },
          { users: 2, connected: true },
        ],
        unplacedUsers: 1,
      });
      held.value = false;
      await eventually(async () => (lane.status(true).holding ? undefined : true), 2000);
      expect(lane.status(true)).toEqual({ enabled: true, holding: false, channels: [], unplacedUsers: 0 });
    } finally {
      await lane.stop();
    }
  });

  it('holds no channel while another instance has the lock, and closes its sockets when it loses it', async () => {
    const held = { value: false };
    const { genesys, lane } = setup([user(1)], held);
    lane.start();
    try {
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(genesys.channels.size).toBe(0);
      held.value = true;
      await eventually(async () => sameAs([topicOf('g1')])(genesys.listened()), 2000);
      held.value = false;
      await eventually(async () => sameAs([])(genesys.listened()), 2000);
    } finally {
      await lane.stop();
    }
  });

  it('catches up after a drop from the last frame heard, once the socket listens again', async () => {
    const { genesys, lane, catchUp } = setup([user(1), user(2)]);
    lane.start();
    try {
      await eventually(async () => sameAs([topicOf('g1'), topicOf('g2')])(genesys.listened()), 2000);
      expect(catchUp.runs).toEqual([]);
      genesys.heartbeat();
      const heardAt = Date.now();
      const first = genesys.sockets.get('ws://genesys/c1');
      if (first) first.open = false;
      first?.listener.closed();
      const [run] = await eventually(async () => (catchUp.runs.length > 0 ? catchUp.runs : undefined), 2000);
      expect(genesys.sockets.get('ws://genesys/c1')?.open).toBe(true);
      expect(run?.gapStartedAt).toBeGreaterThanOrEqual(heardAt - 50);
      expect(run?.gapStartedAt).toBeLessThanOrEqual(Date.now());
      expect(run?.users.sort()).toEqual(['cic1', 'cic2']);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(catchUp.runs).toHaveLength(1);
    } finally {
      await lane.stop();
    }
  });

  it('as a new holder, catches up from where the last holder recorded its sockets listening', async () => {
    const { genesys, lane, catchUp, watermark } = setup([user(1)], { value: true }, 60_000, 1_000);
    lane.start();
    try {
      await eventually(async () => sameAs([topicOf('g1')])(genesys.listened()), 2000);
      await eventually(async () => (catchUp.runs.length > 0 ? true : undefined), 2000);
      expect(catchUp.runs).toEqual([{ gapStartedAt: 1_000, users: ['cic1'] }]);
      // Caught up, listening: the watermark moves on for the next holder.
      await eventually(async () => ((watermark.at ?? 0) > 1_000 ? true : undefined), 2000);
    } finally {
      await lane.stop();
    }
  });

  it('neither catches up nor moves the watermark on while a socket is not listening', async () => {
    const { genesys, lane, catchUp, watermark } = setup([user(1)], { value: true }, 60_000, 1_000);
    genesys.refusing = true;
    lane.start();
    try {
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(catchUp.runs).toEqual([]);
      expect(watermark.at).toBe(1_000);
    } finally {
      await lane.stop();
    }
  });

  it('tries a failed catch-up again after a pause, from the same gap start', async () => {
    const { lane, catchUp } = setup([user(1)], { value: true }, 60_000, 1_000);
    catchUp.failing = true;
    lane.start();
    try {
      await new Promise((resolve) => setTimeout(resolve, 50));
      catchUp.failing = false;
      await eventually(async () => (catchUp.runs.length > 0 ? true : undefined), 2000);
      expect(catchUp.runs).toEqual([{ gapStartedAt: 1_000, users: ['cic1'] }]);
    } finally {
      await lane.stop();
    }
  });
});
