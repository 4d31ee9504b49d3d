import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, parseAllDocuments, stringify } from 'yaml';
import { preProcessFile } from 'typescript';

const root = join(__dirname, '../../..');
const services = JSON.parse(readFileSync(join(root, 'tools/services.json'), 'utf8')) as {
  name: string;
  main: string;
  port: number;
  portVariable: string;
}[];

/** `docker compose` (v2 plugin) where installed, else Debian's `docker-compose`. */
function composeCommand(): [string, string[]] {
  try {
    execFileSync('docker', ['compose', 'version'], { stdio: 'ignore' });
    return ['docker', ['compose']];
  } catch {
    return ['docker-compose', []];
  }
}

interface ComposeService {
  image?: string;
  build?: { target?: string };
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  read_only?: boolean;
  tmpfs?: string[];
}

/** docker-compose.yml as written (variables not substituted), with its `<<` merges applied. */
const composeFile = () =>
  parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
    services: Record<string, ComposeService>;
  };

describe('deployment files', () => {
  it('lists in tools/services.json only services that exist', () => {
    expect(services.filter((service) => !existsSync(join(root, service.main)))).toEqual([]);
  });

  it('docker compose accepts docker-compose.yml', () => {
    const [command, prefix] = composeCommand();
    expect(() =>
      execFileSync(command, [...prefix, '-f', 'docker-compose.yml', 'config', '-q'], {
        cwd: root,
        stdio: 'pipe',
      }),
    ).not.toThrow();
  });

  it.each(services.map((s) => [s.name, s]))(
    'runs %s in docker compose and on Kubernetes',
    (name, service) => {
      const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8')) as {
        services: Record<string, { environment?: Record<string, string> }>;
      };
      expect(compose.services[name]?.environment?.['SERVICE']).toBe(name);
      if (name.endsWith('simulator')) return;
      const documents = parseAllDocuments(
        readFileSync(join(root, `deploy/k8s/base/${name}.yaml`), 'utf8'),
      ).map((d) => d.toJS() as { kind: string; spec: { ports?: { port: number }[] } });
      expect(documents.map((d) => d.kind)).toEqual(['Deployment', 'Service']);
      expect(documents[1]?.spec.ports?.[0]?.port).toBe(service.port);
      const kustomization = parse(readFileSync(join(root, 'deploy/k8s/base/kustomization.yaml'), 'utf8')) as {
        resources: string[];
      };
      expect(kustomization.resources).toContain(`${name}.yaml`);
    },
  );
});

interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values: string[] }[];
}
interface Probe {
  httpGet?: { path: string };
}
interface K8sDocument {
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  spec: {
    replicas?: number;
    strategy?: {
      type: string;
      rollingUpdate?: { maxSurge?: number | string; maxUnavailable?: number | string };
    };
    selector?: LabelSelector;
    podSelector?: LabelSelector;
    policyTypes?: string[];
    ingress?: unknown[];
    egress?: { ports?: { port: number | string; protocol?: string }[] }[];
    template?: {
      metadata: { labels: Record<string, string> };
      spec: {
        automountServiceAccountToken?: boolean;
        securityContext?: { runAsNonRoot?: boolean; runAsUser?: number };
        containers: {
          image: string;
          args?: string[];
          env?: { name: string; value?: string }[];
          envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
          resources?: { requests?: { cpu?: string; memory?: string }; limits?: { memory?: string } };
          startupProbe?: Probe;
          livenessProbe?: Probe;
          readinessProbe?: Probe;
          securityContext?: { readOnlyRootFilesystem?: boolean; allowPrivilegeEscalation?: boolean };
          volumeMounts?: { name: string; mountPath: string }[];
        }[];
        volumes?: {
          name: string;
          secret?: { secretName: string };
          configMap?: { name: string };
          emptyDir?: object;
        }[];
      };
    };
  };
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}

const manifests = (file: string) =>
  parseAllDocuments(readFileSync(join(root, 'deploy/k8s', file), 'utf8')).map((d) => d.toJS() as K8sDocument);
