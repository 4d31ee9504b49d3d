/** The process shell every bridge service shares: Nest app, JetStream consumers, HTTP, graceful stop. */
export { startService, type ServiceOptions } from './start-service';
/** Operator endpoints: a bearer token (`OPERATOR_TOKEN`), JSON-only changes, an audit line per action. */
export {
  OperatorAccessModule,
  OperatorEndpoint,
  operatorTokenMatches,
  OPERATOR_TOKEN,
} from './operator-access';
