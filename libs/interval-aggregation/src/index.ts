/**
 * Historical upload's rules (issue 14), pure: CIC interactions → 15-minute interval rows per workgroup × media
 * type, the rows → the WFM historical import CSV's records, the upload window, the job's steps and the run
 * schedule. See README.md.
 */
export { INTERVAL_MS, intervalLabel, intervalStartOf } from './interval';
export {
  contributionsOf,
  rowKeyText,
  SKILL_SEPARATOR,
  type Contribution,
  type Counts,
  type InteractionFacts,
  type RowKey,
} from './contributions';
export { earliestIntervalOf, RowDeltas } from './row-deltas';
export { uploadFileName, uploadWindowAt, type UploadWindow } from './upload-window';
export {
  CSV_HEADER,
  CsvRecordBuilder,
  genesysMediaType,
  type CsvRecord,
  type GenesysNames,
  type Omissions,
} from './csv-records';
export {
  importOutcome,
  nextUploadStep,
  pollDelayMs,
  type ImportStatus,
  type PollSettings,
  type UploadJobState,
  type UploadJobStatus,
  type UploadStep,
} from './upload-job';
export { nextDailyRunAt, planRun, type RunDecision, type RunSituation } from './run-plan';
