import { parseContactCenter } from './contact-center-schema';
import { generateContactCenter } from './domain/generate-contact-center';

const now = new Date('2025-01-01T00:00:00Z');

describe('parseContactCenter (fixture files)', () => {
  it('fills defaults so a hand-written fixture stays short', () => {
    const center = parseContactCenter(
      {
        users: [{ id: 'anna' }],
        workgroups: [{ id: 'Sales', members: ['anna'] }],
        skills: [{ id: 'French', treatAsLanguage: true }],
      },
      now,
    );
    expect(center.users[0]).toMatchObject({
      id: 'anna',
      password: '1234',
      phones: {},
      skills: [],
      createdDate: now.toISOString(),
    });
    expect(center.workgroups[0]).toMatchObject({ queueType: 'ACD', isActive: true, wrapUpCodes: [] });
    expect(center.statusMessages.map((status) => status.statusId)).toContain('Available');
  });

  it('round-trips a generated center', () => {
    const generated = generateContactCenter({ users: 40, workgroups: 5, skills: 5, wrapUpCodes: 5, seed: 2 });
    expect(parseContactCenter(JSON.parse(JSON.stringify(generated)), now)).toEqual(generated);
  });

  it('rejects a malformed fixture', () => {
    expect(() => parseContactCenter({ users: [{ displayName: 'no id' }] }, now)).toThrow();
    expect(() => parseContactCenter({ workgroups: [{ id: 'x', queueType: 'Sometimes' }] }, now)).toThrow();
  });
});
