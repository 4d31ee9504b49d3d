import { auditBudget, keepsDriftingStatus, nextAuditCallAtMs, passFit, repairOrReport } from './audit-rules';

const org = { perMinute: 300, burst: 300 };

describe('the audit lane', () => {
  it('spreads a pass evenly over the interval', () => {
    const progress = { startedAtMs: 1_000, callsMade: 5, callsLeft: 15 };
    expect(nextAuditCallAtMs(progress, 20_000)).toBe(6_000);
    expect(nextAuditCallAtMs({ ...progress, callsMade: 0 }, 20_000)).toBe(1_000);
  });

  it('spends its share of the org budget and no more, busy or idle', () => {
    expect(auditBudget(org, 0.1)).toEqual({ perMinute: 30, burst: 30 });
    expect(auditBudget({ perMinute: 0, burst: 1 }, 0.1)).toEqual({ perMinute: 0, burst: 1 });
  });

  it('says when a pass cannot fit in the interval at its share', () => {
    const budget = auditBudget(org, 0.1);
    expect(passFit(330, 900_000, budget)).toEqual({ fits: true, minimumMs: 600_000 });
    expect(passFit(600, 900_000, budget)).toEqual({ fits: false, minimumMs: 1_140_000 });
    expect(passFit(10_000, 1, { perMinute: 0, burst: 1 }).fits).toBe(true);
  });

  it('reports instead of repairing once the day has had its repairs', () => {
    expect(repairOrReport(2, 3)).toBe('repair');
    expect(repairOrReport(3, 3)).toBe('report');
    const status = keepsDriftingStatus(3, 'g-1', [{ field: 'name' }, { field: 'name' }, { field: 'member' }]);
    expect(status).toMatchObject({ status: 'error', genesysId: 'g-1', error: { code: 'keepsDrifting' } });
    expect(status.error?.message).toContain('(name, member)');
  });
});
