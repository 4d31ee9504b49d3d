import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

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
      const documents = parseAllDocuments(readFileSync(join(root, `deploy/k8s/${name}.yaml`), 'utf8')).map(
        (d) => d.toJS() as { kind: string; spec: { ports?: { port: number }[] } },
      );
      expect(documents.map((d) => d.kind)).toEqual(['Deployment', 'Service']);
      expect(documents[1]?.spec.ports?.[0]?.port).toBe(service.port);
      const kustomization = parse(readFileSync(join(root, 'deploy/k8s/kustomization.yaml'), 'utf8')) as {
        resources: string[];
      };
      expect(kustomization.resources).toContain(`${name}.yaml`);
    },
  );
});

interface K8sDocument {
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  spec: {
    podSelector?: {
      matchLabels?: Record<string, string>;
      matchExpressions?: { key: string; values: string[] }[];
    };
    ingress?: unknown[];
    template?: {
      metadata: { labels: Record<string, string> };
      spec: {
        containers: {
          env?: { name: string; value?: string }[];
          envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
        }[];
        volumes?: { secret?: { secretName: string } }[];
      };
    };
  };
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}

const manifests = (file: string) =>
  parseAllDocuments(readFileSync(join(root, 'deploy/k8s', file), 'utf8')).map((d) => d.toJS() as K8sDocument);
const bridgeServices = [
  'cic-ingestion',
  'object-mapping',
  'genesys-delivery',
  'historical-upload',
  'sso-idp',
  'console',
];
const deployment = (name: string) => {
  const found = manifests(`${name}.yaml`).find((d) => d.kind === 'Deployment');
  if (!found?.spec.template) throw new Error(`no Deployment in deploy/k8s/${name}.yaml`);
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
      'object-mapping': ['NATS_URL'],
      'genesys-delivery': ['DATABASE_URL', 'GC_CLIENT_ID', 'GC_CLIENT_SECRET', 'NATS_URL', 'OPERATOR_TOKEN'],
      'historical-upload': ['DATABASE_URL', 'GC_CLIENT_ID', 'GC_CLIENT_SECRET', 'NATS_URL', 'OPERATOR_TOKEN'],
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
    const config = manifests('config.yaml').find((d) => d.kind === 'ConfigMap');
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
    const kustomization = parse(readFileSync(join(root, 'deploy/k8s/kustomization.yaml'), 'utf8')) as {
      resources: string[];
    };
    expect(kustomization.resources).toContain('networkpolicy.yaml');
    const policies = manifests('networkpolicy.yaml');
    expect(policies.every((p) => p.kind === 'NetworkPolicy')).toBe(true);
    const denyAll = policies.find((p) => p.spec.ingress === undefined);
    expect(denyAll?.spec.podSelector?.matchLabels).toEqual({ 'app.kubernetes.io/part-of': 'cloud-bridge' });
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

  it('runs NATS in compose with a user and password, which every service that uses it gives', () => {
    const compose = composeFile();
    expect(compose.services['nats']?.command).toEqual(expect.arrayContaining(['--user', '--pass']));
    for (const name of [
      'cic-ingestion',
      'object-mapping',
      'genesys-delivery',
      'historical-upload',
      'console',
    ])
      expect(compose.services[name]?.environment?.['NATS_URL']).toMatch(/^nats:\/\/[^@/]+:[^@/]+@nats:4222$/);
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
      for (const [, specifier] of readFileSync(file, 'utf8').matchAll(
        /(?:from|import|require\()\s*'([^'.][^']*)'/g,
      )) {
        if (!specifier || specifier.startsWith('node:') || specifier.startsWith('@bridge/')) continue;
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
