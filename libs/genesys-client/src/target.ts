import { genesysRegionHosts, isGenesysRegion } from '@bridge/contracts';

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

/** The SDK target of a Genesys Cloud region (`GC_REGION`), by the regions table of @bridge/contracts. */
export function regionTarget(region: string): GenesysTarget {
  if (!isGenesysRegion(region)) throw new Error(`unknown Genesys Cloud region ${region}`);
  return { environment: genesysRegionHosts[region] };
}
