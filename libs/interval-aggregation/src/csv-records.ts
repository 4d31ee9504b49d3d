import { type Contribution, SKILL_SEPARATOR } from './contributions';
import { intervalLabel } from './interval';

/** The CSV's columns, in the order Genesys documents them. */
export const CSV_HEADER = [
  'Interval Start UTC Date',
  'Queue',
  'Media Type',
  'Skill Set',
  'Language',
  'Offered',
  'Interactions Handled',
  'Total Handle Time (Seconds)',
] as const;

export type CsvRecord = [string, string, string, string, string, number, number, number];

/** The Genesys media type of a CIC one. */
export const genesysMediaType = {
  call: 'voice',
  chat: 'chat',
  email: 'email',
  callback: 'callback',
} as const;

/** Genesys names of the CIC objects that exist in Genesys Cloud; undefined for those that do not (yet). */
export interface GenesysNames {
  queue(workgroupId: string): string | undefined;
  skill(skillId: string): string | undefined;
  language(skillId: string): string | undefined;
}

/** What the file leaves out because Genesys Cloud does not have it: rows per workgroup, skills, languages. */
export interface Omissions {
  readonly workgroups: Map<string, number>;
  readonly skills: Set<string>;
  readonly languages: Set<string>;
}

/**
 * Turns projection rows, read in order of (interval, workgroup, media type, skill set, language), into CSV
 * records. Only queues that exist in Genesys are written (the file would be refused otherwise); a skill or
 * language that does not exist is left out of the row, and rows that become alike are summed, since Genesys takes
 * one row per interval × queue × media × skill set × language. Holds one interval × workgroup × media group at a
 * time, so a file of any size streams through it.
 */
export class CsvRecordBuilder {
  readonly omissions: Omissions = { workgroups: new Map(), skills: new Set(), languages: new Set() };
  private group: { key: string; records: Map<string, Contribution & { names: [string, string, string] }> } = {
    key: '',
    records: new Map(),
  };

  constructor(private readonly names: GenesysNames) {}

  /** The records of the groups this row closes (none while it belongs to the current group). */
  push(row: Contribution): CsvRecord[] {
    const queue = this.names.queue(row.workgroupId);
    if (queue === undefined) {
      const omitted = this.omissions.workgroups;
      omitted.set(row.workgroupId, (omitted.get(row.workgroupId) ?? 0) + 1);
      return [];
    }
    const groupKey = JSON.stringify([row.intervalStart, row.workgroupId, row.mediaType]);
    const closed = groupKey === this.group.key ? [] : this.flush();
    this.group.key = groupKey;
    const skillSet = this.skillNames(row.skillSet);
    const language = row.language === '' ? '' : this.languageName(row.language);
    const recordKey = JSON.stringify([skillSet, language]);
    const before = this.group.records.get(recordKey);
    this.group.records.set(recordKey, {
      ...row,
      offered: row.offered + (before?.offered ?? 0),
      handled: row.handled + (before?.handled ?? 0),
      handleMs: row.handleMs + (before?.handleMs ?? 0),
      names: [queue, skillSet, language],
    });
    return closed;
  }

  /** The records of the group in hand; call once more at the end of the rows. */
  flush(): CsvRecord[] {
    const records = [...this.group.records.values()]
      .sort((a, b) => compareText(a.names.join('\n'), b.names.join('\n')))
      .map((r): CsvRecord => [
        intervalLabel(r.intervalStart),
        r.names[0],
        genesysMediaType[r.mediaType],
        r.names[1],
        r.names[2],
        r.offered,
        r.handled,
        Math.round(r.handleMs / 1000),
      ]);
    this.group = { key: '', records: new Map() };
    return records;
  }

  private skillNames(skillSet: string): string {
    if (skillSet === '') return '';
    const names: string[] = [];
    for (const id of skillSet.split(SKILL_SEPARATOR)) {
      const name = this.names.skill(id);
      if (name === undefined) this.omissions.skills.add(id);
      else names.push(name);
    }
    return names.sort(compareText).join(SKILL_SEPARATOR);
  }

  private languageName(id: string): string {
    const name = this.names.language(id);
    if (name === undefined) this.omissions.languages.add(id);
    return name ?? '';
  }
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
