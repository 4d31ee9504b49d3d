import { spawn } from 'node:child_process';
import { join } from 'node:path';

/** What a service that cannot start says, as a process: the operator reads why in its log, then it exits 1. */
describe('runService, when the app cannot be built', () => {
  it('logs one fatal line naming the service, with the cause and its stack, and exits 1', async () => {
    const { code, lines } = await run(join(__dirname, 'failing-service.ts'));

    expect(code).toBe(1);
    const fatal = lines.filter((line) => line.level === 60);
    expect(fatal).toHaveLength(1);
    expect(fatal[0]).toMatchObject({ service: 'failing-service', msg: 'failing-service failed to start' });
    expect(fatal[0]?.['err']).toMatchObject({ message: 'the dependency refused the connection' });
    expect(JSON.stringify(fatal[0]?.['err'])).toContain('failing-service.ts');
  });
});

interface LogLine {
  readonly level: number;
  readonly [field: string]: unknown;
}

function run(main: string): Promise<{ code: number | null; lines: LogLine[] }> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', main], {
    cwd: join(__dirname, '../../..'),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      const lines = out
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as LogLine);
      resolve({ code, lines });
    });
  });
}