const renderedOverlays = new Map<string, K8sDocument[]>();
/** An overlay as `kubectl kustomize` renders it: what `kubectl apply -k` would send. */
const rendered = (overlay: 'production' | 'sandbox') => {
  const cached = renderedOverlays.get(overlay);
  if (cached) return cached;
  const yaml = execFileSync('kubectl', ['kustomize', join(root, 'deploy/k8s/overlays', overlay)], {
    encoding: 'utf8',
  });
  const documents = parseAllDocuments(yaml).map((d) => d.toJS() as K8sDocument);
  renderedOverlays.set(overlay, documents);
  return documents;
};
const bridgeServices = [
  'cic-ingestion',
  'object-mapping',
  'genesys-delivery',
  'historical-upload',
  'sso-idp',
  'console',
];
const deployment = (name: string, overlay: 'production' | 'sandbox' = 'production') => {
  const found = rendered(overlay).find((d) => d.kind === 'Deployment' && d.metadata.name === name);
  if (!found?.spec.template) throw new Error(`no Deployment ${name} in overlays/${overlay}`);
  return found.spec.template;
};
/** What a variable's name says about its value (the same rule as libs/config's error masking). */
const secretName = /PASSWORD|SECRET|TOKEN|KEY|_PEM|DATABASE_URL|NATS_URL/;

