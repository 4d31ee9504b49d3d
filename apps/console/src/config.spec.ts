import { readConsoleConfig } from './config';

describe('readConsoleConfig', () => {
  it('listens on the loopback at 8080, its base URL following the port, cookies not Secure over http', () => {
    const config = readConsoleConfig({ CONSOLE_PORT: '9090' });
    expect(config).toMatchObject({
      CONSOLE_HOST: '127.0.0.1',
      CONSOLE_BASE_URL: 'http://127.0.0.1:9090',
      secureCookies: false,
    });
    expect(config.settings).toContainEqual({
      name: 'CONSOLE_PORT',
      value: '9090',
      secret: false,
      source: 'environment',
    });
    expect(config.settings).toContainEqual(
      expect.objectContaining({ name: 'CONSOLE_HOST', source: 'default' }),
    );
  });

  it('makes cookies Secure behind https', () => {
    expect(readConsoleConfig({ CONSOLE_BASE_URL: 'https://console.example/' })).toMatchObject({
      CONSOLE_BASE_URL: 'https://console.example',
      secureCookies: true,
    });
  });

  it('names a bad local account without showing its hash', () => {
    const hash = 'scrypt:1024:8:1:AAAAAAAAAAAAAAAAAAAAAA==:c2VjcmV0LWhhc2gtYnl0ZXMtdGhhdC1tdXN0LW5vdC1zaG93';
    expect(() => readConsoleConfig({ CONSOLE_OPERATORS: `ops=${hash}` })).toThrow(
      /CONSOLE_OPERATORS: ops: N must be a power of two/,
    );
    expect(() => readConsoleConfig({ CONSOLE_OPERATORS: `ops=${hash}` })).not.toThrow(/c2VjcmV0/);
  });

  it('refuses to start when nobody could sign in', () => {
    expect(() => readConsoleConfig({ CONSOLE_CIC_SIGN_IN: 'false' })).toThrow(
      /CONSOLE_OPERATORS: set at least one/,
    );
  });
});
