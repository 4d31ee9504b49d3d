/** Who may use the console, as pure rules: local operator accounts, sign-in throttling, session lifetimes. */
export {
  accountNamed,
  parseOperatorAccounts,
  parseScryptHash,
  type OperatorAccount,
  type ScryptHash,
} from './operator-accounts';
export {
  ACCOUNT_RULE,
  ADDRESS_RULE,
  attemptAllowed,
  recentFailures,
  withFailure,
  type FailureTimes,
  type ThrottleRule,
} from './login-throttle';
export { sessionState, type OperatorOrigin, type SessionLimits, type SessionTimes } from './session-rules';