describe('secrets, network and image (review S2, S3, S8, S22)', () => {
  const secrets = Object.fromEntries(
    manifests('secret.example.yaml').map((d) => [d.metadata.name, Object.keys(d.stringData ?? {}).sort()]),
  );

  it('gives each Deployment one Secret holding only the keys that service reads', () => {
    const allowed: Record<string, string[]> = {
      'cic-ingestion': ['CIC_PASSWORD', 'CIC_USER', 'DATABASE_URL', 'NATS_URL'],
      'object-mapping': ['DATABASE_URL', 'NATS_URL'],
      // OPERATOR_TOKEN is left out on purpose: the services' own operator routes stay off unless a site turns
      // them on for its scripts (ADR 0008); the console is the operator's way in.
      'genesys-delivery': ['DATABASE_URL', 'GC_CLIENT_ID', 'GC_CLIENT_SECRET', 'NATS_URL'],
      'historical-upload': ['DATABASE_URL', 'GC_CLIENT_ID', 'GC_CLIENT_SECRET', 'NATS_URL'],
      'sso-idp': [],
      console: ['CONSOLE_OPERATORS', 'DATABASE_URL', 'NATS_URL'],
    };
    for (const name of bridgeServices) {
      const refs = deployment(name).spec.containers.flatMap((c) =>
        (c.envFrom ?? []).flatMap((from) => (from.secretRef ? [from.secretRef.name] : [])),
      );
      const keys = refs.flatMap((ref) => secrets[ref] ?? [`missing Secret ${ref}`]).sort();
      expect([name, keys]).toEqual([name, allowed[name]]);
    }
    const config = rendered('production').find((d) => d.kind === 'ConfigMap');
    expect(Object.keys(config?.data ?? {}).filter((key) => secretName.test(key))).toEqual([]);
  });

  it('mounts the IdP signing key as a file from its own Secret, and gives sso-idp no other secret', () => {
    const idp = deployment('sso-idp');
    const env = Object.fromEntries(
      idp.spec.containers.flatMap((c) => c.env ?? []).map((e) => [e.name, e.value]),
    );
    expect(env['IDP_KEY_FILE']).toMatch(/^\//);
    expect(Object.keys(env).filter((key) => secretName.test(key) && !key.endsWith('_FILE'))).toEqual([]);
    const mounted = (idp.spec.volumes ?? []).flatMap((v) => (v.secret ? [v.secret.secretName] : []));
    expect(mounted).toEqual(['sso-idp-signing-key']);
    expect(secrets['sso-idp-signing-key']).toEqual(['cert.pem', 'key.pem']);
  });

  it('lets the compose demo IdP make sandbox keys, which the image refuses under NODE_ENV=production', () => {
    expect(readFileSync(join(root, 'Dockerfile'), 'utf8')).toMatch(/^ENV NODE_ENV=production$/m);
    const idp = composeFile().services['sso-idp']?.environment ?? {};
    expect(idp['IDP_BASE_URL']).toMatch(/^http:\/\/127\.0\.0\.1:/);
    expect(idp['NODE_ENV']).toBe('development');
  });

  it('trusts the ingress hop in front of the IdP on Kubernetes, so its throttle sees each client', () => {
    const env = deployment('sso-idp').spec.containers.flatMap((c) => c.env ?? []);
    expect(env.find((e) => e.name === 'IDP_TRUSTED_PROXIES')?.value).toBe('1');
  });

  it('sets every service to listen on all interfaces explicitly, in Kubernetes and compose', () => {
    const compose = composeFile();
    for (const service of services) {
      const hostVariable = service.portVariable.replace(/_PORT$/, '_HOST');
      expect([service.name, compose.services[service.name]?.environment?.[hostVariable]]).toEqual([
        service.name,
        '0.0.0.0',
      ]);
      if (service.name.endsWith('simulator')) continue;
      const env = deployment(service.name).spec.containers.flatMap((c) => c.env ?? []);
      expect(env).toContainEqual({ name: hostVariable, value: '0.0.0.0' });
    }
  });

  it('lets into the pods only what needs to reach them', () => {
    const policies = rendered('production').filter((p) => p.kind === 'NetworkPolicy');
    const denyAll = policies.find((p) => p.spec.ingress === undefined && p.spec.egress === undefined);
    expect(denyAll?.spec.podSelector?.matchLabels).toEqual({ 'app.kubernetes.io/part-of': 'cloud-bridge' });
    expect(denyAll?.spec.policyTypes).toEqual(['Ingress', 'Egress']);
    const selected = policies.flatMap((p) => [
      ...Object.values(p.spec.podSelector?.matchLabels ?? {}),
      ...(p.spec.podSelector?.matchExpressions ?? []).flatMap((e) => e.values),
    ]);
    for (const name of bridgeServices) {
      expect(deployment(name).metadata.labels['app.kubernetes.io/part-of']).toBe('cloud-bridge');
      expect(selected).toContain(name);
    }
  });

  it('publishes compose ports on the loopback only, and NATS and PostgreSQL not at all', () => {
    const compose = composeFile();
    for (const [name, service] of Object.entries(compose.services))
      for (const published of service.ports ?? [])
        expect([name, published]).toEqual([name, expect.stringMatching(/^127\.0\.0\.1:/)]);
    expect(compose.services['nats']?.ports).toBeUndefined();
    expect(compose.services['postgres']?.ports).toBeUndefined();
  });

  it('runs NATS in compose with deploy/nats/operator-permissions.conf, each service as its own user', () => {
    const compose = composeFile();
    const nats = compose.services['nats'];
    expect(nats?.command).toEqual(expect.arrayContaining(['-c', '/etc/nats/operator-permissions.conf']));
    expect(nats?.volumes).toContain('./deploy/nats:/etc/nats:ro');
    const permissions = readFileSync(join(root, 'deploy/nats/operator-permissions.conf'), 'utf8');
    const users = [...permissions.matchAll(/^\s*user: (\S+)$/gm)].map(([, user]) => user);
    const passwordVariables = [...permissions.matchAll(/password: \$(\w+)/g)].map(([, variable]) => variable);
    expect(Object.keys(nats?.environment ?? {}).sort()).toEqual([...passwordVariables].sort());
    for (const name of [
      'cic-ingestion',
      'object-mapping',
      'genesys-delivery',
      'historical-upload',
      'console',
    ]) {
      const url = compose.services[name]?.environment?.['NATS_URL'] ?? '';
      expect([name, url]).toEqual([name, expect.stringMatching(/^nats:\/\/[^@/]+:[^@/]+@nats:4222$/)]);
      const [, user, password] = /^nats:\/\/([^:]+):\$\{(\w+):-/.exec(url) ?? [];
      expect([name, user]).toEqual([name, name]);
      expect(users).toContain(user);
      expect(nats?.environment?.[password ?? '']).toBe(`\${${password}:-${name}-sandbox-nats}`);
    }
  });

  it('runs the containers of compose with a read-only root filesystem, /tmp in memory', () => {
    const compose = composeFile();
    for (const [name, service] of Object.entries(compose.services)) {
      if (service.image !== undefined) continue;
      expect([name, service.read_only, service.tmpfs]).toEqual([name, true, ['/tmp']]);
    }
  });

  it('passes the sandbox credentials in compose only to the service that uses each', () => {
    const compose = composeFile();
    const holders = (variable: string) =>
      Object.entries(compose.services)
        .filter(([, service]) => service.environment?.[variable] !== undefined)
        .map(([name]) => name);
    expect(holders('CIC_PASSWORD')).toEqual(['cic-ingestion']);
    expect(holders('GC_CLIENT_SECRET')).toEqual(['genesys-delivery', 'historical-upload']);
    expect(holders('OPERATOR_TOKEN')).toEqual(['genesys-delivery', 'historical-upload']);
    expect(holders('DATABASE_URL').sort()).toEqual([
      'cic-ingestion',
      'console',
      'genesys-delivery',
      'historical-upload',
      'object-mapping',
    ]);
  });

  it('builds the runtime image without the simulators, which get their own sandbox image', () => {
    const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
    const stages = dockerfile.split(/^FROM /m).slice(1);
    const runtime = stages.at(-1) ?? '';
    expect(runtime).toMatch(/ AS runtime\n/);
    expect(runtime).toMatch(/npm ci --omit=dev/);
    expect(runtime).toMatch(/COPY --from=build \/services\/dist \.\/dist/);
    expect(dockerfile).toMatch(
      /rm -rf \/services\/dist\/apps\/\*-simulator .*\/services\/dist\/libs\/testing/,
    );
    const compose = composeFile();
    for (const [name, service] of Object.entries(compose.services)) {
      if (service.image !== undefined) continue;
      expect([name, service.build?.target]).toEqual([
        name,
        name.endsWith('simulator') ? 'sandbox' : 'runtime',
      ]);
    }
  });

  it('needs no devDependency in the runtime image: every package a service imports is a dependency', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const sources = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) return sources(path);
        return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
      });
    const shipped = [
      ...readdirSync(join(root, 'apps'))
        .filter((app) => !app.endsWith('simulator') && app !== 'e2e')
        .map((app) => join(root, 'apps', app, 'src')),
      ...readdirSync(join(root, 'libs'))
        .filter((lib) => lib !== 'testing')
        .map((lib) => join(root, 'libs', lib, 'src')),
    ].filter((dir) => existsSync(dir));
    const missing = new Set<string>();
    for (const file of shipped.flatMap(sources)) {
      // TypeScript's own scanner, so an import-like word inside a template or a string is not taken for one.
      for (const { fileName: specifier } of preProcessFile(readFileSync(file, 'utf8'), true, true)
        .importedFiles) {
        if (specifier.startsWith('.') || specifier.startsWith('node:') || specifier.startsWith('@bridge/'))
          continue;
        const name = specifier.startsWith('@')
          ? specifier.split('/').slice(0, 2).join('/')
          : (specifier.split('/')[0] ?? '');
        if (builtinModules.includes(name) || manifest.dependencies[name] !== undefined) continue;
        missing.add(`${name} (${file.slice(root.length + 1)})`);
      }
    }
    expect([...missing]).toEqual([]);
    expect(manifest.dependencies['@node-saml/node-saml']).toBeUndefined();
  });
});

