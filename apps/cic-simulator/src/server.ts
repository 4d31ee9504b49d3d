import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { NestFactory } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createLogger, type Logger } from '@bridge/telemetry';
import { ContactCenter } from './domain/contact-center';
import {
  DEFAULT_ADMIN_PASSWORD,
  DEFAULT_ADMIN_USER_ID,
  DEFAULT_USER_PASSWORD,
  generateContactCenter,
  type GeneratorOptions,
} from './domain/generate-contact-center';
import type { ContactCenterData } from './domain/model';
import { parseOmittedProperties } from './domain/omitted-properties';
import { Simulation, type ServerRole } from './domain/simulation';
import { StatusStormPlan } from './domain/status-storm';
import { stormPlanOptions } from './domain/storm-request';
import { AppModule } from './http/app.module';
import { StormRunner } from './storm-runner';
import { TrafficPlan } from './domain/traffic-plan';
import { trafficPlanOptions } from './domain/traffic-request';
import { TrafficRunner } from './traffic-runner';
import { trafficSchema } from './traffic-schema';

/** The largest JSON request body the simulator reads. */
const JSON_BODY_LIMIT = '32mb';

export interface CicSimulatorOptions {
  /** The center to serve; otherwise one is generated from `generate` (default: a small seeded center). */
  center?: ContactCenterData;
  generate?: Partial<GeneratorOptions>;
  /** 0 picks a free port. Default 8018, as CIC's own. */
  port?: number;
  /** Starts the backup server of a switchover pair on this port (0 = any). */
  backupPort?: number;
  host?: string;
  /** The `messaging` feature version advertised: 2 (default) offers server-sent events, 1 polling only. */
  messagingVersion?: number;
  pingIntervalMs?: number;
  /** The account the bridge signs in with; ensured to exist in the center. */
  adminUserId?: string;
  adminPassword?: string;
  /** Password of users added through /sim without one (generated users have it too). */
  defaultUserPassword?: string;
  /** Properties left out of every item, as `<type>.<path>` (`workgroups.isActive`); see omitted-properties.ts. */
  omitProperties?: readonly string[];
  /** Demo activity: status changes per minute across the whole center, until the simulator stops (0 = off). */
  activityPerMinute?: number;
  /** Demo traffic: new ACD interactions per minute across the center, until the simulator stops (0 = off). */
  trafficPerMinute?: number;
  clock?: () => Date;
  logLevel?: string;
  logger?: Logger;
}

export interface RunningCicSimulator {
  /** Base URL of the primary server, e.g. http://127.0.0.1:8018. */
  url: string;
  /** Base URL of the backup server, when started with one. */
  backupUrl?: string;
  /** Every server's base URL, primary first: the value for CIC_SERVERS. */
  urls: string[];
  simulation: Simulation;
  /** The storm `/sim/status-storm` drives, for in-process tests. */
  storm: StormRunner;
  /** The traffic `/sim/traffic` drives, for in-process tests. */
  traffic: TrafficRunner;
  close(): Promise<void>;
}

export const DEFAULT_GENERATOR: GeneratorOptions = {
  users: 50,
  workgroups: 10,
  skills: 10,
  wrapUpCodes: 10,
  seed: 7,
};

function withAdmin(
  data: ContactCenterData,
  adminUserId: string,
  adminPassword: string,
  explicit: boolean,
): ContactCenterData {
  const admin = data.users.find((user) => user.id.toLowerCase() === adminUserId.toLowerCase());
  if (admin) {
    if (explicit) admin.password = adminPassword;
    admin.masterAdministrator = true;
    return data;
  }
  const now = new Date(0).toISOString();
  data.users.unshift({
    id: adminUserId,
    displayName: 'PureCloud Admin',
    password: adminPassword,
    masterAdministrator: true,
    phones: {},
    skills: [],
    createdDate: now,
    lastModifiedDate: now,
  });
  return data;
}

/**
 * A storm over every user that never ends, at `perMinute` changes for the whole center: the demo center is alive
 * without anyone asking. Users added later are not part of it.
 */
function demoActivity(center: ContactCenter, perMinute: number): StatusStormPlan {
  const options = stormPlanOptions(center, {
    changesPerMinute: perMinute / Math.max(1, center.users.size),
    durationS: Infinity,
    seed: 1,
    onPhoneShare: 0.5,
  });
  if (!options.ok) throw new Error(`activity: ${options.message}`);
  return new StatusStormPlan(options.value);
}

