import { loadSigningKeys, type SigningKeySources } from './signing-keys';

const sandbox: SigningKeySources = {
  sandbox: true,
  productionSigns: [],
  dataDir: '/nonexistent/sso-idp-keys',
  subject: 'idp.test',
  logger: { warn: () => undefined },
};

describe('loadSigningKeys', () => {
  it('refuses sandbox keys when the configuration looks like production, saying why and what to set', () => {
    expect(() =>
      loadSigningKeys({ ...sandbox, productionSigns: ['IDP_BASE_URL is https', 'NODE_ENV is production'] }),
    ).toThrow(
      /looks like production \(IDP_BASE_URL is https, NODE_ENV is production\); set IDP_KEY_FILE and IDP_CERT_FILE/,
    );
  });

  it('refuses to start without a key outside sandbox mode', () => {
    expect(() => loadSigningKeys({ ...sandbox, sandbox: false })).toThrow(/no signing key/);
  });
});
