/** Test helpers: isolated Postgres schemas and NATS namespaces on the local services. Test files only. */
export { localServices, type LocalServices } from './local-services';
export { capturedLogger, type CapturedLogger } from './captured-logger';
export { startNatsServer, type NatsServerProcess } from './nats-server';
export { startPostgresServer, type PostgresServerProcess } from './postgres-server';
export { createIsolation, isolationName, type Isolation } from './isolation';
export { forEachStream } from './namespace-streams';
export { operatorHeaders, operatorToken, sandboxCredentials } from './sandbox-env';
export {
  compiledMain,
  eventually,
  freePort,
  startServiceProcess,
  type ServiceProcess,
} from './service-process';
export { operatorResultOf } from './operator-answers';
export { ConsoleBrowser } from './console-browser';
/** The HTTP routes a Nest module declares, and what each answers a caller without credentials. */
export {
  answersWithoutCredentials,
  httpRoutesOf,
  operatorRoutesLetThrough,
  probeRoutes,
  routeName,
  type HttpRoute,
  type RouteAnswer,
} from './http-routes';
/** The Genesys Cloud simulator, and the services that call it, as processes. */
export {
  callSimulator,
  startDelivery,
  startGenesysSimulator,
  startHistoricalUpload,
} from './genesys-processes';
export { userRemoved } from './envelopes';
