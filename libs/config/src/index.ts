export { ConfigError, loadConfig } from './load-config';
export { flag, namespace, port, positiveInt, url, urlList } from './variables';
export { databaseVariables, natsVariables, telemetryVariables } from './shared-variables';
