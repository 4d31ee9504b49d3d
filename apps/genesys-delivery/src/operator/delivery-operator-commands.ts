import {
  OperatorDeletionsConfirm,
  OperatorDeletionsPreview,
  OperatorDeliveryStatusRead,
  OperatorPlanDryRun,
  OperatorQuarantineList,
  OperatorQuarantineRelease,
  OperatorRecordRead,
  OperatorReprovisionProgress,
  OperatorReprovisionStart,
  OperatorSyncPause,
  OperatorSyncResume,
} from '@bridge/contracts';
import { NATS_CONNECTION, OperatorCommandServer, Topology, type NatsConnection } from '@bridge/messaging';
import { Inject, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { DeliveryOperations } from './delivery-operations';
import { ReprovisionMonitor } from './reprovision-monitor';

/** genesys-delivery's operator commands on NATS (the console's transport), and the reprovision monitor. */
export class DeliveryOperatorCommands implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly server: OperatorCommandServer;

  constructor(
    @Inject(NATS_CONNECTION) nats: NatsConnection,
    @Inject(Topology) topology: Topology,
    @Inject(DeliveryOperations) private readonly operations: DeliveryOperations,
    @Inject(ReprovisionMonitor) private readonly monitor: ReprovisionMonitor,
  ) {
    this.server = new OperatorCommandServer(nats, topology, 'genesys-delivery');
  }

  onApplicationBootstrap(): void {
    const o = this.operations;
    this.server.serve(OperatorDeletionsPreview, (request) => o.previewDeletions(request));
    this.server.serve(OperatorDeletionsConfirm, (request) => o.confirmDeletions(request));
    this.server.serve(OperatorQuarantineList, (request) => o.listQuarantine(request));
    this.server.serve(OperatorRecordRead, (request) => o.readRecord(request));
    this.server.serve(OperatorQuarantineRelease, (request) => o.releaseQuarantine(request));
    this.server.serve(OperatorPlanDryRun, (request) => o.dryRun(request));
    this.server.serve(OperatorReprovisionStart, (request) => o.startReprovision(request));
    this.server.serve(OperatorReprovisionProgress, (request) => o.reprovisionProgress(request));
    this.server.serve(OperatorSyncPause, (request) => o.pause(request));
    this.server.serve(OperatorSyncResume, (request) => o.resume(request));
    this.server.serve(OperatorDeliveryStatusRead, () => o.status());
    this.monitor.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all([this.server.close(), this.monitor.stop()]);
  }
}
