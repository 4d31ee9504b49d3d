import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { eventually } from '../src/service-process';

const answers = async (url: string) => {
  try {
    return (await fetch(`${url}/sim/state`)).ok;
  } catch {
    return false;
  }
};

describe('a service process', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('ends with its parent when the parent gets %s', async (signal) => {
    const parent = spawn(
      process.execPath,
      ['-r', '@swc-node/register', resolve(__dirname, 'parent-of-a-service.ts')],
      { cwd: resolve(__dirname, '../../..'), stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let printed = '';
    parent.stdout?.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    const url = await eventually(async () => printed.match(/http:\S+/)?.[0], 60_000);
    expect(await answers(url)).toBe(true);

    const exited = once(parent, 'exit');
    parent.kill(signal);
    await exited;
    await eventually(async () => ((await answers(url)) ? undefined : true), 10_000);
  });
});
