// Checks the Kubernetes manifests against Kubernetes' own schemas (the kubernetes-models package, offline):
// each overlay under deploy/k8s/overlays and deploy/nats as `kubectl kustomize` renders them, and the example
// Secrets.
// `node tools/validate-manifests.mjs [kustomization dir | manifest file …]`; exits 1 naming every invalid object.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseAllDocuments } from 'yaml';

const root = join(import.meta.dirname, '..');
const overlays = join(root, 'deploy/k8s/overlays');

/** The YAML of a kustomization directory, rendered, or of a manifest file. */
function render(path) {
  if (!statSync(path).isDirectory()) return readFileSync(path, 'utf8');
  return execFileSync('kubectl', ['kustomize', path], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** The model class of an apiVersion and kind: `apps/v1` Deployment is `kubernetes-models/apps/v1/Deployment`. */
async function modelOf(apiVersion, kind) {
  try {
    const module = await import(`kubernetes-models/${apiVersion}/${kind}`);
    return module[kind];
  } catch {
    return undefined;
  }
}

/** Problems of one source: YAML errors, objects of no known kind, objects their schema refuses. */
async function problemsOf(path) {
  const problems = [];
  const documents = parseAllDocuments(render(path)).filter((document) => document.contents !== null);
  for (const document of documents) {
    if (document.errors.length > 0) {
      problems.push(...document.errors.map((error) => error.message));
      continue;
    }
    const object = document.toJS();
    const name = `${object?.kind ?? '(no kind)'} ${object?.metadata?.name ?? '(no name)'}`;
    const Model =
      typeof object?.apiVersion === 'string' ? await modelOf(object.apiVersion, object.kind) : undefined;
    if (!Model) {
      problems.push(`${name}: no schema for apiVersion ${object?.apiVersion} kind ${object?.kind}`);
      continue;
    }
    try {
      new Model(object).validate();
    } catch (error) {
      problems.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { problems, count: documents.length };
}

const sources =
  process.argv.length > 2
    ? process.argv.slice(2)
    : [
        ...readdirSync(overlays).map((overlay) => join(overlays, overlay)),
        join(root, 'deploy/nats'),
        join(root, 'deploy/k8s/secret.example.yaml'),
      ];
let failed = false;
for (const source of sources) {
  const label = relative(root, source) || source;
  if (!existsSync(source)) {
    console.log(`${label}: not found`);
    failed = true;
    continue;
  }
  let result;
  try {
    result = await problemsOf(source);
  } catch (error) {
    const stderr = error?.stderr ? String(error.stderr).trim() : '';
    result = { problems: [stderr || (error instanceof Error ? error.message : String(error))], count: 0 };
  }
  failed ||= result.problems.length > 0;
  if (result.problems.length === 0) console.log(`${label}: ${result.count} objects valid`);
  else for (const problem of result.problems) console.log(`${label}: ${problem}`);
}
process.exit(failed ? 1 : 0);