/** Whether a label selector picks pods with these labels (matchLabels and `In` expressions, as the manifests use). */
function selects(selector: LabelSelector | undefined, labels: Record<string, string>): boolean {
  const byLabels = Object.entries(selector?.matchLabels ?? {}).every(([key, value]) => labels[key] === value);
  const byExpressions = (selector?.matchExpressions ?? []).every(
    (e) => e.operator === 'In' && e.values.includes(labels[e.key] ?? ''),
  );
  return byLabels && byExpressions;
}

/** Memory in MiB from a Kubernetes quantity in Mi or Gi (the only units the manifests use). */
function mebibytes(quantity: string | undefined): number {
  const [, amount, unit] = /^(\d+)(Mi|Gi)$/.exec(quantity ?? '') ?? [];
  if (amount === undefined) throw new Error(`not a quantity in Mi or Gi: ${quantity}`);
  return Number(amount) * (unit === 'Gi' ? 1024 : 1);
}

/** Each service's peak RSS in MiB, from the Resources table of docs/operations.md (its second column). */
function measuredPeaks(): Map<string, number> {
  const doc = readFileSync(join(root, 'docs/operations.md'), 'utf8');
  const peaks = new Map<string, number>();
  for (const [, name, mib] of doc.matchAll(/^\| ([a-z-]+) +\| (\d+) MiB +\|/gm))
    if (name !== undefined) peaks.set(name, Number(mib));
  return peaks;
}

