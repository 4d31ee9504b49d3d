import { genesysRegionHosts, type GenesysRegion } from '@bridge/contracts';

/** The Genesys Cloud org the IdP signs in to: the values entered on both sides of the SSO registration. */
export interface ServiceProvider {
  /** SP entity id = Audience = Genesys' "Relying Party Identifier", e.g. `genesys.cloud.my-org`. */
  readonly entityId: string;
  /** The org's ACS URL (`https://login.<host>/saml`): Destination and Recipient. */
  readonly acsUrl: string;
  /** The org short name, sent as the `OrganizationName` attribute. */
  readonly orgName: string;
}

/** The ACS URL of a Genesys Cloud region (`us_east_1` → `https://login.mypurecloud.com/saml`). */
export function acsUrlForRegion(region: GenesysRegion): string {
  return `https://login.${genesysRegionHosts[region]}/saml`;
}

/** Genesys documents the SP entity id as a free, unique string; the simulator and our defaults use this form. */
export function defaultSpEntityId(orgName: string): string {
  return `genesys.cloud.${orgName}`;
}
