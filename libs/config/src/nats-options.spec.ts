import { natsOptionsOf } from './shared-variables';

describe('natsOptionsOf', () => {
  const base = { NATS_URL: 'nats://127.0.0.1:4222', NATS_NAMESPACE: 'bridge' };

  it('names the connection after the service and passes no file that is not set', () => {
    expect(natsOptionsOf(base, 'object-mapping')).toEqual({
      url: base.NATS_URL,
      namespace: 'bridge',
      name: 'object-mapping',
      auth: {},
    });
  });

  it('passes the credentials, nkey and CA files that are set', () => {
    const options = natsOptionsOf(
      { ...base, NATS_CREDS_FILE: '/run/nats.creds', NATS_CA_FILE: '/run/ca.pem' },
      'x',
    );
    expect(options.auth).toEqual({ credsFile: '/run/nats.creds', caFile: '/run/ca.pem' });
  });
});
