import { importOutcome, nextUploadStep, pollDelayMs, type UploadJobStatus } from './upload-job';
import { nextDailyRunAt, planRun } from './run-plan';
import { uploadFileName, uploadWindowAt } from './upload-window';

const poll = { firstMs: 1_000, maxMs: 60_000 };
const step = (status: UploadJobStatus, fileOnDisk = true) => nextUploadStep({ status }, fileOnDisk).kind;

describe('the upload job', () => {
  it('walks build → upload URL → PUT → validate → poll', () => {
    expect(
      ['building', 'built', 'urlReceived', 'uploaded', 'importing'].map((s) => step(s as UploadJobStatus)),
    ).toEqual(['build', 'requestUploadUrl', 'putFile', 'validate', 'pollImport']);
    expect(step('succeeded')).toBe('none');
    expect(step('failed')).toBe('none');
  });

  it('builds the file again when a restart lost it before the upload, not after', () => {
    expect(step('built', false)).toBe('build');
    expect(step('urlReceived', false)).toBe('build');
    expect(step('uploaded', false)).toBe('validate');
  });

  it('looks for its import before validating again when the answer to validate was lost', () => {
    expect(step('validating')).toBe('findImport');
  });

  it('polls with a doubling delay up to the ceiling', () => {
    expect([0, 1, 2, 10, 100].map((polls) => pollDelayMs(polls, poll))).toEqual([
      1_000, 2_000, 4_000, 60_000, 60_000,
    ]);
  });

  it('ends on success, failure with Genesys reasons, or a cancelled import', () => {
    expect(importOutcome('Pending', undefined)).toEqual({ done: false });
    expect(importOutcome('Success', undefined)).toEqual({ done: true, succeeded: true });
    expect(importOutcome('Failed', "Row 2: queue 'X' does not exist")).toEqual({
      done: true,
      succeeded: false,
      error: "Row 2: queue 'X' does not exist",
    });
    expect(importOutcome('Cancelled', undefined)).toEqual(expect.objectContaining({ succeeded: false }));
    expect(importOutcome('SomethingNew', undefined)).toEqual({ done: false });
  });
});

describe('a run', () => {
  const now = Date.parse('2026-01-05T09:20:31Z');
  const window = uploadWindowAt(now, 90);

  it('uploads the history window up to the last complete interval', () => {
    expect(window.end).toBe(Date.parse('2026-01-05T09:15:00Z'));
    expect(window.start).toBe(Date.parse('2025-10-07T09:15:00Z'));
    expect(uploadFileName(window, 7)).toBe('cic-history-20251007T091500Z-20260105T091500Z-job7.csv');
  });

  it('never starts beside a job in flight, and skips a window already imported unless late data came', () => {
    expect(planRun({ window, inFlight: true, dirty: true })).toEqual({ start: false, reason: 'inFlight' });
    expect(planRun({ window, inFlight: false, lastSucceeded: window, dirty: false })).toEqual({
      start: false,
      reason: 'upToDate',
    });
    expect(planRun({ window, inFlight: false, lastSucceeded: window, dirty: true })).toEqual({
      start: true,
      window,
    });
    const older = { start: window.start - 900_000, end: window.end - 900_000 };
    expect(planRun({ window, inFlight: false, lastSucceeded: older, dirty: false })).toEqual({
      start: true,
      window,
    });
  });

  it('is due daily at the configured UTC time', () => {
    expect(nextDailyRunAt(now, '02:30')).toBe(Date.parse('2026-01-06T02:30:00Z'));
    expect(nextDailyRunAt(now, '23:00')).toBe(Date.parse('2026-01-05T23:00:00Z'));
  });
});
