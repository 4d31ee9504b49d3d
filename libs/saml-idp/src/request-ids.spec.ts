import { RequestIdLedger } from './request-ids';

describe('RequestIdLedger', () => {
  it('admits an id once and refuses it again within the ttl', () => {
    const ledger = new RequestIdLedger(1000);
    expect(ledger.admit('_a', 0)).toBe(true);
    expect(ledger.admit('_b', 10)).toBe(true);
    expect(ledger.admit('_a', 999)).toBe(false);
  });

  it('forgets ids after the ttl so memory stays bounded', () => {
    const ledger = new RequestIdLedger(1000);
    ledger.admit('_a', 0);
    ledger.admit('_b', 500);
    expect(ledger.admit('_c', 1000)).toBe(true);
    expect(ledger.size).toBe(2);
  });
});
