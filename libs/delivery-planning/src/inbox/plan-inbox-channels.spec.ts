import { planInboxChannels } from './plan-inbox-channels';

const limits = { channels: 3, topicsPerChannel: 2 };
const ids = (n: number, prefix = 'u') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('planInboxChannels', () => {
  it('opens as many channels as the users need, each within the topic limit', () => {
    const plan = planInboxChannels(ids(5), [], limits);
    expect(plan.channels.map((c) => c.userIds)).toEqual([['u0', 'u1'], ['u2', 'u3'], ['u4']]);
    expect(plan.channels.every((c) => c.channelId === undefined && c.changed)).toBe(true);
    expect(plan.unplaced).toEqual([]);
  });

  it('leaves channels whose users did not change alone', () => {
    const current = [
      { channelId: 'a', userIds: ['u0', 'u1'] },
      { channelId: 'b', userIds: ['u2'] },
    ];
    const plan = planInboxChannels(['u2', 'u1', 'u0'], current, limits);
    expect(plan.channels).toEqual([
      { channelId: 'a', userIds: ['u0', 'u1'], changed: false },
      { channelId: 'b', userIds: ['u2'], changed: false },
    ]);
  });

  it('puts a new user where there is room and takes a removed user off its channel only', () => {
    const current = [
      { channelId: 'a', userIds: ['u0', 'u1'] },
      { channelId: 'b', userIds: ['u2', 'u3'] },
    ];
    const plan = planInboxChannels(['u0', 'u1', 'u3', 'new'], current, limits);
    expect(plan.channels).toEqual([
      { channelId: 'a', userIds: ['u0', 'u1'], changed: false },
      { channelId: 'b', userIds: ['u3', 'new'], changed: true },
    ]);
  });

  it('says which users no channel has room for once the channel limit is reached', () => {
    const plan = planInboxChannels(ids(8), [], limits);
    expect(plan.channels).toHaveLength(3);
    expect(plan.unplaced).toEqual(['u6', 'u7']);
  });

  it('places 5,000 agents within 20 channels of 1,000 topics, each once', () => {
    const plan = planInboxChannels(ids(5000), [], { channels: 20, topicsPerChannel: 1000 });
    expect(plan.channels).toHaveLength(5);
    expect(new Set(plan.channels.flatMap((c) => c.userIds)).size).toBe(5000);
    expect(plan.unplaced).toEqual([]);
  });
});
