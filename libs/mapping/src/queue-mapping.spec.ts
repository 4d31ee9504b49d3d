import { defaultMappingRules } from './mapping-rules';
import { desiredQueue } from './queue-mapping';
import {
  aCicUser,
  aWorkgroup,
  aWrapUpCode,
  given,
  userChanged,
  workgroupChanged,
  wrapUpCodeChanged,
} from './test-support/builders';

const rules = defaultMappingRules;

describe('desired queue', () => {
  it('names the queue after the workgroup and lists its synced members and wrap-up codes by key', () => {
    const state = given(
      userChanged(aCicUser('b')),
      userChanged(aCicUser('a')),
      userChanged(aCicUser('no-email', { businessEmail: undefined })),
      wrapUpCodeChanged(aWrapUpCode('Sold')),
      wrapUpCodeChanged(aWrapUpCode('Callback')),
      workgroupChanged(
        aWorkgroup('Sales Team', {
          displayName: 'Sales',
          members: ['b', 'a', 'no-email', 'never-seen', 'a'],
          wrapUpCodes: ['Sold', 'Callback', 'Deleted'],
        }),
      ),
    );
    expect(desiredQueue(state, 'Sales Team', rules)).toEqual({
      key: 'Sales Team',
      state: 'present',
      document: { name: 'Sales', memberKeys: ['a', 'b'], wrapUpCodeKeys: ['Callback', 'Sold'] },
    });
  });

  it('defaults the queue name to the workgroup id', () => {
    const state = given(workgroupChanged(aWorkgroup('Support', { displayName: ' ' })));
    expect(desiredQueue(state, 'Support', rules)).toMatchObject({ document: { name: 'Support' } });
  });

  it.each([
    ['a system workgroup', aWorkgroup('_Supervisors'), 'systemWorkgroup', 'includeSystemWorkgroups'],
    [
      'a workgroup without a queue',
      aWorkgroup('Paging', { hasQueue: false, queueType: 'None' }),
      'workgroupWithoutQueue',
      'includeWorkgroupsWithoutQueue',
    ],
    [
      'an inactive workgroup',
      aWorkgroup('Old', { isActive: false }),
      'inactiveWorkgroup',
      'includeInactiveWorkgroups',
    ],
  ] as const)('leaves out %s unless configured', (_case, workgroup, reason, setting) => {
    const state = given(workgroupChanged(workgroup));
    expect(desiredQueue(state, workgroup.id, rules)).toEqual({ key: workgroup.id, state: 'absent', reason });
    expect(desiredQueue(state, workgroup.id, { ...rules, [setting]: true })).toMatchObject({
      state: 'present',
    });
  });

  it('says a deleted workgroup was removed', () => {
    expect(desiredQueue(given(), 'Gone', rules)).toEqual({
      key: 'Gone',
      state: 'absent',
      reason: 'removedFromCic',
    });
  });
});
