import {
  EventPublisher,
  JetStreamServer,
  NATS_CONNECTION,
  Topology,
  type NatsConnection,
} from '@bridge/messaging';
import { NestLogger, type Logger } from '@bridge/telemetry';
import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

export interface ServiceOptions {
  readonly service: string;
  /** The app's root module: usually `AppModule.register(config)`, built from the config main.ts parsed. */
  readonly module: Type<unknown> | DynamicModule;
  readonly port: number;
  /** The address to listen on: a service's `…_HOST` (`bindHost()` in config, loopback unless configured). */
  readonly host: string;
  readonly logger: Logger;
  /** Whether the module declares `@JetStreamConsumer` handlers to run. */
  readonly consumers: boolean;
}

/**
 * The process shell every service shares: a Nest app logging JSON, its JetStream consumers, HTTP on
 * `host`:`port`, and a graceful stop on SIGTERM or SIGINT (consumers stop, in-flight work finishes, connections drain).
 */
export async function startService(options: ServiceOptions): Promise<INestApplication> {
  const { logger } = options;
  // abortOnError off: a module that fails to build rejects here, so runService logs why (with the stack) and
  // exits, where Nest's default would end the process itself after one bare line.
  const app = await NestFactory.create(options.module, {
    logger: new NestLogger(logger),
    bufferLogs: true,
    abortOnError: false,
  });
  if (options.consumers) {
    app.connectMicroservice(
      {
        strategy: new JetStreamServer({
          nats: app.get<NatsConnection>(NATS_CONNECTION),
          topology: app.get(Topology),
          publisher: app.get(EventPublisher),
          onFailure: (failure) =>
            logger.warn({ ...failure, error: String(failure.error) }, 'message handling failed'),
        }),
      },
      { inheritAppConfig: true },
    );
    await app.startAllMicroservices();
  }
  await app.listen(options.port, options.host);
  logger.info({ host: options.host, port: options.port }, `${options.service} listening`);
  stopOnSignal(app, options);
  return app;
}

/** Closes the app (Nest's shutdown hooks run) and exits 0; a second signal exits at once. */
function stopOnSignal(app: INestApplication, { service, logger }: ServiceOptions): void {
  const stop = (signal: NodeJS.Signals) => {
    process.once(signal, () => process.exit(1));
    logger.info({ signal }, `${service} stopping`);
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, `${service} did not stop cleanly`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