describe('Kubernetes overlays (issue 17)', () => {
  const deployments = (overlay: 'production' | 'sandbox') =>
    rendered(overlay).filter((d) => d.kind === 'Deployment');

  it('validates every rendered manifest against the Kubernetes schemas', () => {
    const output = execFileSync('node', ['tools/validate-manifests.mjs'], { cwd: root, encoding: 'utf8' });
    expect(output).toMatch(/^deploy\/k8s\/overlays\/production: \d+ objects valid$/m);
    expect(output).toMatch(/^deploy\/k8s\/overlays\/sandbox: \d+ objects valid$/m);
    expect(output).toMatch(/^deploy\/nats: \d+ objects valid$/m);
    expect(output).toMatch(/^deploy\/k8s\/secret\.example\.yaml: \d+ objects valid$/m);
  });

  it('refuses an object its schema does not allow, and one of a kind it has no schema for', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bridge-manifests-'));
    const file = join(dir, 'broken.yaml');
    const valid = rendered('production').find((d) => d.kind === 'Deployment');
    writeFileSync(
      file,
      stringify({ ...valid, spec: { ...valid?.spec, replicas: 'two' } }) +
        '---\napiVersion: example.com/v1\nkind: Widget\nmetadata: { name: w }\n',
    );
    try {
      execFileSync('node', ['tools/validate-manifests.mjs', file], { cwd: root, stdio: 'pipe' });
      throw new Error('the broken manifest was accepted');
    } catch (error) {
      const { status, stdout } = error as { status?: number; stdout?: Buffer };
      expect(status).toBe(1);
      expect(String(stdout)).toMatch(/spec\/replicas must be integer/);
      expect(String(stdout)).toMatch(/Widget w: no schema/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('runs both simulators in the sandbox overlay, pointed at by the config, and none in production', () => {
    const simulators = services.filter((s) => s.name.endsWith('simulator')).map((s) => s.name);
    const names = (overlay: 'production' | 'sandbox') =>
      deployments(overlay)
        .map((d) => d.metadata.name)
        .sort();
    expect(names('production')).toEqual([...bridgeServices].sort());
    expect(names('sandbox')).toEqual([...bridgeServices, ...simulators].sort());
    const config = (overlay: 'production' | 'sandbox') =>
      rendered(overlay).find((d) => d.kind === 'ConfigMap')?.data ?? {};
    expect(config('sandbox')).toMatchObject({
      CIC_SERVERS: 'http://cic-simulator:8018',
      GC_API_URL: 'http://genesys-cloud-simulator:8700',
      GC_LOGIN_URL: 'http://genesys-cloud-simulator:8700',
    });
    expect(config('production')['CIC_SERVERS']).not.toMatch(/simulator/);
    expect(config('production')['GC_API_URL']).toBeUndefined();
    for (const name of bridgeServices)
      expect(deployment(name).spec.containers[0]?.image).not.toMatch(/sandbox/);
  });

  it('runs NATS in the sandbox with deploy/nats/operator-permissions.conf, as compose does', () => {
    const nats = rendered('sandbox').find((d) => d.kind === 'StatefulSet' && d.metadata.name === 'nats');
    const container = nats?.spec.template?.spec.containers[0];
    expect(container?.args).toEqual(expect.arrayContaining(['-c', '/etc/nats/operator-permissions.conf']));
    const config = rendered('sandbox').find(
      (d) => d.kind === 'ConfigMap' && d.data?.['operator-permissions.conf'] !== undefined,
    );
    expect(config?.data?.['operator-permissions.conf']).toBe(
      readFileSync(join(root, 'deploy/nats/operator-permissions.conf'), 'utf8'),
    );
    const mount = container?.volumeMounts?.find((m) => m.mountPath === '/etc/nats');
    const volume = nats?.spec.template?.spec.volumes?.find((v) => v.name === mount?.name);
    expect(volume?.configMap?.name).toBe(config?.metadata.name);
  });

  it('gives every container memory requests and limits, and probes liveness apart from readiness', () => {
    for (const d of deployments('sandbox')) {
      const [container] = d.spec.template?.spec.containers ?? [];
      const { requests, limits } = container?.resources ?? {};
      expect([d.metadata.name, requests?.cpu]).toEqual([d.metadata.name, expect.any(String)]);
      expect(mebibytes(limits?.memory)).toBeGreaterThanOrEqual(mebibytes(requests?.memory));
      if (!bridgeServices.includes(d.metadata.name)) continue;
      // The rule of docs/operations.md (Resources): requested at the measured peak, limited a quarter above it.
      const peak = measuredPeaks().get(d.metadata.name);
      expect([d.metadata.name, typeof peak]).toEqual([d.metadata.name, 'number']);
      expect([d.metadata.name, mebibytes(requests?.memory) >= (peak ?? Infinity)]).toEqual([
        d.metadata.name,
        true,
      ]);
      expect([d.metadata.name, mebibytes(limits?.memory) >= 1.25 * (peak ?? Infinity)]).toEqual([
        d.metadata.name,
        true,
      ]);
      expect([
        d.metadata.name,
        container?.startupProbe?.httpGet?.path,
        container?.livenessProbe?.httpGet?.path,
        container?.readinessProbe?.httpGet?.path,
      ]).toEqual([d.metadata.name, '/live', '/live', '/health']);
    }
  });

  it('runs every pod as a non-root user with a read-only root filesystem and no API token', () => {
    for (const overlay of ['production', 'sandbox'] as const)
      for (const d of deployments(overlay)) {
        const pod = d.spec.template?.spec;
        expect([overlay, d.metadata.name, pod?.securityContext, pod?.automountServiceAccountToken]).toEqual([
          overlay,
          d.metadata.name,
          expect.objectContaining({ runAsNonRoot: true, runAsUser: 1000 }),
          false,
        ]);
        for (const container of pod?.containers ?? [])
          expect([d.metadata.name, container.securityContext]).toEqual([
            d.metadata.name,
            expect.objectContaining({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false }),
          ]);
      }
    // historical-upload writes its CSV files before the upload: into a mounted emptyDir.
    const upload = deployment('historical-upload').spec;
    const dir = upload.containers[0]?.env?.find((e) => e.name === 'HISTORICAL_UPLOAD_DIR')?.value;
    const mount = upload.containers[0]?.volumeMounts?.find((m) => m.mountPath === dir);
    expect(upload.volumes?.find((v) => v.name === mount?.name)?.emptyDir).toBeDefined();
  });

  it('runs a standby beside object-mapping and cic-ingestion, started before the old pod stops', () => {
    for (const name of ['object-mapping', 'cic-ingestion']) {
      const d = deployments('production').find((found) => found.metadata.name === name);
      expect([name, d?.spec.replicas, d?.spec.strategy]).toEqual([
        name,
        2,
        { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
      ]);
    }
  });

  it('has a disruption budget for every service that runs replicas, and for no other', () => {
    const budgets = rendered('production').filter((d) => d.kind === 'PodDisruptionBudget');
    for (const d of deployments('production')) {
      const labels = d.spec.template?.metadata.labels ?? {};
      const covered = budgets.some((budget) => selects(budget.spec.selector, labels));
      expect([d.metadata.name, covered]).toEqual([d.metadata.name, (d.spec.replicas ?? 1) > 1]);
    }
  });

  it('lets each pod reach only what DESIGN §2 has it talk to', () => {
    const policies = rendered('production').filter((d) => d.kind === 'NetworkPolicy');
    const dnsAndTraces = ['53/TCP', '53/UDP', '4318/TCP'];
    const nats = '4222/TCP';
    const postgres = '5432/TCP';
    const cic = ['8018/TCP', '8019/TCP'];
    const genesys = '443/TCP';
    const expected: Record<string, string[]> = {
      'cic-ingestion': [...dnsAndTraces, nats, postgres, ...cic],
      'object-mapping': [...dnsAndTraces, nats, postgres],
      'genesys-delivery': [...dnsAndTraces, nats, postgres, genesys],
      'historical-upload': [...dnsAndTraces, nats, postgres, genesys],
      'sso-idp': [...dnsAndTraces, ...cic],
      console: [...dnsAndTraces, nats, postgres, ...cic],
    };
    for (const name of bridgeServices) {
      const labels = deployment(name).metadata.labels;
      const applying = policies.filter((p) => selects(p.spec.podSelector, labels));
      expect(
        applying.some((p) => p.spec.policyTypes?.includes('Egress') && p.spec.egress === undefined),
      ).toBe(true);
      const allowed = applying
        .flatMap((p) => p.spec.egress ?? [])
        .flatMap((rule) => rule.ports ?? [{ port: 'any' }])
        .map((port) => `${port.port}/${port.protocol ?? 'TCP'}`);
      expect([name, [...new Set(allowed)].sort()]).toEqual([name, [...(expected[name] ?? [])].sort()]);
    }
  });
});
