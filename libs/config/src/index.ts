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
  genesysVariables,
  inboxVariables,
  natsOptionsOf,
  natsVariables,
  operatorVariables,
  telemetryVariables,
} from './shared-variables';
/** A service's settings with their source, secrets without value (the operator's status reads). */
export { effectiveSettings, type EffectiveSetting } from './effective-settings';
