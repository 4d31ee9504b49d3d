import { mergeDelta } from './merge-delta';

// JSON.parse makes `__proto__` an own key, exactly as a hostile ICWS body would arrive.
const hostile = JSON.parse(`{
  "configurationId": { "id": "a" },
  "__proto__": { "polluted": "yes", "isActive": true },
  "constructor": { "prototype": { "polluted": "yes" } },
  "prototype": { "polluted": "yes" },
  "personalInformationProperties": { "__proto__": { "emailAddress": "evil@x.example" } }
}`) as Record<string, unknown>;

describe('mergeDelta', () => {
  it('merges present leaves, clears explicit nulls and keeps absent properties', () => {
    const merged = mergeDelta(
      {
        configurationId: { id: 'a' },
        personalInformationProperties: { emailAddress: 'a@x', homeNumber: '1' },
      },
      {
        configurationId: { id: 'a' },
        personalInformationProperties: { emailAddress: null, mobileNumber: '2' },
      },
    );
    expect(merged).toEqual({
      configurationId: { id: 'a' },
      personalInformationProperties: { homeNumber: '1', mobileNumber: '2' },
    });
  });

  it('never merges __proto__, constructor or prototype keys: no inherited properties, Object.prototype unchanged', () => {
    const cached = { configurationId: { id: 'a' }, personalInformationProperties: { homeNumber: '1' } };
    const merged = mergeDelta(cached, hostile);
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    expect(Object.keys(merged).sort()).toEqual(['configurationId', 'personalInformationProperties']);
    expect('polluted' in merged).toBe(false);
    expect('isActive' in merged).toBe(false);
    const info = merged['personalInformationProperties'] as Record<string, unknown>;
    expect(Object.getPrototypeOf(info)).toBe(Object.prototype);
    expect(info).toEqual({ homeNumber: '1' });
    expect('emailAddress' in info).toBe(false);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });
});
