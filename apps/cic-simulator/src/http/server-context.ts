import type { Logger } from '@bridge/telemetry';
import type { ServerRole, Simulation } from '../domain/simulation';

/** What one listening server knows: which member of the pair it is, and the shared simulation. */
export interface ServerContext {
  role: ServerRole;
  simulation: Simulation;
  /** The `messaging` feature version advertised; 2 and above offer server-sent events. */
  messagingVersion: number;
  /** How often an idle event stream gets a `:ping` comment. */
  pingIntervalMs: number;
  /** The default password of users the admin adds through /sim without one. */
  defaultUserPassword: string;
  clock: () => Date;
  logger: Logger;
}

export const SERVER_CONTEXT = Symbol('ServerContext');