/**
 * Light ACD traffic that never ends, with a real center's lives (minutes), so the demo center replicates
 * interactions without anyone asking. Off when no workgroup can take traffic.
 */
function demoTraffic(center: ContactCenter, perMinute: number): TrafficPlan | undefined {
  const options = trafficPlanOptions(
    center,
    trafficSchema.parse({ ratePerSecond: perMinute / 60, durationS: 1 }),
  );
  return options.ok ? new TrafficPlan({ ...options.value, durationMs: Infinity }) : undefined;
}

/** Starts the simulator in this process: one server, or a switchover pair over one shared center. */
export async function startCicSimulator(options: CicSimulatorOptions = {}): Promise<RunningCicSimulator> {
  const clock = options.clock ?? (() => new Date());
  const logger = options.logger ?? createLogger('cic-simulator', options.logLevel ?? 'info');
  const adminUserId = options.adminUserId ?? DEFAULT_ADMIN_USER_ID;
  const adminPassword = options.adminPassword ?? DEFAULT_ADMIN_PASSWORD;
  const defaultUserPassword = options.defaultUserPassword ?? DEFAULT_USER_PASSWORD;
  const data =
    options.center !== undefined
      ? structuredClone(options.center)
      : generateContactCenter({
          ...DEFAULT_GENERATOR,
          adminUserId,
          adminPassword,
          userPassword: defaultUserPassword,
          ...options.generate,
        });
  const center = new ContactCenter(
    withAdmin(data, adminUserId, adminPassword, options.adminPassword !== undefined),
    clock,
  );
  const omitted = parseOmittedProperties(options.omitProperties ?? []);
  if (!omitted.ok) throw new Error(`omitProperties: ${omitted.message}`);
  const simulation = new Simulation(center, {
    withBackup: options.backupPort !== undefined,
    clock,
    newId: randomUUID,
    omitted: omitted.value,
  });
  const host = options.host ?? '127.0.0.1';
  const apps: INestApplication[] = [];
  const storm = new StormRunner(simulation, clock);
  const activityPerMinute = options.activityPerMinute ?? 0;
  const activity = new StormRunner(simulation, clock);
  if (activityPerMinute > 0) activity.start(demoActivity(center, activityPerMinute));
  const traffic = new TrafficRunner(simulation, clock, true);
  const trafficPerMinute = options.trafficPerMinute ?? 0;
  const background = new TrafficRunner(simulation, clock, false);
  const demo = trafficPerMinute > 0 ? demoTraffic(center, trafficPerMinute) : undefined;
  if (demo) background.start(demo);

  const listen = async (role: ServerRole, port: number): Promise<string> => {
    const app = await NestFactory.create<NestExpressApplication>(
      AppModule.register({
        role,
        simulation,
        messagingVersion: options.messagingVersion ?? 2,
        pingIntervalMs: options.pingIntervalMs ?? 15_000,
        defaultUserPassword,
        clock,
        logger: logger.child({ server: role }),
        storm,
        activityPerMinute,
        traffic,
        trafficPerMinute,
      }),
      { logger: false },
    );
    // A user-statuses PUT names every user to follow, so a large center's outgrows Express's default body limit.
    app.useBodyParser('json', { limit: JSON_BODY_LIMIT });
    await app.listen(port, host);
    apps.push(app);
    const address = (app.getHttpServer() as { address(): AddressInfo }).address();
    simulation.server(role).address = `${host}:${address.port}`;
    return `http://${host}:${address.port}`;
  };

  try {
    const url = await listen('primary', options.port ?? 8018);
    const backupUrl =
      options.backupPort === undefined ? undefined : await listen('backup', options.backupPort);
    logger.info(
      { url, backupUrl, users: center.users.size, workgroups: center.workgroups.size },
      'CIC simulator listening',
    );
    return {
      url,
      ...(backupUrl ? { backupUrl } : {}),
      urls: backupUrl ? [url, backupUrl] : [url],
      simulation,
      storm,
      traffic,
      close: async () => {
        storm.stop();
        activity.stop();
        traffic.stop();
        background.stop();
        // Ending the sessions ends their event streams, which would otherwise hold the servers open.
        simulation.servers.forEach((node) => node.sessions.dropAll());
        await Promise.all(apps.map((app) => app.close()));
      },
    };
  } catch (error) {
    activity.stop();
    background.stop();
    await Promise.all(apps.map((app) => app.close()));
    throw error;
  }
}
