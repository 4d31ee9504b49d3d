import { effectiveSettings } from '@bridge/config';
import { OperatorUploadStatusRead } from '@bridge/contracts';
import { NATS_CONNECTION, OperatorCommandServer, Topology, type NatsConnection } from '@bridge/messaging';
import { processStatusOf } from '@bridge/runtime';
import { Inject, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { HISTORICAL_UPLOAD_CONFIG, type HistoricalUploadConfig } from '../config';
import { IntervalProjectionStore } from '../persistence/interval-projection-store';
import { UploadJobs, type UploadJob } from '../persistence/upload-jobs';

/** A job as the status read shows it: id, status, and when it last moved. */
function jobStatus(job: UploadJob | undefined) {
  if (!job) return undefined;
  const at = job.history.at(-1)?.at;
  return { id: job.id, status: job.status, ...(at ? { at } : {}) };
}

/**
 * historical-upload's one operator command on NATS: the status read, which every instance answers, so the
 * console's Health and Configuration pages list the service beside the others (its commands stay HTTP with the
 * operator token).
 */
export class UploadOperatorCommands implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly server: OperatorCommandServer;

  constructor(
    @Inject(NATS_CONNECTION) nats: NatsConnection,
    @Inject(Topology) topology: Topology,
    @Inject(IntervalProjectionStore) private readonly projection: IntervalProjectionStore,
    @Inject(UploadJobs) private readonly jobs: UploadJobs,
    @Inject(HISTORICAL_UPLOAD_CONFIG) private readonly config: HistoricalUploadConfig,
  ) {
    this.server = new OperatorCommandServer(nats, topology, 'historical-upload');
  }

  onApplicationBootstrap(): void {
    this.server.serve(OperatorUploadStatusRead, async () => {
      const [projection, inFlight, lastSucceeded] = await Promise.all([
        this.projection.lag(),
        this.jobs.inFlight(),
        this.jobs.lastSucceeded(),
      ]);
      const running = jobStatus(inFlight);
      const succeeded = jobStatus(lastSucceeded);
      return {
        ok: true,
        result: {
          process: processStatusOf('historical-upload'),
          settings: effectiveSettings(this.config),
          projection,
          ...(running ? { inFlight: running } : {}),
          ...(succeeded ? { lastSucceeded: succeeded } : {}),
        },
      };
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.server.close();
  }
}
