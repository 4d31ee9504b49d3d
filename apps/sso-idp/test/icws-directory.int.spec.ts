import { freePort } from '@bridge/testing';
import { IcwsDirectory } from '../src/icws-directory';

// The ICWS adapter's answers against the real CIC simulator are covered end to end (apps/e2e); here, the case
// the simulator cannot show: no CIC server answering at all.
it('reports CIC as unavailable, not the credentials as wrong, when no server answers', async () => {
  const nobody = `http://127.0.0.1:${await freePort()}`;
  const directory = new IcwsDirectory({ servers: [nobody, nobody], timeoutMs: 1_000 });
  await expect(directory.signIn({ userId: 'anna', password: 'x' })).resolves.toMatchObject({
    kind: 'unavailable',
  });
});
