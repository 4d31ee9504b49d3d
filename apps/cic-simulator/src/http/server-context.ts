import type { Logger } from '@bridge/telemetry';
import type { ServerRole, Simulation } from '../domain/simulation';
import type { StormRunner } from '../storm-runner';
import type { TrafficRunner } from '../traffic-runner';

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
  /** The storm `/sim/status-storm` drives; shared by both servers of a pair, like the center. */
  storm: StormRunner;
  /** The background demo activity (`--activity`), in changes per minute for the whole center; 0 = off. */
  activityPerMinute: number;
  /** The traffic `/sim/traffic` drives; shared by both servers of a pair. */
  traffic: TrafficRunner;
  /** The demo center's background traffic (`--traffic`), in new interactions per minute; 0 = off. */
  trafficPerMinute: number;
}

export const SERVER_CONTEXT = Symbol('ServerContext');
