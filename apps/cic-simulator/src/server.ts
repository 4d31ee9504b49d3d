import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { NestFactory } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
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
import { AppModule } from './http/app.module';

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
    return data;
  }
  const now = new Date(0).toISOString();
  data.users.unshift({
    id: adminUserId,
    displayName: 'PureCloud Admin',
    password: adminPassword,
    phones: {},
    skills: [],
    createdDate: now,
    lastModifiedDate: now,
  });
  return data;
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

  const listen = async (role: ServerRole, port: number): Promise<string> => {
    const app = await NestFactory.create(
      AppModule.register({
        role,
        simulation,
        messagingVersion: options.messagingVersion ?? 2,
        pingIntervalMs: options.pingIntervalMs ?? 15_000,
        defaultUserPassword,
        clock,
        logger: logger.child({ server: role }),
      }),
      { logger: false },
    );
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
      close: async () => {
        // Ending the sessions ends their event streams, which would otherwise hold the servers open.
        simulation.servers.forEach((node) => node.sessions.dropAll());
        await Promise.all(apps.map((app) => app.close()));
      },
    };
  } catch (error) {
    await Promise.all(apps.map((app) => app.close()));
    throw error;
  }
}
