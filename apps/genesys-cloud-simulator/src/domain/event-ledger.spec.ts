import { EventLedger } from './event-ledger';

describe('EventLedger', () => {
  it('applies new events, takes a retried eventId as a duplicate and an older event as out of order', () => {
    const ledger = new EventLedger();
    expect(ledger.admit('presence', 'u1', 'e1', 1_000, 1_050)).toBe('apply');
    expect(ledger.admit('presence', 'u1', 'e1', 1_000, 1_060)).toBe('duplicate');
    expect(ledger.admit('presence', 'u1', 'e2', 900, 1_070)).toBe('outOfOrder');
    expect(ledger.admit('presence', 'u1', 'e3', 1_000, 1_080)).toBe('apply');
    expect(ledger.stats()).toMatchObject({ presenceEvents: 2, duplicates: 1, outOfOrder: 1 });
  });

  it('keeps each applied event with its receipt time, and only those', () => {
    const ledger = new EventLedger();
    ledger.admit('presence', 'u1', 'e1', 1_000, 1_050);
    ledger.admit('presence', 'u1', 'e1', 1_000, 1_060);
    ledger.admit('routingStatus', 'u1', 'e2', 1_000, 1_070);
    expect(ledger.appliedEvents()).toEqual([
      ['presence', 'u1', 1_000, 1_050],
      ['routingStatus', 'u1', 1_000, 1_070],
    ]);
  });

  it('orders each user and endpoint on its own', () => {
    const ledger = new EventLedger();
    expect(ledger.admit('presence', 'u1', 'e1', 2_000, 2_000)).toBe('apply');
    expect(ledger.admit('routingStatus', 'u1', 'e2', 1_000, 2_000)).toBe('apply');
    expect(ledger.admit('presence', 'u2', 'e3', 1_000, 2_000)).toBe('apply');
    expect(ledger.stats()).toMatchObject({ presenceEvents: 2, routingStatusEvents: 1, outOfOrder: 0 });
  });

  it('reports the delay from eventDateTime to receipt as percentiles', () => {
    const ledger = new EventLedger();
    for (let i = 1; i <= 100; i += 1) ledger.admit('presence', `u${i}`, `e${i}`, 0, i);
    expect(ledger.stats().lagMs).toEqual({ count: 100, p50: 51, p99: 100, max: 100 });
  });

  it('zeroes its counters on request but still knows the ids and the order', () => {
    const ledger = new EventLedger();
    ledger.admit('presence', 'u1', 'e1', 2_000, 2_100);
    ledger.resetCounters();
    expect(ledger.stats()).toMatchObject({ presenceEvents: 0, lagMs: { count: 0 } });
    expect(ledger.appliedEvents()).toEqual([]);
    expect(ledger.admit('presence', 'u1', 'e1', 2_000, 2_200)).toBe('duplicate');
    expect(ledger.admit('presence', 'u1', 'e2', 1_000, 2_200)).toBe('outOfOrder');
  });
});
