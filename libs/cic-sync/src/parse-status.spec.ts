import { ICWS } from './icws-names';
import { isoOfIcwsDate, parseStatusEnvelope, parseStatusMessage, parseUserStatus } from './parse-status';

const status = {
  userId: 'anna',
  statusId: 'available',
  statusChanged: '20210706T193229Z',
  loggedIn: true,
  onPhone: false,
};

describe('isoOfIcwsDate', () => {
  it('turns the ICWS form into ISO 8601, and nothing else', () => {
    expect(isoOfIcwsDate('20210706T193229Z')).toBe('2021-07-06T19:32:29Z');
    expect(isoOfIcwsDate('20210706T193229.125Z')).toBe('2021-07-06T19:32:29.125Z');
    expect(isoOfIcwsDate('2021-07-06T19:32:29Z')).toBeUndefined();
    expect(isoOfIcwsDate('20211306T193229Z')).toBeUndefined();
  });
});

describe('parseUserStatus', () => {
  it('keeps the status id as CIC spells it and drops properties the contracts do not carry', () => {
    const result = parseUserStatus({ ...status, stations: ['7001'], ['__proto__']: { polluted: true } });
    expect(result).toEqual({
      ok: true,
      id: 'anna',
      value: {
        userId: 'anna',
        statusId: 'available',
        loggedIn: true,
        onPhone: false,
        changedAt: '2021-07-06T19:32:29Z',
      },
    });
  });

  it('rejects a bad date, a missing flag and an oversized note, naming the field and the user', () => {
    const reasons = [
      { ...status, statusChanged: 'yesterday' },
      { ...status, loggedIn: undefined },
      { ...status, notes: 'x'.repeat(2_000) },
    ].map((item) => {
      const result = parseUserStatus(item);
      return result.ok
        ? 'ok'
        : `${result.rejection.reason} ${result.rejection.id} ${result.rejection.detail}`;
    });
    expect(reasons[0]).toMatch(/^invalidProperty anna statusChanged: not an ICWS date/);
    expect(reasons[1]).toMatch(/^invalidProperty anna loggedIn:/);
    expect(reasons[2]).toMatch(/^valueTooLong anna notes:/);
  });
});

describe('parseStatusMessage', () => {
  it('reads absent flags as false and an absent text as the id', () => {
    const result = parseStatusMessage({ statusId: 'Gone Home', isPersistentStatus: true, iconUri: '/x' });
    expect(result.ok && result.value).toEqual({
      id: 'Gone Home',
      messageText: 'Gone Home',
      isAcdStatus: false,
      isAfterCallWorkStatus: false,
      isDoNotDisturbStatus: false,
      isSelectableStatus: false,
      isPersistentStatus: true,
      isForwardStatus: false,
      isAllowFollowUpStatus: false,
      canHaveDate: false,
      canHaveTime: false,
    });
  });
});

describe('parseStatusEnvelope', () => {
  it('refuses a list that is not an array and an isDelta that is not a boolean', () => {
    const type = ICWS.status.userStatusMessageType;
    const bad = [
      { __type: type, isDelta: false, userStatusList: {} },
      { __type: type, isDelta: 'no', userStatusList: [] },
    ].map((raw) => {
      const result = parseStatusEnvelope(raw);
      return result.ok ? 'ok' : result.rejection.reason;
    });
    expect(bad).toEqual(['invalidList', 'invalidIsDelta']);
  });
});
