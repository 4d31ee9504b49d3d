import { parseCliArgs } from './cli-args';

describe('parseCliArgs', () => {
  it('reads the generator flags, ports and messaging version', () => {
    expect(
      parseCliArgs([
        '--users',
        '10000',
        '--workgroups',
        '300',
        '--skills',
        '200',
        '--wrapups',
        '500',
        '--seed',
        '7',
        '--port',
        '8018',
        '--backup-port',
        '8019',
        '--messaging-version',
        '1',
        '--activity',
        '6',
      ]),
    ).toEqual({
      ok: true,
      value: {
        generate: { users: 10000, workgroups: 300, skills: 200, wrapUpCodes: 500, seed: 7 },
        port: 8018,
        backupPort: 8019,
        messagingVersion: 1,
        activity: 6,
      },
    });
  });

  it('reads a fixture path and refuses it beside generator flags', () => {
    expect(parseCliArgs(['--fixture', 'center.json'])).toEqual({
      ok: true,
      value: { fixture: 'center.json', generate: {} },
    });
    expect(parseCliArgs(['--fixture', 'center.json', '--users', '3']).ok).toBe(false);
  });

  it('names a bad or unknown flag', () => {
    expect(parseCliArgs(['--users', 'many'])).toMatchObject({
      ok: false,
      message: expect.stringContaining('--users') as unknown,
    });
    expect(parseCliArgs(['--colour', 'blue']).ok).toBe(false);
    expect(parseCliArgs(['--activity', '-1'])).toMatchObject({
      ok: false,
      message: expect.stringContaining('--activity') as unknown,
    });
  });
});
