import { presenceOf } from './presence-of';
import { defaultPresenceTable } from './presence-table';
import { presenceTableOf } from './presence-table-override';
import { aStatusMessage, aUserStatus } from './test-support/builders';

/** An operator row, as it reads in the JSON file: a status id shown as an off-queue system presence. */
const row = (name: string, statusId: string, systemPresence: string) => ({
  name,
  when: { statusId },
  then: { systemPresence, routingStatus: 'OFF_QUEUE' },
});

const systemPresenceOf = (statusId: string, table: ReturnType<typeof presenceTableOf>) =>
  presenceOf(aUserStatus('u', statusId), aStatusMessage(statusId), 'wem', table).systemPresence;

describe('an operator presence table', () => {
  it('replaces a default row by its name', () => {
    const table = presenceTableOf([row('goneHome', 'Gone Home', 'Away')], 'table.json');

    expect(table).toHaveLength(defaultPresenceTable.length);
    expect(systemPresenceOf('gone home', table)).toBe('Away');
  });

  it('adds rows that win over default rows of the same precedence, ignoring case', () => {
    const table = presenceTableOf([row('homeworking', 'WORKING AT HOME', 'Available')], 'table.json');

    expect(systemPresenceOf('Working at Home', table)).toBe('Available');
  });

  it('names the row and the field of a bad value', () => {
    expect(() => presenceTableOf([row('lunch', 'At Lunch', 'Lunch')], 'table.json')).toThrow(
      /table\.json: row 1 \("lunch"\) field then\.systemPresence/,
    );
  });

  it('refuses unknown fields, duplicate names and a table left without a fallback', () => {
    const unknownField = { ...row('x', 'A', 'Busy'), when: { status: 'A' } };
    expect(() => presenceTableOf([unknownField], 'f')).toThrow(/row 1 \("x"\) field when/);
    expect(() => presenceTableOf([row('x', 'A', 'Busy'), row('x', 'B', 'Busy')], 'f')).toThrow(
      /row 2 \("x"\) field name: used by an earlier row/,
    );
    expect(() => presenceTableOf([row('otherwise', 'A', 'Busy')], 'f')).toThrow(/no row without conditions/);
  });

  it('refuses a file that is not a list of rows', () => {
    expect(() => presenceTableOf({ rows: [] }, 'table.json')).toThrow(/table\.json: /);
  });
});
