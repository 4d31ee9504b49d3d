import { CIC_TEXT_LIMITS } from '@bridge/contracts';
import { parseItem } from './parse-item';

const user = (id: string, info: Record<string, unknown>) => ({
  configurationId: { id },
  personalInformationProperties: info,
});

describe('parseItem', () => {
  it('accepts strings at their caps', () => {
    const email = `${'a'.repeat(CIC_TEXT_LIMITS.email - 4)}@x.y`;
    const result = parseItem('user', {
      configurationId: { id: 'anna', displayName: 'n'.repeat(CIC_TEXT_LIMITS.name) },
      personalInformationProperties: { emailAddress: email, mobileNumber: '1'.repeat(CIC_TEXT_LIMITS.phone) },
    });
    expect(result.ok).toBe(true);
  });

  it('rejects a 5 MB business email as valueTooLong, naming the ICWS property and the record', () => {
    const result = parseItem('user', user('anna', { emailAddress: `a@${'x'.repeat(5_000_000)}.com` }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.rejection).toMatchObject({ reason: 'valueTooLong', kind: 'user', id: 'anna' });
    expect(result.rejection.detail).toMatch(/^personalInformationProperties\.emailAddress: /);
  });

  it.each([
    [
      'a phone',
      'user',
      user('anna', { homeNumber: '1'.repeat(65) }),
      'personalInformationProperties.homeNumber',
    ],
    [
      'a display name',
      'wrapUpCode',
      { configurationId: { id: 'Sale', displayName: 'n'.repeat(257) } },
      'configurationId.displayName',
    ],
    [
      'a queue type',
      'workgroup',
      { configurationId: { id: 'Sales' }, queueType: 'A'.repeat(65), hasQueue: true, isActive: true },
      'queueType',
    ],
  ] as const)('rejects %s over its cap as valueTooLong, naming the field', (_what, kind, raw, field) => {
    const result = parseItem(kind, raw);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.rejection.reason).toBe('valueTooLong');
    expect(result.rejection.id).toBe(raw.configurationId.id);
    expect(result.rejection.detail.startsWith(`${field}: `)).toBe(true);
  });
});
