import type { Contribution } from './contributions';
import { CsvRecordBuilder, type GenesysNames } from './csv-records';

const names: GenesysNames = {
  queue: (id) => ({ Support: 'Support', Billing: 'Billing Desk' })[id],
  skill: (id) => ({ vip: 'VIP', billing: 'Billing' })[id],
  language: (id) => ({ fr: 'French' })[id],
};
const nine = Date.parse('2026-01-05T09:00:00Z');
const quarterPast = Date.parse('2026-01-05T09:15:00Z');
const row = (fields: Partial<Contribution>): Contribution => ({
  intervalStart: nine,
  workgroupId: 'Support',
  mediaType: 'call',
  skillSet: '',
  language: '',
  offered: 1,
  handled: 1,
  handleMs: 1_500,
  ...fields,
});
const build = (rows: Contribution[]) => {
  const builder = new CsvRecordBuilder(names);
  const records = [...rows.flatMap((r) => builder.push(r)), ...builder.flush()];
  return { records, omissions: builder.omissions };
};

describe('CsvRecordBuilder', () => {
  it('writes Genesys names, the media type and whole seconds', () => {
    expect(
      build([row({ workgroupId: 'Billing', skillSet: 'billing|||vip', language: 'fr' })]).records,
    ).toEqual([['2026-01-05T09:00:00Z', 'Billing Desk', 'voice', 'Billing|||VIP', 'French', 1, 1, 2]]);
  });

  it('leaves out and counts the rows of workgroups whose queue Genesys does not have', () => {
    const { records, omissions } = build([
      row({ workgroupId: 'Secret' }),
      row({ workgroupId: 'Secret' }),
      row({}),
    ]);
    expect(records).toHaveLength(1);
    expect(omissions.workgroups).toEqual(new Map([['Secret', 2]]));
  });

  it('drops a skill or language Genesys lacks and sums the rows that become alike', () => {
    const { records, omissions } = build([
      row({}),
      row({ skillSet: 'gold', offered: 2, handleMs: 2_000 }),
      row({ language: 'kl', offered: 3, handled: 0, handleMs: 0 }),
    ]);
    expect(records).toEqual([['2026-01-05T09:00:00Z', 'Support', 'voice', '', '', 6, 2, 4]]);
    expect(omissions.skills).toEqual(new Set(['gold']));
    expect(omissions.languages).toEqual(new Set(['kl']));
  });

  it('emits a group as soon as the next one starts, in order', () => {
    const builder = new CsvRecordBuilder(names);
    expect(builder.push(row({}))).toEqual([]);
    expect(builder.push(row({ mediaType: 'chat' }))).toEqual([
      ['2026-01-05T09:00:00Z', 'Support', 'voice', '', '', 1, 1, 2],
    ]);
    expect(builder.push(row({ intervalStart: quarterPast, mediaType: 'chat' }))).toHaveLength(1);
    expect(builder.flush()).toEqual([['2026-01-05T09:15:00Z', 'Support', 'chat', '', '', 1, 1, 2]]);
  });
});
