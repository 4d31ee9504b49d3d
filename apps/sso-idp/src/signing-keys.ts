import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '@bridge/telemetry';
import forge from 'node-forge';

/** The IdP's signing key, its certificate, and the next certificate published ahead of a rollover. */
export interface SigningKeys {
  readonly privateKey: string;
  readonly certificate: string;
  readonly nextCertificate?: string;
}

export interface SigningKeySources {
  readonly keyFile?: string;
  readonly certFile?: string;
  readonly keyPem?: string;
  readonly certPem?: string;
  readonly nextCertFile?: string;
  readonly sandbox: boolean;
  /** Why the configuration looks like production; sandbox keys are refused when there is any reason. */
  readonly productionSigns: readonly string[];
  readonly dataDir: string;
  /** Common name of generated certificates. */
  readonly subject: string;
  /** Told whenever a key pair is generated. */
  readonly logger: Pick<Logger, 'warn'>;
}

/**
 * Keys come from PEM files or inline PEM. With neither, sandbox mode creates a current and a next key pair in the
 * data dir on first start (saying so in a warning) and reuses them afterwards, so the certificate registered in
 * the Genesys Cloud simulator stays valid across restarts. Outside sandbox mode, or when the configuration looks
 * like production, a missing key is a start-up error: a production IdP must never sign with a key nobody chose.
 */
export function loadSigningKeys(sources: SigningKeySources): SigningKeys {
  const privateKey = sources.keyPem ?? (sources.keyFile ? readFileSync(sources.keyFile, 'utf8') : undefined);
  const certificate =
    sources.certPem ?? (sources.certFile ? readFileSync(sources.certFile, 'utf8') : undefined);
  const nextCertificate = sources.nextCertFile ? readFileSync(sources.nextCertFile, 'utf8') : undefined;
  if (privateKey && certificate) return { privateKey, certificate, nextCertificate };
  if (privateKey || certificate)
    throw new Error('sso-idp: give both the signing key and its certificate (IDP_KEY_* and IDP_CERT_*)');
  if (!sources.sandbox)
    throw new Error('sso-idp: no signing key; set IDP_KEY_FILE and IDP_CERT_FILE, or IDP_SANDBOX=true');
  if (sources.productionSigns.length > 0)
    throw new Error(
      `sso-idp: refusing sandbox signing keys, as the configuration looks like production (${sources.productionSigns.join(', ')}); set IDP_KEY_FILE and IDP_CERT_FILE (or IDP_KEY_PEM and IDP_CERT_PEM) and IDP_SANDBOX=false`,
    );
  const current = ensureKeyPair(sources.dataDir, 'signing', sources.subject, sources.logger);
  const next = ensureKeyPair(sources.dataDir, 'next-signing', sources.subject, sources.logger);
  return { ...current, nextCertificate: nextCertificate ?? next.certificate };
}

function ensureKeyPair(
  dir: string,
  name: string,
  subject: string,
  logger: Pick<Logger, 'warn'>,
): SigningKeys {
  const keyPath = join(dir, `${name}-key.pem`);
  const certPath = join(dir, `${name}-cert.pem`);
  if (existsSync(keyPath) && existsSync(certPath))
    return { privateKey: readFileSync(keyPath, 'utf8'), certificate: readFileSync(certPath, 'utf8') };
  const generated = generateSelfSignedPair(subject, new Date());
  mkdirSync(dir, { recursive: true });
  writeFileSync(keyPath, generated.privateKey, { mode: 0o600 });
  writeFileSync(certPath, generated.certificate);
  logger.warn({ key: keyPath, certificate: certPath }, 'sandbox mode: generated a signing key pair');
  return generated;
}

/** A 2048-bit RSA key (Node's native generator: forge's is slow) and a self-signed certificate made with forge. */
export function generateSelfSignedPair(subject: string, now: Date, years = 3): SigningKeys {
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const key = forge.pki.privateKeyFromPem(privateKey);
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  // A positive serial: the high bit of the first byte is cleared.
  cert.serialNumber = `0${randomBytes(16).toString('hex').slice(1)}`;
  cert.validity.notBefore = now;
  cert.validity.notAfter = new Date(now.getTime() + years * 365 * 24 * 3600_000);
  const attrs = [{ name: 'commonName', value: subject.slice(0, 64) }];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true },
  ]);
  cert.sign(key, forge.md.sha256.create());
  return { privateKey, certificate: forge.pki.certificateToPem(cert) };
}
