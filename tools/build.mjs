// `npm run build`: compiles every app and lib to JavaScript in dist/ (same layout, `.ts` → `.js`), with SWC and
// the same settings the tests use (Nest's decorator metadata, CommonJS), the @bridge/* aliases of
// tsconfig.base.json rewritten to relative paths. `npm start` and the container image run dist/: a service then
// needs neither the TypeScript toolchain nor the memory it takes. Specs and test folders are left out. A bench's
// `*.worker.ts` (bench/<name>/) is compiled too, so a benchmark can measure its work without the TypeScript loader.
import { transformFile } from '@swc/core';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist');
const { paths } = JSON.parse(readFileSync(join(root, 'tsconfig.base.json'), 'utf8')).compilerOptions;

function sources(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') && !path.endsWith('.spec.ts') ? [path] : [];
  });
}

const files = ['apps', 'libs'].flatMap((top) =>
  readdirSync(join(root, top))
    .map((project) => join(root, top, project, 'src'))
    .filter((src) => statSync(src, { throwIfNoEntry: false })?.isDirectory())
    .flatMap(sources),
);
// The image's build stage copies no bench/.
const benches = join(root, 'bench');
if (statSync(benches, { throwIfNoEntry: false })?.isDirectory())
  for (const bench of readdirSync(benches, { withFileTypes: true }).filter((entry) => entry.isDirectory()))
    for (const name of readdirSync(join(benches, bench.name)))
      if (name.endsWith('.worker.ts')) files.push(join(benches, bench.name, name));

const started = Date.now();
rmSync(out, { recursive: true, force: true });
await Promise.all(
  files.map(async (file) => {
    const target = join(out, relative(root, file)).replace(/\.ts$/, '.js');
    const { code, map } = await transformFile(file, {
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
        target: 'es2022',
        baseUrl: root,
        paths,
      },
      module: { type: 'commonjs' },
      sourceMaps: true,
      swcrc: false,
    });
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, `${code}\n//# sourceMappingURL=${basename(target)}.map\n`);
    if (map) writeFileSync(`${target}.map`, map);
  }),
);
process.stdout.write(`build: ${files.length} files → dist/ in ${Date.now() - started} ms\n`);
