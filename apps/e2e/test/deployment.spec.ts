import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

const root = join(__dirname, '../../..');
const services = (
  JSON.parse(readFileSync(join(root, 'tools/services.json'), 'utf8')) as {
    name: string;
    main: string;
    port: number;
  }[]
).filter((service) => existsSync(join(root, service.main)));

/** `docker compose` (v2 plugin) where installed, else Debian's `docker-compose`. */
function composeCommand(): [string, string[]] {
  try {
    execFileSync('docker', ['compose', 'version'], { stdio: 'ignore' });
    return ['docker', ['compose']];
  } catch {
    return ['docker-compose', []];
  }
}

describe('deployment files', () => {
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
