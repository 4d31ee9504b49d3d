import { httpRoutesOf, sandboxCredentials } from '@bridge/testing';
import { AppModule } from '../src/app.module';
import { readObjectMappingConfig } from '../src/config';

/**
 * object-mapping has no operator HTTP route: its operator commands travel over NATS. Its routes, read from the
 * controllers' metadata, are the probes alone, so a route added later must join the operator-route tests
 * (see apps/genesys-delivery/test/operator-routes.int.spec.ts) before this passes again.
 */
it('serves the probes and nothing else over HTTP', () => {
  const config = readObjectMappingConfig({
    ...sandboxCredentials,
    DATABASE_URL: 'postgres://bridge:bridge@127.0.0.1:5432/bridge',
    NATS_URL: 'nats://127.0.0.1:4222',
  });
  expect(httpRoutesOf(AppModule.register(config))).toEqual([
    { method: 'GET', path: '/health' },
    { method: 'GET', path: '/live' },
    { method: 'GET', path: '/metrics' },
  ]);
});
