import type { CicInteraction, CicSegment } from '@bridge/contracts';
import { intervalStartOf } from './interval';

/** The part of a CIC interaction these rules read. */
export type InteractionFacts = Pick<CicInteraction, 'mediaType' | 'segments'>;

/** One row of the projection: an interval × workgroup × media (× skills × language), all CIC keys. */
export interface RowKey {
  /** Interval start, ms since the epoch (a multiple of INTERVAL_MS). */
  readonly intervalStart: number;
  readonly workgroupId: string;
  readonly mediaType: InteractionFacts['mediaType'];
  /** CIC skill ids, sorted and joined with `|||` (the CSV's separator); '' when none. */
  readonly skillSet: string;
  /** CIC skill id of the language; '' when none. */
  readonly language: string;
}

export interface Counts {
  readonly offered: number;
  readonly handled: number;
  /** Talk + hold + after-call work, in ms (seconds are taken once, when the file is written). */
  readonly handleMs: number;
}

export interface Contribution extends RowKey, Counts {}

/**
 * Where an interaction counts — the one place this is decided [INF: the usual WFM rule; Genesys' help does not
 * say how its own intervals split an interaction]:
 * - Offered: once per workgroup segment that entered a queue, in the interval it entered (a transfer to another
 *   workgroup is offered again there; an abandon is offered and not handled).
 * - Handled and Total Handle Time: once per queued segment an agent answered, in the interval it was answered,
 *   when the handling is over (the segment ended, and its after-call work ended if it had any), so a row never
 *   shows a handled interaction with part of its time. Handle time = answered → segment end (talk and holds)
 *   + after-call work, even where those run into later intervals.
 * A segment that did not come from a queue (outbound, a transfer straight to a user) counts nowhere.
 */
export function contributionsOf(interaction: InteractionFacts): Contribution[] {
  const contributions: Contribution[] = [];
  for (const segment of interaction.segments) {
    if (segment.enteredQueueAt === undefined) continue;
    const workgroupId = segment.workgroupId;
    const mediaType = interaction.mediaType;
    const skillSet =
      segment.skills.length === 0 ? '' : [...new Set(segment.skills)].sort().join(SKILL_SEPARATOR);
    const language = segment.language ?? '';
    contributions.push({
      intervalStart: intervalStartOf(Date.parse(segment.enteredQueueAt)),
      workgroupId,
      mediaType,
      skillSet,
      language,
      offered: 1,
      handled: 0,
      handleMs: 0,
    });
    const handleMs = handleMsOf(segment);
    if (segment.answeredAt !== undefined && handleMs !== undefined)
      contributions.push({
        intervalStart: intervalStartOf(Date.parse(segment.answeredAt)),
        workgroupId,
        mediaType,
        skillSet,
        language,
        offered: 0,
        handled: 1,
        handleMs,
      });
  }
  return contributions;
}

function handleMsOf(segment: CicSegment): number | undefined {
  const { answeredAt, endedAt, afterCallWork } = segment;
  if (answeredAt === undefined || endedAt === undefined) return undefined;
  const talkAndHold = Math.max(0, Date.parse(endedAt) - Date.parse(answeredAt));
  if (afterCallWork === undefined) return talkAndHold;
  if (afterCallWork.endedAt === undefined) return undefined;
  return talkAndHold + Math.max(0, Date.parse(afterCallWork.endedAt) - Date.parse(afterCallWork.startedAt));
}

/** The CSV's separator between the skills of a Skill Set. */
export const SKILL_SEPARATOR = '|||';

/** A stable text form of a row key, for maps and for the projection's primary key. */
export function rowKeyText(key: RowKey): string {
  return JSON.stringify([key.intervalStart, key.workgroupId, key.mediaType, key.skillSet, key.language]);
}
