import 'reflect-metadata';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger, type Logger } from '@bridge/telemetry';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import express from 'express';
import { AppModule } from './app.module';
import { DEFAULT_CLIENT, type OAuthClientConfig } from './domain/oauth';
import { authAndRateLimit, bodyParsers, faultInjector, requestLogger } from './http/middleware';
import { serveNotificationSockets } from './http/notification-socket';
import { SamlServiceProvider } from './saml/service-provider';
import { SimContext } from './sim-context';

export type { OAuthClientConfig } from './domain/oauth';
export type { FaultRule } from './domain/faults';

export interface SamlIdpOptions {
  /** IdP signing certificate(s), PEM or bare base64. */
  readonly certs: readonly string[];
  /** The IdP's SSO ("Target") URL for SP-initiated logins. */
  readonly ssoUrl?: string;
  /** The IdP's issuer; when set, other issuers are refused. */
  readonly entityId?: string;
  /** The SP entity id (audience / Relying Party Identifier). Default `genesys.cloud.<orgName>`. */
  readonly spEntityId?: string;
  /** The ACS URL the IdP posts to. Default `<simulator url>/saml`. */
  readonly acsUrl?: string;
}

export interface GenesysCloudSimulatorOptions {
  /** 0 picks a free port. Default 8700. */
  readonly port?: number;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** OAuth client-credentials clients. Default: `bridge-sandbox` / `bridge-sandbox-secret`. */
  readonly clients?: readonly OAuthClientConfig[];
  /** Requests per minute per token (Genesys: 300). */
  readonly rateLimitPerMinute?: number;
  /** Simulated time runs this many times faster than real time (rate-limit refill, token expiry). Default 1. */
  readonly clockScale?: number;
  /** How long a validated WFM historical import stays in progress, in simulated ms. Default 0. */
  readonly wfmProcessingMs?: number;
  /** Real ms between the notification channels' heartbeats. Default: Genesys's 30 s, scaled by `clockScale`. */
  readonly notificationHeartbeatMs?: number;
  readonly orgName?: string;
  readonly saml?: SamlIdpOptions;
  /** pino level; default 'warn' so tests stay quiet. */
  readonly logLevel?: string;
  readonly logger?: Logger;
}

export interface RunningGenesysCloudSimulator {
  /** Base URL for both API and login, e.g. http://127.0.0.1:8700 (give it to the SDK's gateway setting). */
  readonly url: string;
  readonly port: number;
  /** The live state, for in-process tests (the same data /sim exposes over HTTP). */
  readonly context: SimContext;
  /** SAML SP entity id and ACS URL, when SAML is configured. */
  readonly saml?: { readonly spEntityId: string; readonly acsUrl: string };
  close(): Promise<void>;
}

export async function startGenesysCloudSimulator(
  options: GenesysCloudSimulatorOptions = {},
): Promise<RunningGenesysCloudSimulator> {
  const orgName = options.orgName ?? 'bridge-sandbox';
  const logger = options.logger ?? createLogger('genesys-cloud-simulator', options.logLevel ?? 'warn');
  const sim = new SimContext(
    {
      orgName,
      clients: options.clients ?? [DEFAULT_CLIENT],
      rateLimitPerMinute: options.rateLimitPerMinute ?? 300,
      clockScale: options.clockScale ?? 1,
      wfmProcessingMs: options.wfmProcessingMs ?? 0,
    },
    logger,
    undefined,
  );
  const expressApp = express();
  // Genesys answers with JSON only; no ETag of express' own (SCIM sets its version ETag itself).
  expressApp.set('etag', false);
  expressApp.set('x-powered-by', false);
  const app = await NestFactory.create(AppModule.register(sim), new ExpressAdapter(expressApp), {
    bodyParser: false,
    logger: false,
  });
  app.use(requestLogger(sim));
  app.use(faultInjector(sim));
  for (const parser of bodyParsers()) app.use(parser);
  app.use(authAndRateLimit(sim));
  await app.listen(options.port ?? 8700, options.host ?? '127.0.0.1');
  const server = app.getHttpServer() as Server;
  const stopSockets = serveNotificationSockets(server, sim, options.notificationHeartbeatMs);
  const { port } = server.address() as AddressInfo;
  const url = `http://${options.host ?? '127.0.0.1'}:${port}`;

  let saml: RunningGenesysCloudSimulator['saml'];
  if (options.saml && options.saml.certs.length > 0) {
    const spEntityId = options.saml.spEntityId ?? `genesys.cloud.${orgName}`;
    const acsUrl = options.saml.acsUrl ?? `${url}/saml`;
    sim.saml = new SamlServiceProvider(
      {
        idpCerts: options.saml.certs,
        idpSsoUrl: options.saml.ssoUrl,
        idpEntityId: options.saml.entityId,
        spEntityId,
        acsUrl,
        orgName,
      },
      (email) =>
        [...sim.org.users.values()].find(
          (u) => u.state === 'active' && u.userName.toLowerCase() === email.toLowerCase(),
        )?.id,
    );
    saml = { spEntityId, acsUrl };
  }

  return {
    url,
    port,
    context: sim,
    saml,
    close: async () => {
      // Requests held open by an injected timeout would keep close() waiting forever.
      stopSockets();
      server.closeAllConnections();
      await app.close();
    },
  };
}
