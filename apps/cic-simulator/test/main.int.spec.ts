import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');

describe('main.ts as a process', () => {
  it('prints its URL, serves a generated center and exits cleanly on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      [
        '-r',
        '@swc-node/register',
        'apps/cic-simulator/src/main.ts',
        '--users',
        '25',
        '--seed',
        '5',
        '--port',
        '0',
      ],
      { cwd: root, env: { ...process.env, LOG_LEVEL: 'silent' }, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /CIC simulator: (\S+)/.exec(output);
        if (match?.[1]) resolve(match[1]);
      });
      child.once('exit', () => reject(new Error(`exited early: ${output}`)));
    });
    const state = (await (await fetch(`${url}/sim/state`)).json()) as { counts: { users: number } };
    expect(state.counts.users).toBe(25);
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const [code] = (await exited) as [number | null];
    expect(code).toBe(0);
  }, 20_000);
});
