import { generateContactCenter } from './generate-contact-center';

const options = { users: 500, workgroups: 40, skills: 30, wrapUpCodes: 40, seed: 7 };

describe('generateContactCenter', () => {
  const center = generateContactCenter(options);

  it('yields the same center for the same seed and another for another seed', () => {
    expect(generateContactCenter(options)).toEqual(center);
    expect(generateContactCenter({ ...options, seed: 8 })).not.toEqual(center);
  });

  it('has exactly the requested counts, the PureCloudAdmin account first', () => {
    expect(center.users).toHaveLength(500);
    expect(center.workgroups).toHaveLength(40);
    expect(center.skills).toHaveLength(30);
    expect(center.wrapUpCodes).toHaveLength(40);
    expect(center.users[0]).toMatchObject({ id: 'PureCloudAdmin', password: '1234' });
    expect(center.userStatuses).toHaveLength(500);
  });

  it('gives every object a unique id, ignoring case', () => {
    for (const list of [center.users, center.workgroups, center.skills, center.wrapUpCodes]) {
      const ids = list.map((item) => item.id.toLowerCase());
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  it('only references objects that exist', () => {
    const users = new Set(center.users.map((user) => user.id));
    const skills = new Set(center.skills.map((skill) => skill.id));
    const codes = new Set(center.wrapUpCodes.map((code) => code.id));
    for (const workgroup of center.workgroups) {
      workgroup.members.forEach((member) => expect(users.has(member)).toBe(true));
      workgroup.skills.forEach((assignment) => expect(skills.has(assignment.skillId)).toBe(true));
      workgroup.wrapUpCodes.forEach((code) => expect(codes.has(code)).toBe(true));
    }
    center.users.forEach((user) => user.skills.forEach((a) => expect(skills.has(a.skillId)).toBe(true)));
  });

  it('has the variety real centers have', () => {
    const users = center.users.slice(1);
    expect(users.some((user) => user.businessEmail === undefined)).toBe(true);
    expect(users.some((user) => user.displayName === undefined)).toBe(true);
    expect(users.some((user) => Object.keys(user.phones).length >= 3)).toBe(true);
    expect(users.some((user) => user.skills.length > 0)).toBe(true);
    expect(center.workgroups.some((wg) => wg.skills.length > 0 && wg.members.length > 0)).toBe(true);
    expect(center.workgroups.some((wg) => wg.wrapUpCodes.length > 0)).toBe(true);
    expect(center.workgroups.map((wg) => wg.id)).toContain('_SystemRoutingHub_');
    expect(center.workgroups.filter((wg) => wg.queueType === 'None').length).toBeGreaterThanOrEqual(2);
    expect(center.skills.filter((skill) => skill.treatAsLanguage).length).toBeGreaterThanOrEqual(3);
    const ids = [...center.users, ...center.workgroups, ...center.skills, ...center.wrapUpCodes].map(
      (i) => i.id,
    );
    expect(ids.some((id) => id.includes('.'))).toBe(true);
    expect(ids.some((id) => id.includes(' '))).toBe(true);
    expect(ids.some((id) => /[^ -~]/.test(id))).toBe(true);
  });

  // How fast is for bench/sync to say (a timed test fails on a loaded machine, not on slow code).
  it('generates a 10,000-user center', () => {
    const big = generateContactCenter({
      users: 10_000,
      workgroups: 300,
      skills: 200,
      wrapUpCodes: 500,
      seed: 7,
    });
    expect(big.users).toHaveLength(10_000);
    expect(big.workgroups).toHaveLength(300);
  });
});
