/** Genesys Cloud regions and their hosts (reference §1); login is `login.<host>`, the API `api.<host>`. */
export const regionHosts: Readonly<Record<string, string>> = {
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
};

/** Where the SDK sends requests: a gateway (one host for login and API, e.g. the simulator) or a region. */
export type GenesysTarget =
  { readonly gateway: { host: string; protocol: string; port?: number } } | { readonly environment: string };

/**
 * The SDK target for `GC_API_URL`/`GC_LOGIN_URL`: one gateway when both share a host, the region environment
 * when they are `api.<host>` and `login.<host>`.
 */
export function targetOf(apiUrl: string, loginUrl: string): GenesysTarget {
  const api = new URL(apiUrl);
  const login = new URL(loginUrl);
  if (api.host === login.host) {
    const protocol = api.protocol.replace(/:$/, '');
    return { gateway: { host: api.hostname, protocol, ...(api.port ? { port: Number(api.port) } : {}) } };
  }
  const apiHost = api.hostname.replace(/^api\./, '');
  if (api.hostname.startsWith('api.') && login.hostname === `login.${apiHost}`)
    return { environment: apiHost };
  throw new Error(`GC_API_URL ${apiUrl} and GC_LOGIN_URL ${loginUrl} name neither one host nor one region`);
}

export function regionTarget(region: string): GenesysTarget {
  const host = regionHosts[region];
  if (!host) throw new Error(`unknown Genesys Cloud region ${region}`);
  return { environment: host };
}
