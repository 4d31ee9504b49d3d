/**
 * The upload job's steps, as a state the service keeps in Postgres after each one, so a restart resumes the job
 * where it was: `building` (write the CSV) → `built` (ask for an upload URL) → `urlReceived` (PUT the file) →
 * `uploaded` (validate) → `validating` (the validate request went out; its answer may be lost) → `importing` (poll
 * the import status) → `succeeded` | `failed`.
 */
export type UploadJobStatus =
  'building' | 'built' | 'urlReceived' | 'uploaded' | 'validating' | 'importing' | 'succeeded' | 'failed';

export interface UploadJobState {
  readonly status: UploadJobStatus;
}

/** What the service does next for a job. */
export type UploadStep =
  | { readonly kind: 'build' }
  | { readonly kind: 'requestUploadUrl' }
  | { readonly kind: 'putFile' }
  | { readonly kind: 'validate' }
  /** The validate request may have reached Genesys: look for the job's file in the import status first. */
  | { readonly kind: 'findImport' }
  | { readonly kind: 'pollImport' }
  | { readonly kind: 'none' };

export interface PollSettings {
  readonly firstMs: number;
  readonly maxMs: number;
}

/**
 * The next step of a job. `fileOnDisk`: the CSV built for it is still there (a restarted container may have lost
 * it; before the upload the file is then built again, after it Genesys has it).
 */
export function nextUploadStep(job: UploadJobState, fileOnDisk: boolean): UploadStep {
  switch (job.status) {
    case 'building':
      return { kind: 'build' };
    case 'built':
      return fileOnDisk ? { kind: 'requestUploadUrl' } : { kind: 'build' };
    case 'urlReceived':
      return fileOnDisk ? { kind: 'putFile' } : { kind: 'build' };
    case 'uploaded':
      return { kind: 'validate' };
    case 'validating':
      return { kind: 'findImport' };
    case 'importing':
      return { kind: 'pollImport' };
    case 'succeeded':
    case 'failed':
      return { kind: 'none' };
  }
}

/**
 * Backoff between import status polls (`polls`: how many were made), and between tries of a step that failed for
 * a passing reason: doubling from `firstMs` up to `maxMs` (an import may take a day).
 */
export function pollDelayMs(polls: number, poll: PollSettings): number {
  return Math.min(poll.maxMs, poll.firstMs * 2 ** Math.min(polls, 30));
}

/** Genesys' import status values (HistoricalImportStatus.status). */
export type ImportStatus =
  'Initiated' | 'InProgress' | 'Pending' | 'Success' | 'Failed' | 'Cancelled' | 'Purged' | 'PurgePending';

const cancelled = new Set<string>(['Cancelled', 'Purged', 'PurgePending'] satisfies ImportStatus[]);

/**
 * What an import status means for the job: still going (Initiated, InProgress, Pending), or its end with the
 * reason Genesys gave. A status this code does not know is taken as still going: the polls go on.
 */
export function importOutcome(
  status: string,
  error: string | undefined,
): { readonly done: false } | { readonly done: true; readonly succeeded: boolean; readonly error?: string } {
  if (status === 'Success') return { done: true, succeeded: true };
  if (status === 'Failed')
    return { done: true, succeeded: false, error: error ?? 'Genesys Cloud gave no reason' };
  if (cancelled.has(status))
    return { done: true, succeeded: false, error: `the import was ${status.toLowerCase()} in Genesys Cloud` };
  return { done: false };
}
