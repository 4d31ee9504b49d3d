import { decodeSubjectToken, encodeSubjectToken } from './subject-token';

describe('subject tokens', () => {
  it.each([
    'John.Smith',
    'Sales Team',
    'a*b>c',
    'Zoë Ångström',
    '東京 サポート',
    '_SystemRoutingHub_',
    'already_5Fencoded',
    '🎧 agents',
    'tab\there',
    '-',
  ])('round-trips %j through a legal token', (id) => {
    const token = encodeSubjectToken(id);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeSubjectToken(token)).toBe(id);
  });

  it('keeps plain ids readable', () => {
    expect(encodeSubjectToken('agent-042')).toBe('agent-042');
    expect(encodeSubjectToken('John.Smith')).toBe('John_2ESmith');
  });

  it('gives distinct ids distinct tokens', () => {
    const ids = ['a.b', 'a_b', 'a_2Eb', 'a b', 'A.b'];
    expect(new Set(ids.map(encodeSubjectToken)).size).toBe(ids.length);
  });

  it('refuses an empty key and a token it did not make', () => {
    expect(() => encodeSubjectToken('')).toThrow(RangeError);
    expect(() => decodeSubjectToken('a.b')).toThrow(RangeError);
    expect(() => decodeSubjectToken('a_2')).toThrow(RangeError);
  });
});
