import { genesysRegionHosts, genesysRegions } from '@bridge/contracts';
import { ConfigError } from '@bridge/config';
import { readSsoIdpConfig } from './config';

describe('sso-idp configuration', () => {
  it('defaults to the Genesys Cloud simulator as the SP, on one machine', () => {
    const config = readSsoIdpConfig({});
    expect(config.IDP_PORT).toBe(8090);
    expect(config.entityId).toBe('http://127.0.0.1:8090/saml/metadata');
    expect(config.sp).toEqual({
      entityId: 'genesys.cloud.bridge-sandbox',
      acsUrl: 'http://127.0.0.1:8700/saml',
      orgName: 'bridge-sandbox',
    });
    expect(config.CIC_SERVERS).toEqual(['http://127.0.0.1:8018']);
    expect(config.IDP_SANDBOX).toBe(true);
  });

  it('derives the ACS URL from the region, and lets an explicit one win', () => {
    expect(readSsoIdpConfig({ GC_REGION: 'eu_central_1' }).sp.acsUrl).toBe(
      'https://login.mypurecloud.de/saml',
    );
    expect(readSsoIdpConfig({ GC_LOGIN_URL: 'https://login.usw2.pure.cloud/' }).sp.acsUrl).toBe(
      'https://login.usw2.pure.cloud/saml',
    );
    expect(
      readSsoIdpConfig({ GC_REGION: 'eu_central_1', IDP_SP_ACS_URL: 'https://gc.example/saml' }).sp.acsUrl,
    ).toBe('https://gc.example/saml');
  });

  it('names the SP after the org unless told otherwise, and uses secure cookies over https', () => {
    const config = readSsoIdpConfig({
      GC_ORG_NAME: 'acme',
      IDP_BASE_URL: 'https://sso.acme.example/',
      GC_REGION: 'us_east_1',
    });
    expect(config.sp.entityId).toBe('genesys.cloud.acme');
    expect(config.entityId).toBe('https://sso.acme.example/saml/metadata');
    expect(config.secureCookies).toBe(true);
    expect(readSsoIdpConfig({ IDP_SP_ENTITY_ID: 'custom' }).sp.entityId).toBe('custom');
  });

  it('believes X-Forwarded-For only past the proxies it is told of, by hop count or address', () => {
    expect(readSsoIdpConfig({}).trustProxy).toBe(false);
    expect(readSsoIdpConfig({ IDP_TRUSTED_PROXIES: '1' }).trustProxy).toBe(1);
    expect(readSsoIdpConfig({ IDP_TRUSTED_PROXIES: 'loopback, 10.0.0.0/8,fd00::/8' }).trustProxy).toEqual([
      'loopback',
      '10.0.0.0/8',
      'fd00::/8',
    ]);
    for (const bad of ['true', '10.0.0.0/33', 'proxy.example', '10.0.0.1/8/1'])
      expect(() => readSsoIdpConfig({ IDP_TRUSTED_PROXIES: bad })).toThrow(/IDP_TRUSTED_PROXIES/);
  });

  it('sees a production configuration in an https base URL, a real region or NODE_ENV=production', () => {
    expect(readSsoIdpConfig({}).productionSigns).toEqual([]);
    expect(
      readSsoIdpConfig({
        IDP_BASE_URL: 'https://sso.acme.example',
        GC_REGION: 'us_east_1',
        NODE_ENV: 'production',
      }).productionSigns,
    ).toEqual(['IDP_BASE_URL is https', 'GC_REGION is us_east_1', 'NODE_ENV is production']);
  });

  it('requires an explicit ACS URL outside sandbox mode and in a production configuration', () => {
    expect(() => readSsoIdpConfig({ IDP_SANDBOX: 'false' })).toThrow(
      /GC_REGION, GC_LOGIN_URL or IDP_SP_ACS_URL/,
    );
    expect(() => readSsoIdpConfig({ NODE_ENV: 'production' })).toThrow(/NODE_ENV is production/);
    expect(() => readSsoIdpConfig({ IDP_BASE_URL: 'https://sso.acme.example' })).toThrow(ConfigError);
    expect(readSsoIdpConfig({ IDP_SANDBOX: 'false', GC_REGION: 'us_east_1' }).sp.acsUrl).toBe(
      'https://login.mypurecloud.com/saml',
    );
    expect(
      readSsoIdpConfig({ NODE_ENV: 'production', IDP_SP_ACS_URL: 'http://127.0.0.1:8700/saml' }).sp.acsUrl,
    ).toBe('http://127.0.0.1:8700/saml');
  });

  it.each(genesysRegions)(
    'accepts GC_REGION %s, as the delivery client does, and signs in at its login host',
    (region) => {
      expect(readSsoIdpConfig({ GC_REGION: region }).sp.acsUrl).toBe(
        `https://login.${genesysRegionHosts[region]}/saml`,
      );
    },
  );

  it('names the bad variable', () => {
    expect(() => readSsoIdpConfig({ GC_REGION: 'mars_1' })).toThrow(ConfigError);
    expect(() => readSsoIdpConfig({ IDP_PORT: 'x' })).toThrow(/IDP_PORT/);
  });
});
