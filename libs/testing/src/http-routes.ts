import { RequestMethod, type DynamicModule, type Type } from '@nestjs/common';
import { METHOD_METADATA, MODULE_METADATA, PATH_METADATA } from '@nestjs/common/constants';

/** One HTTP route a Nest app serves: its method and path, path parameters filled with a placeholder. */
export interface HttpRoute {
  readonly method: string;
  readonly path: string;
}

/** What a request to a route without valid credentials was answered. */
export interface RouteAnswer extends HttpRoute {
  readonly credentials: 'none' | 'wrong bearer token';
  readonly status: number;
  readonly location: string | null;
}

type ModuleRef = Type<unknown> | DynamicModule;

/** The routes every service answers anyone on: the probes and Prometheus' scrape. */
export const probeRoutes: readonly string[] = ['GET /health', 'GET /live', 'GET /metrics'];

/** `GET /health`: how a route is named in these lists and in failure messages. */
export const routeName = (route: HttpRoute) => `${route.method} ${route.path}`;

/**
 * Every HTTP route the controllers of `root` and of the modules it imports declare, read from Nest's decorator
 * metadata as Nest's router reads it: a route added to a controller, or a controller added to a module, is in
 * the list without anyone writing it down.
 */
export function httpRoutesOf(root: ModuleRef): HttpRoute[] {
  const routes = new Map<string, HttpRoute>();
  for (const controller of controllersOf(root))
    for (const route of routesOfController(controller)) routes.set(`${route.method} ${route.path}`, route);
  return [...routes.values()].sort(
    (a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method),
  );
}

function controllersOf(root: ModuleRef): Set<Type<unknown>> {
  const controllers = new Set<Type<unknown>>();
  const seen = new Set<unknown>();
  const visit = (ref: unknown): void => {
    if (seen.has(ref)) return;
    seen.add(ref);
    const dynamic =
      typeof ref === 'object' && ref !== null && 'module' in ref ? (ref as DynamicModule) : undefined;
    const moduleClass = dynamic ? dynamic.module : ref;
    if (typeof moduleClass !== 'function')
      // A promised or forward-referenced import could hide controllers: refuse rather than miss them.
      throw new Error(`httpRoutesOf cannot read an import of this shape: ${String(ref)}`);
    const declared = <T>(key: string): T[] =>
      (Reflect.getMetadata(key, moduleClass) as T[] | undefined) ?? [];
    for (const controller of [
      ...declared<Type<unknown>>(MODULE_METADATA.CONTROLLERS),
      ...(dynamic?.controllers ?? []),
    ])
      controllers.add(controller);
    for (const imported of [...declared<unknown>(MODULE_METADATA.IMPORTS), ...(dynamic?.imports ?? [])])
      visit(imported);
  };
  visit(root);
  return controllers;
}

function routesOfController(controller: Type<unknown>): HttpRoute[] {
  const prefixes = pathsOf(Reflect.getMetadata(PATH_METADATA, controller));
  const routes: HttpRoute[] = [];
  for (const handler of handlersOf(controller)) {
    const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
    // Message handlers (JetStream consumers) are controllers too, without an HTTP method.
    if (method === undefined) continue;
    for (const prefix of prefixes)
      for (const path of pathsOf(Reflect.getMetadata(PATH_METADATA, handler)))
        routes.push({
          method: method === RequestMethod.ALL ? 'GET' : RequestMethod[method],
          path: joinPath(prefix, path),
        });
  }
  return routes;
}

function handlersOf(controller: Type<unknown>): ((...args: unknown[]) => unknown)[] {
  const handlers: ((...args: unknown[]) => unknown)[] = [];
  for (
    let proto: unknown = controller.prototype;
    proto && proto !== Object.prototype;
    proto = Object.getPrototypeOf(proto)
  )
    for (const name of Object.getOwnPropertyNames(proto)) {
      const value = Object.getOwnPropertyDescriptor(proto, name)?.value as unknown;
      if (name !== 'constructor' && typeof value === 'function')
        handlers.push(value as (...args: unknown[]) => unknown);
    }
  return handlers;
}

function pathsOf(metadata: unknown): string[] {
  if (Array.isArray(metadata)) return metadata.map(String);
  return [typeof metadata === 'string' ? metadata : '/'];
}

function joinPath(prefix: string, path: string): string {
  const parts = [prefix, path].flatMap((part) => part.split('/')).filter((part) => part !== '');
  return `/${parts.map((part) => (part.startsWith(':') ? 'x' : part)).join('/')}`;
}

/**
 * Calls each route of `baseUrl` without credentials and with a wrong bearer token, state-changing ones with an
 * empty JSON body (so only the credentials can be the reason to refuse), and returns what each was answered.
 */
export async function answersWithoutCredentials(
  baseUrl: string,
  routes: readonly HttpRoute[],
): Promise<RouteAnswer[]> {
  const answers: RouteAnswer[] = [];
  for (const route of routes)
    for (const credentials of ['none', 'wrong bearer token'] as const) {
      const headers: Record<string, string> =
        credentials === 'none' ? {} : { Authorization: 'Bearer not-the-operator-token' };
      const body = route.method === 'GET' || route.method === 'HEAD' ? undefined : '{}';
      if (body !== undefined) headers['Content-Type'] = 'application/json';
      const response = await fetch(`${baseUrl}${route.path}`, {
        method: route.method,
        headers,
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(10_000),
      });
      // An event stream that were let through would never end; the status is all this needs.
      await response.body?.cancel();
      answers.push({
        ...route,
        credentials,
        status: response.status,
        location: response.headers.get('location'),
      });
    }
  return answers;
}

/**
 * Calls every route of `routes` but the probes without valid credentials (see `answersWithoutCredentials`);
 * returns how many calls were made and those not refused with 401.
 */
export async function operatorRoutesLetThrough(
  baseUrl: string,
  routes: readonly HttpRoute[],
): Promise<{ calls: number; letThrough: RouteAnswer[] }> {
  const operatorRoutes = routes.filter((route) => !probeRoutes.includes(routeName(route)));
  const answers = await answersWithoutCredentials(baseUrl, operatorRoutes);
  return { calls: answers.length, letThrough: answers.filter((answer) => answer.status !== 401) };
}
