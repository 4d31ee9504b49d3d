import { newOrg } from './org-state';
import { createLanguage, createQueue, createSkill } from './routing';
import { scaledClock } from './clock';
import { checkHistoricalCsv } from './wfm';

const clock = scaledClock(1);
const org = newOrg('test');
createQueue(org, clock, { name: 'Support' });
createSkill(org, clock, { name: 'Billing' });
createSkill(org, clock, { name: 'VIP' });
createLanguage(org, clock, { name: 'French' });
const header =
  'Interval Start UTC Date,Queue,Media Type,Skill Set,Language,Offered,Interactions Handled,Total Handle Time (Seconds)';

describe('checkHistoricalCsv', () => {
  it('accepts 15-minute UTC intervals for existing queues, skills and languages', () => {
    const csv = `${header}\n2026-01-05T09:15:00Z,Support,voice,Billing|||VIP,French,10,9,1800\n2026-01-05T09:30:00.000Z,Support,chat,,,0,0,0\n`;
    expect(checkHistoricalCsv(org, csv)).toEqual({
      errors: [],
      queueMedia: ['Support|voice', 'Support|chat'],
      rows: 2,
    });
  });

  it('reports every broken rule with its row', () => {
    const csv = `${header}\n2026-01-05T09:10:00Z,Nope,fax,Gold,Klingon,-1,x,1\n`;
    const { errors } = checkHistoricalCsv(org, csv);
    expect(errors).toEqual([
      expect.stringContaining("Row 2: 'Interval Start UTC Date'"),
      "Row 2: queue 'Nope' does not exist",
      expect.stringContaining("Row 2: 'Media Type'"),
      "Row 2: skill 'Gold' does not exist",
      "Row 2: language 'Klingon' does not exist",
      "Row 2: 'Offered' must be a positive number",
      "Row 2: 'Interactions Handled' must be a positive number",
    ]);
  });

  it('requires the documented columns', () => {
    expect(checkHistoricalCsv(org, 'Queue,Offered\nSupport,1').errors).toContain(
      "Missing column 'Interval Start UTC Date'",
    );
  });
});
