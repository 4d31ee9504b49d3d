import { genesysRegionHosts, genesysRegions } from '@bridge/contracts';
import { regionTarget } from './target';

describe('regionTarget', () => {
  it.each(genesysRegions)('sends region %s to its environment host', (region) => {
    expect(regionTarget(region)).toEqual({ environment: genesysRegionHosts[region] });
  });

  it('refuses a region Genesys Cloud does not have', () => {
    expect(() => regionTarget('mars_1')).toThrow(/unknown Genesys Cloud region mars_1/);
  });
});
