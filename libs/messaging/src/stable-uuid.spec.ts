import { stableUuid } from './stable-uuid';

describe('stableUuid', () => {
  it('gives the ids it always gave: stored and published ids derive from it', () => {
    expect(stableUuid('conversation:42', 4)).toBe('033499e5-fc73-40b2-8939-d1b1f6a62b52');
    expect(stableUuid('CIC:dead-letter:42')).toBe('9a953c13-0ae7-8130-b681-7c8bcd1c39dd');
  });

  it('marks the version asked for', () => {
    expect(stableUuid('x', 4)[14]).toBe('4');
    expect(stableUuid('x')[14]).toBe('8');
  });
});
