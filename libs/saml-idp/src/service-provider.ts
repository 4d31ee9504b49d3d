/** The Genesys Cloud org the IdP signs in to: the values entered on both sides of the SSO registration. */
export interface ServiceProvider {
  /** SP entity id = Audience = Genesys' "Relying Party Identifier", e.g. `genesys.cloud.my-org`. */
  readonly entityId: string;
  /** The org's ACS URL (`https://login.<host>/saml`): Destination and Recipient. */
  readonly acsUrl: string;
  /** The org short name, sent as the `OrganizationName` attribute. */
  readonly orgName: string;
}

/** Genesys Cloud regions and their login hosts (genesys-cloud-api.md §1, §8). */
const REGION_HOSTS: Readonly<Record<string, string>> = {
  us_east_1: 'mypurecloud.com',
  us_east_2: 'use2.us-gov-pure.cloud',
  us_west_2: 'usw2.pure.cloud',
  ca_central_1: 'cac1.pure.cloud',
  sa_east_1: 'sae1.pure.cloud',
  eu_west_1: 'mypurecloud.ie',
  eu_west_2: 'euw2.pure.cloud',
  eu_central_1: 'mypurecloud.de',
  eu_central_2: 'euc2.pure.cloud',
  me_central_1: 'mec1.pure.cloud',
  ap_south_1: 'aps1.pure.cloud',
  ap_northeast_1: 'mypurecloud.jp',
  ap_northeast_2: 'apne2.pure.cloud',
  ap_northeast_3: 'apne3.pure.cloud',
  ap_southeast_2: 'mypurecloud.com.au',
};

export const GENESYS_REGIONS = Object.keys(REGION_HOSTS);

/** The ACS URL of a Genesys Cloud region (`us_east_1` → `https://login.mypurecloud.com/saml`), if known. */
export function acsUrlForRegion(region: string): string | undefined {
  const host = REGION_HOSTS[region];
  return host === undefined ? undefined : `https://login.${host}/saml`;
}

/** Genesys documents the SP entity id as a free, unique string; the simulator and our defaults use this form. */
export function defaultSpEntityId(orgName: string): string {
  return `genesys.cloud.${orgName}`;
}
