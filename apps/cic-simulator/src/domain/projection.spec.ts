import { diffSelected, parseSelect, project } from './projection';

const before = {
  configurationId: { id: 'u1', displayName: 'U One', uri: '/configuration/users/u1' },
  extension: '1001',
  personalInformationProperties: { emailAddress: 'u1@example.com', givenName: 'U' },
};

describe('select', () => {
  it('returns only configurationId without select, and dotted paths with it', () => {
    expect(project(before, parseSelect(undefined))).toEqual({ configurationId: before.configurationId });
    expect(project(before, parseSelect('personalInformationProperties.emailAddress,notes'))).toEqual({
      configurationId: before.configurationId,
      personalInformationProperties: { emailAddress: 'u1@example.com' },
    });
    expect(project(before, parseSelect('*'))).toBe(before);
  });
});

describe('diffSelected', () => {
  const after = { ...before, personalInformationProperties: { givenName: 'U' } };

  it('sends a cleared property as an explicit null', () => {
    expect(diffSelected(before, after, parseSelect('personalInformationProperties.emailAddress'))).toEqual({
      configurationId: before.configurationId,
      personalInformationProperties: { emailAddress: null },
    });
  });

  it('sends the whole changed top-level property when all are selected', () => {
    expect(diffSelected(before, after, '*')).toEqual({
      configurationId: before.configurationId,
      personalInformationProperties: { givenName: 'U' },
    });
  });

  it('is silent when nothing selected changed', () => {
    expect(diffSelected(before, after, parseSelect('extension'))).toBeUndefined();
  });
});
