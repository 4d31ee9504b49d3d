/** The process shell every bridge service shares: Nest app, JetStream consumers, HTTP, graceful stop. */
export { startService, type ServiceOptions } from './start-service';
/** A service's main.ts in one call: logger, tracing before the app module loads, start or exit. */
export { runService, type RunOptions } from './run-service';
/** Operator endpoints: a bearer token (`OPERATOR_TOKEN`), JSON-only changes, an audit line per action. */
export {
  OperatorAccessModule,
  OperatorEndpoint,
  operatorTokenMatches,
  OPERATOR_TOKEN,
} from './operator-access';
/** Which process answers an operator status read (issue 15). */
export { processStatusOf } from './process-status';
