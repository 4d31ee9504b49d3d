import { expectedOrg, type CicCenter } from './expected-org';
import type { MadeInteraction, TakenStep } from './expected-conversations';

/**
 * The WFM historical data rows a traffic run must produce, computed here from the CIC simulator generator's own
 * record and ADR 0009's counting rules, not with libs/interval-aggregation, so a wrong rule in the service cannot
 * agree with itself. Rows are CSV lines: interval start, queue, media type, skill set, language, Offered,
 * Interactions Handled, Total Handle Time in seconds.
 */

/** A step with the fields the conversation view does not read. */
type Step = TakenStep & { skills?: string[]; language?: string; afterCallWork?: boolean };

interface Segment {
  workgroupId: string;
  queuedAt?: number;
  skills: string[];
  language?: string;
  answeredAt?: number;
  endedAt?: number;
  afterCallWork?: { startedAt: number; endedAt?: number };
}

const INTERVAL_MS = 15 * 60 * 1000;
const MEDIA = { call: 'voice', chat: 'chat', email: 'email', callback: 'callback' } as const;
const nameOf = (object: { id: string; displayName?: string }) => object.displayName?.trim() || object.id;

/** The workgroup segments of one interaction as the generator made it. */
function segmentsOf(made: MadeInteraction): { mediaType: string; segments: Segment[] } {
  let mediaType = '';
  const segments: Segment[] = [];
  const current = () => segments.at(-1);
  for (const step of made.steps as Step[]) {
    const at = Date.parse(step.at);
    const segment = current();
    switch (step.kind) {
      case 'create':
        mediaType = step.mediaType ?? '';
        segments.push({
          workgroupId: step.workgroupId ?? '',
          ...(step.direction === 'inbound' ? { queuedAt: at } : {}),
          skills: step.skills ?? [],
          ...(step.language ? { language: step.language } : {}),
        });
        break;
      case 'connect':
        if (segment && segment.answeredAt === undefined) segment.answeredAt = at;
        break;
      case 'transferToUser':
      case 'transferToWorkgroup':
        if (!segment) break;
        segment.endedAt = at;
        segments.push({
          workgroupId: step.kind === 'transferToWorkgroup' ? (step.workgroupId ?? '') : segment.workgroupId,
          ...(step.kind === 'transferToWorkgroup' ? { queuedAt: at } : {}),
          skills: segment.skills,
          ...(segment.language ? { language: segment.language } : {}),
        });
        break;
      case 'disconnect':
        if (!segment) break;
        segment.endedAt = at;
        if (segment.answeredAt !== undefined && step.afterCallWork === true)
          segment.afterCallWork = { startedAt: at };
        break;
      case 'wrapUp':
        if (segment?.afterCallWork) segment.afterCallWork.endedAt = at;
        break;
    }
  }
  return { mediaType, segments };
}

/** The expected CSV lines (without the header), sorted, for the queues Genesys has. */
export function expectedIntervalRows(made: readonly MadeInteraction[], center: CicCenter): string[] {
  const inGenesys = new Set(Object.keys(expectedOrg(center).queues));
  const queues = new Map(center.workgroups.map((w) => [w.id, nameOf(w)]));
  const skills = new Map(center.skills.map((s) => [s.id, nameOf(s)]));
  const rows = new Map<string, { offered: number; handled: number; handleMs: number }>();
  const add = (at: number, segment: Segment, media: string, offered: number, handled: number, ms: number) => {
    const skillSet = [...new Set(segment.skills.map((id) => skills.get(id) ?? id))].sort().join('|||');
    const language = segment.language ? (skills.get(segment.language) ?? segment.language) : '';
    const interval = new Date(Math.floor(at / INTERVAL_MS) * INTERVAL_MS).toISOString().replace('.000Z', 'Z');
    const key = [interval, queues.get(segment.workgroupId) ?? '?', media, skillSet, language].join(',');
    const row = rows.get(key) ?? { offered: 0, handled: 0, handleMs: 0 };
    rows.set(key, {
      offered: row.offered + offered,
      handled: row.handled + handled,
      handleMs: row.handleMs + ms,
    });
  };
  for (const interaction of made) {
    const { mediaType, segments } = segmentsOf(interaction);
    const media = MEDIA[mediaType as keyof typeof MEDIA];
    for (const segment of segments) {
      if (segment.queuedAt === undefined || !inGenesys.has(queues.get(segment.workgroupId) ?? '')) continue;
      add(segment.queuedAt, segment, media, 1, 0, 0);
      const { answeredAt, endedAt, afterCallWork } = segment;
      if (answeredAt === undefined || endedAt === undefined) continue;
      if (afterCallWork && afterCallWork.endedAt === undefined) continue;
      const wrapUpMs = afterCallWork ? (afterCallWork.endedAt ?? 0) - afterCallWork.startedAt : 0;
      add(answeredAt, segment, media, 0, 1, endedAt - answeredAt + wrapUpMs);
    }
  }
  return [...rows]
    .map(([key, row]) => `${key},${row.offered},${row.handled},${Math.round(row.handleMs / 1000)}`)
    .sort();
}
