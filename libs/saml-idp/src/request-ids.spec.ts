import { TABLE_CAPACITY } from './capped-map';
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

  it('holds no more than its capacity of ids however many arrive within the ttl', () => {
    const ledger = new RequestIdLedger(60_000);
    for (let i = 0; i < TABLE_CAPACITY.answeredRequestIds + 20_000; i++) ledger.admit(`_${i}`, i);
    expect(ledger.size).toBe(TABLE_CAPACITY.answeredRequestIds);
  });
});
