import { readCicSimulatorConfig } from './config';

describe('readCicSimulatorConfig', () => {
  it('defaults to one server on 8018 with the PureCloudAdmin account and SSE', () => {
    expect(readCicSimulatorConfig({})).toEqual({
      CIC_SIM_PORT: 8018,
      CIC_SIM_HOST: '127.0.0.1',
      CIC_SIM_ADMIN_USER: 'PureCloudAdmin',
      CIC_SIM_ADMIN_PASSWORD: '1234',
      CIC_SIM_USER_PASSWORD: '1234',
      CIC_SIM_MESSAGING_VERSION: 2,
      CIC_SIM_PING_MS: 15000,
      CIC_SIM_OMIT_PROPERTIES: [],
      CIC_SIM_ACTIVITY: 0,
      CIC_SIM_TRAFFIC: 0,
      LOG_LEVEL: 'info',
    });
  });

  it('starts a backup only when asked, and names a bad variable', () => {
    expect(readCicSimulatorConfig({ CIC_SIM_BACKUP_PORT: '8019' }).CIC_SIM_BACKUP_PORT).toBe(8019);
    expect(() => readCicSimulatorConfig({ CIC_SIM_MESSAGING_VERSION: '3' })).toThrow(
      /CIC_SIM_MESSAGING_VERSION/,
    );
  });
});
