import { ConfigError } from '@bridge/config';
import { readGenesysCloudSimulatorConfig, simulatorOptionsOf, splitPemBundle } from './config';

const optionsFrom = (env: Record<string, string>) => simulatorOptionsOf(readGenesysCloudSimulatorConfig(env));

describe('the options from the environment', () => {
  it('defaults to the sandbox client, port 8700, 300 requests a minute and no SAML', () => {
    expect(optionsFrom({})).toMatchObject({
      port: 8700,
      clients: [
        {
          clientId: 'bridge-sandbox',
          clientSecret: 'bridge-sandbox-secret',
          accessTokenValiditySeconds: 86400,
        },
      ],
      rateLimitPerMinute: 300,
      clockScale: 1,
      saml: undefined,
    });
  });

  it('names the bad variable', () => {
    expect(() => optionsFrom({ GC_SIM_RATE_LIMIT_PER_MINUTE: '-1' })).toThrow(ConfigError);
    expect(() => optionsFrom({ GC_SIM_RATE_LIMIT_PER_MINUTE: '-1' })).toThrow(/GC_SIM_RATE_LIMIT_PER_MINUTE/);
  });
});

describe('splitPemBundle', () => {
  it('splits several certificates and keeps a bare base64 one', () => {
    const pem = (body: string) => `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----`;
    expect(splitPemBundle(`${pem('AAA')}\n${pem('BBB')}\n`)).toEqual([pem('AAA'), pem('BBB')]);
    expect(splitPemBundle(' MIIB \n')).toEqual(['MIIB']);
  });
});
