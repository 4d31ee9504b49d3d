import type { InboxLaneStatus } from '@bridge/contracts';
import { InboxReceipts, inboxLaneOf } from './inbox-lane';

const standing: InboxLaneStatus = { enabled: true, holding: false, channels: [], unplacedUsers: 0 };
const holding = (...connected: boolean[]): InboxLaneStatus => ({
  enabled: true,
  holding: true,
  channels: connected.map((open, i) => ({ users: 10 + i, connected: open })),
  unplacedUsers: 3,
});
const none = { count: 0 };

describe('inboxLaneOf', () => {
  it('shows the holder’s channels, whichever instance answered first', () => {
    const view = inboxLaneOf({ lanes: [standing, holding(true, true)], received: none });
    expect(view).toMatchObject({
      state: 'listening',
      channels: 2,
      connectedChannels: 2,
      subscribedUsers: 21,
      unplacedUsers: 3,
    });
  });

  it('says reconnecting while a channel’s socket is not open: notifications for its users are lost meanwhile', () => {
    expect(inboxLaneOf({ lanes: [holding(true, false)], received: none })).toMatchObject({
      state: 'reconnecting',
      channels: 2,
      connectedChannels: 1,
    });
  });

  it('says waiting when the lane is on and no instance holds the channels', () => {
    expect(inboxLaneOf({ lanes: [standing, standing], received: none })).toMatchObject({
      state: 'waiting',
      channels: 0,
      subscribedUsers: 0,
    });
  });

  it('says off when the feature is off, and unknown when no instance tells', () => {
    const off = { ...standing, enabled: false };
    expect(inboxLaneOf({ lanes: [off], received: none }).state).toBe('off');
    expect(inboxLaneOf({ lanes: [], received: none }).state).toBe('unknown');
    expect(inboxLaneOf({ lanes: [undefined], received: none }).state).toBe('unknown');
  });

  it('counts as backlog what was received and not yet recorded by cic-ingestion', () => {
    const view = inboxLaneOf({
      lanes: [holding(true)],
      received: { count: 7, lastAt: '2026-12-01T10:00:00.000Z' },
      recorded: { count: 5, sent: 4 },
    });
    expect(view).toMatchObject({
      received: 7,
      recorded: 5,
      delivered: 4,
      backlog: 2,
      lastNotificationAt: '2026-12-01T10:00:00.000Z',
    });
  });

  it('never shows a negative backlog while the feed is still reading DELIVERY, nor one it cannot know', () => {
    expect(inboxLaneOf({ lanes: [], received: { count: 1 }, recorded: { count: 4, sent: 4 } }).backlog).toBe(
      0,
    );
    expect(inboxLaneOf({ lanes: [], received: { count: 1 } })).not.toHaveProperty('backlog');
  });
});

describe('InboxReceipts', () => {
  it('counts a notification read twice once and keeps the newest time, in whatever order they come', () => {
    const receipts = new InboxReceipts();
    receipts.add('n1', '2026-12-01T10:00:00.000Z');
    receipts.add('n2', '2026-12-01T12:00:00.000Z');
    receipts.add('n1', '2026-12-01T11:00:00.000Z');
    expect(receipts.count).toBe(2);
    expect(receipts.lastAt).toBe('2026-12-01T12:00:00.000Z');
    receipts.clear();
    expect([receipts.count, receipts.lastAt]).toEqual([0, undefined]);
  });
});
