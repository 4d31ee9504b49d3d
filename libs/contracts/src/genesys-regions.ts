/**
 * Genesys Cloud regions and their hosts (genesys-cloud-api.md §1, from the SDK's region table): login is
 * `login.<host>`, the API `api.<host>`. A fact about Genesys Cloud, kept here once for every project that names a
 * region: the delivery client's `GC_REGION` and the IdP's.
 */
export const genesysRegionHosts = {
  us_east_1: 'mypurecloud.com',
  eu_west_1: 'mypurecloud.ie',
  ap_southeast_2: 'mypurecloud.com.au',
  ap_northeast_1: 'mypurecloud.jp',
  eu_central_1: 'mypurecloud.de',
  us_west_2: 'usw2.pure.cloud',
  ca_central_1: 'cac1.pure.cloud',
  ap_northeast_2: 'apne2.pure.cloud',
  eu_west_2: 'euw2.pure.cloud',
  ap_south_1: 'aps1.pure.cloud',
  us_east_2: 'use2.us-gov-pure.cloud',
  sa_east_1: 'sae1.pure.cloud',
  me_central_1: 'mec1.pure.cloud',
  ap_northeast_3: 'apne3.pure.cloud',
  eu_central_2: 'euc2.pure.cloud',
  mx_central_1: 'mxc1.pure.cloud',
  ap_southeast_1: 'apse1.pure.cloud',
  eusc_de_east_1: 'edee1.eusc-pure.cloud',
} as const;

export type GenesysRegion = keyof typeof genesysRegionHosts;

/** Every region name, for a configuration enum. */
export const genesysRegions = Object.keys(genesysRegionHosts) as [GenesysRegion, ...GenesysRegion[]];

export function isGenesysRegion(name: string): name is GenesysRegion {
  return Object.hasOwn(genesysRegionHosts, name);
}

/**
 * [INF] The page the CIC client's Inbox icon opens: Genesys Cloud's view of the agent's own schedule, requests and
 * performance (the guide calls it "My Performance"; the Agent Activity view at this address is the closest page the
 * research found). Kept here once: cic-ingestion puts it in each inbox notification, and the IdP accepts it as a
 * launch target like any page of the org's region (ADR 0013).
 */
export function genesysMyPerformanceUrl(region: GenesysRegion): string {
  return `https://apps.${genesysRegionHosts[region]}/directory/#/activity`;
}
