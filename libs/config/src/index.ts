export { ConfigError, isSecretVariable, loadConfig, shownValue } from './load-config';
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
  natsOptionsOf,
  natsVariables,
  operatorVariables,
  telemetryVariables,
} from './shared-variables';
