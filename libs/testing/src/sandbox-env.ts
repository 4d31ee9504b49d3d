import { randomBytes } from 'node:crypto';

/**
 * The simulators' credentials, which the services have no defaults for (review S10): every test and benchmark
 * that starts a service passes these, through `Isolation.env`, and nowhere else.
 */
export const sandboxCredentials: Readonly<Record<string, string>> = Object.freeze({
  CIC_USER: 'PureCloudAdmin',
  CIC_PASSWORD: '1234',
  GC_CLIENT_ID: 'bridge-sandbox',
  GC_CLIENT_SECRET: 'bridge-sandbox-secret',
});

/** The operator token of the services this test process starts (`OPERATOR_TOKEN` in `Isolation.env`). */
export const operatorToken = randomBytes(24).toString('hex');

/** Headers of an operator call: the bearer token and a JSON body (DESIGN §4). */
export const operatorHeaders: Readonly<Record<string, string>> = Object.freeze({
  Authorization: `Bearer ${operatorToken}`,
  'Content-Type': 'application/json',
});
