import type { Logger } from '@bridge/telemetry';
import { type Clock, scaledClock } from './domain/clock';
import type { FaultRule, FaultState } from './domain/faults';
import { newId } from './domain/ids';
import { NotificationHub } from './domain/notification-hub';
import { type OAuthClientConfig, TokenIssuer } from './domain/oauth';
import { type OrgState, newOrg } from './domain/org-state';
import { RequestLog } from './domain/request-log';
import { WfmRequests } from './domain/wfm-requests';
import type { SamlServiceProvider } from './saml/service-provider';

/**
 * Everything one running simulator holds: the org, the OAuth tokens, the request log, the fault rules and the
 * rate limit. Controllers and middleware share this one object; /sim/reset swaps the org for a fresh one.
 */
export interface SimSettings {
  readonly orgName: string;
  readonly clients: readonly OAuthClientConfig[];
  readonly rateLimitPerMinute: number;
  readonly clockScale: number;
  /** How long a validated WFM historical import stays in progress (simulated ms). */
  readonly wfmProcessingMs: number;
}

export class SimContext {
  readonly clock: Clock;
  readonly issuer: TokenIssuer;
  readonly log = new RequestLog();
  /** Notification channels and their sockets; they outlive /sim/reset's org only as far as reset clears them. */
  readonly notifications: NotificationHub;
  wfmRequests: WfmRequests;
  org: OrgState;
  faults: FaultState[] = [];
  rateLimitPerMinute: number;
  wfmProcessingMs: number;

  constructor(
    readonly settings: SimSettings,
    readonly logger: Logger,
    public saml: SamlServiceProvider | undefined,
  ) {
    this.clock = scaledClock(settings.clockScale);
    this.issuer = new TokenIssuer(settings.clients, this.clock);
    this.org = newOrg(settings.orgName);
    this.notifications = new NotificationHub(this.clock, (userId) => this.org.users.has(userId));
    this.wfmRequests = new WfmRequests(this.clock, this.notifications, () => this.org.users.keys());
    this.rateLimitPerMinute = settings.rateLimitPerMinute;
    this.wfmProcessingMs = settings.wfmProcessingMs;
  }

  addFault(rule: Omit<FaultRule, 'id'>): FaultRule {
    const full: FaultRule = { ...rule, id: newId() };
    this.faults.push({ rule: full, accumulators: { error: 0, timeout: 0, reset: 0 }, matched: 0 });
    return full;
  }

  /** A fresh org, no tokens, no faults, an empty log and the configured rate limit. */
  reset(): void {
    this.org = newOrg(this.settings.orgName);
    this.notifications.clear();
    this.wfmRequests = new WfmRequests(this.clock, this.notifications, () => this.org.users.keys());
    this.issuer.clear();
    this.log.clear();
    this.faults = [];
    this.rateLimitPerMinute = this.settings.rateLimitPerMinute;
    this.wfmProcessingMs = this.settings.wfmProcessingMs;
    this.saml?.reset();
  }
}
