import { presenceOf } from './presence-of';
import { defaultPresenceTable } from './presence-table';
import { presenceTableOf } from './presence-table-override';
import { aStatusMessage, aUserStatus } from './test-support/builders';

describe('an operator presence table', () => {
  it('replaces a default row by its name', () => {
    const table = presenceTableOf(
      [
        {
          name: 'goneHome',
          when: { statusId: 'Gone Home' },
          then: { systemPresence: 'Away', routingStatus: 'OFF_QUEUE' },
        },
      ],
      'table.json',
    );
    expect(table).toHaveLength(defaultPresenceTable.length);
    expect(
      presenceOf(aUserStatus('u', 'gone home'), aStatusMessage('Gone Home'), 'wem', table),
    ).toMatchObject({
      systemPresence: 'Away',
    });
  });

  it('adds rows that win over default rows of the same precedence', () => {
    const table = presenceTableOf(
      [
        {
          name: 'homeworking',
          when: { statusId: 'WORKING AT HOME' },
          then: { systemPresence: 'Available', routingStatus: 'OFF_QUEUE' },
        },
      ],
      'table.json',
    );
    const status = aUserStatus('u', 'Working at Home');
    expect(presenceOf(status, aStatusMessage('Working at Home'), 'wem', table)).toMatchObject({
      systemPresence: 'Available',
    });
  });

  it('names the row and the field of a bad value', () => {
    const bad = [
      {
        name: 'lunch',
        when: { statusId: 'At Lunch' },
        then: { systemPresence: 'Lunch', routingStatus: 'OFF_QUEUE' },
      },
    ];
    expect(() => presenceTableOf(bad, 'table.json')).toThrow(
      /table\.json: row 1 \("lunch"\) field then\.systemPresence/,
    );
  });

  it('refuses unknown fields, duplicate names and a table left without a fallback', () => {
    expect(() =>
      presenceTableOf(
        [{ name: 'x', when: { status: 'A' }, then: { systemPresence: 'Busy', routingStatus: 'OFF_QUEUE' } }],
        'f',
      ),
    ).toThrow(/row 1 \("x"\) field when/);
    const row = {
      name: 'x',
      when: { statusId: 'A' },
      then: { systemPresence: 'Busy', routingStatus: 'OFF_QUEUE' },
    };
    expect(() => presenceTableOf([row, row], 'f')).toThrow(
      /row 2 \("x"\) field name: used by an earlier row/,
    );
    expect(() => presenceTableOf([{ ...row, name: 'otherwise' }], 'f')).toThrow(/no row without conditions/);
  });

  it('refuses a file that is not a list of rows', () => {
    expect(() => presenceTableOf({ rows: [] }, 'table.json')).toThrow(/table\.json: /);
  });
});
