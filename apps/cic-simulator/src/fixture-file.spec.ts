import { join } from 'node:path';
import { loadFixtureFile } from './fixture-file';

describe('loadFixtureFile', () => {
  it('loads the sample fixture shipped with the simulator', () => {
    const center = loadFixtureFile(join(__dirname, '..', 'fixtures', 'small-center.json'), new Date(0));
    expect(center.users.map((user) => user.id)).toEqual(['PureCloudAdmin', 'anna.oberg', 'ben smith']);
    expect(center.workgroups.find((wg) => wg.id === 'Reception')?.queueType).toBe('None');
  });
});
