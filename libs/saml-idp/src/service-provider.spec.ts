import { acsUrlForRegion, defaultSpEntityId } from './service-provider';

describe('service provider defaults', () => {
  it('derives the ACS URL from the Genesys Cloud region', () => {
    expect(acsUrlForRegion('us_east_1')).toBe('https://login.mypurecloud.com/saml');
    expect(acsUrlForRegion('eu_central_2')).toBe('https://login.euc2.pure.cloud/saml');
    expect(acsUrlForRegion('eusc_de_east_1')).toBe('https://login.edee1.eusc-pure.cloud/saml');
  });

  it('names the SP after the org, as the Genesys simulator does', () => {
    expect(defaultSpEntityId('acme')).toBe('genesys.cloud.acme');
  });
});
