import { OperatorDeletionsConfirm, OperatorDeletionsPreview } from './deletion-commands';
import { OperatorMappingBackfill, OperatorMappingRebuild } from './mapping-commands';
import { OperatorPlanDryRun } from './plan-commands';
import { OperatorRecordRead } from './record-commands';
import { OperatorQuarantineList, OperatorQuarantineRelease } from './quarantine-commands';
import { OperatorReprovisionProgress, OperatorReprovisionStart } from './reprovision-commands';
import {
  OperatorDeliveryStatusRead,
  OperatorIngestionStatusRead,
  OperatorMappingStatusRead,
  OperatorUploadStatusRead,
} from './status-commands';
import { OperatorSyncPause, OperatorSyncResume } from './sync-commands';

/** Every operator command, for the conformance test and for a client that lists them. */
export const operatorCommands = [
  OperatorDeletionsPreview,
  OperatorDeletionsConfirm,
  OperatorQuarantineList,
  OperatorQuarantineRelease,
  OperatorPlanDryRun,
  OperatorReprovisionStart,
  OperatorReprovisionProgress,
  OperatorSyncPause,
  OperatorSyncResume,
  OperatorIngestionStatusRead,
  OperatorMappingStatusRead,
  OperatorDeliveryStatusRead,
  OperatorUploadStatusRead,
  OperatorMappingRebuild,
  OperatorMappingBackfill,
  OperatorRecordRead,
] as const;

export type AnyOperatorCommand = (typeof operatorCommands)[number];
