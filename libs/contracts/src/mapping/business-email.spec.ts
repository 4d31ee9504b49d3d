import { CIC_TEXT_LIMITS } from '../cic/cic-objects';
import { businessEmailOf } from './business-email';

describe('businessEmailOf', () => {
  afterEach(() => jest.restoreAllMocks());

  it('accepts a plausible address, trimmed, and names why others cannot be used', () => {
    expect(businessEmailOf('  ann@example.com ')).toEqual({ ok: true, email: 'ann@example.com' });
    expect(businessEmailOf(undefined)).toEqual({ ok: false, reason: 'noBusinessEmail' });
    expect(businessEmailOf('   ')).toEqual({ ok: false, reason: 'noBusinessEmail' });
    expect(businessEmailOf('jsmith@')).toEqual({ ok: false, reason: 'invalidBusinessEmail' });
  });

  it('accepts an address of exactly 254 characters', () => {
    const email = `${'a'.repeat(CIC_TEXT_LIMITS.email - '@example.com'.length)}@example.com`;
    expect(email).toHaveLength(254);
    expect(businessEmailOf(email)).toEqual({ ok: true, email });
  });

  it('refuses a 100k-character input at once, without running the email pattern', () => {
    // The shape that makes the pattern quadratic: the length cap must refuse it before the pattern runs.
    const hostile = `a@${'.'.repeat(100_000)}@`;
    const exec = jest.spyOn(RegExp.prototype, 'exec');
    const test = jest.spyOn(RegExp.prototype, 'test');
    const started = performance.now();
    expect(businessEmailOf(hostile)).toEqual({ ok: false, reason: 'invalidBusinessEmail' });
    expect(performance.now() - started).toBeLessThan(1_000); // a sanity bound only; the spies are the proof
    expect(test).not.toHaveBeenCalled();
    expect(exec).not.toHaveBeenCalled();
  });
});
