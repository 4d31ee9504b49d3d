export { ConfigError, loadConfig } from './load-config';
export {
  bindHost,
  flag,
  namespace,
  optionalFile,
  optionalSecret,
  port,
  positiveInt,
  url,
  urlList,
} from './variables';
export {
  databaseVariables,
  genesysVariables,
  natsOptionsOf,
  natsVariables,
  operatorVariables,
  telemetryVariables,
} from './shared-variables';
