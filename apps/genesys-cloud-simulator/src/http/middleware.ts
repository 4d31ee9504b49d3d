import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { decideFault } from '../domain/faults';
import { bodyDigest, endpointKey } from '../domain/request-log';
import { retryAfterSeconds } from '../domain/rate-limit';
import type { SimContext } from '../sim-context';
import { errorBody, isScimPath, scimErrorBody, sendError } from './wire-errors';

/**
 * Express middleware run before Nest's routes, in this order: request log, fault injection, body parsing,
 * authentication and rate limiting. They sit outside the controllers because a 401, 429 or injected fault must
 * happen before (and instead of) any endpoint logic, exactly like the gateway in front of the real API.
 */
const isGenesysApi = (path: string) => path.startsWith('/api/v2/') || path === '/oauth/token';
/** Faults reach the presigned-upload target too: it stands for the storage a real upload URL points at. */
const takesFaults = (path: string) => isGenesysApi(path) || path.startsWith('/sim/uploads/');

export function requestLogger(sim: SimContext): RequestHandler {
  return (req, res, next) => {
    if (!isGenesysApi(req.path)) {
      next();
      return;
    }
    const started = Date.now();
    const path = req.path;
    // 'close' also fires for injected timeouts and resets, which never finish: they are logged with status 0.
    res.on('close', () => {
      const retryAfter = Number(res.getHeader('Retry-After'));
      // Parsed by then, unless a fault answered before the parsers ran.
      const digest = bodyDigest(req.method, req.body);
      sim.log.add({
        at: new Date(sim.clock.now()).toISOString(),
        receivedAtMs: started,
        answeredAtMs: Date.now(),
        method: req.method,
        path,
        endpoint: endpointKey(req.method, path),
        status: res.writableFinished ? res.statusCode : 0,
        ...(Number.isFinite(retryAfter) ? { retryAfterSeconds: retryAfter } : {}),
        clientId: typeof res.locals['clientId'] === 'string' ? res.locals['clientId'] : undefined,
        durationMs: Date.now() - started,
        ...(digest === undefined ? {} : { bodySha256: digest }),
      });
    });
    next();
  };
}

export function faultInjector(sim: SimContext): RequestHandler {
  return (req, res, next) => {
    if (!takesFaults(req.path) || sim.faults.length === 0) {
      next();
      return;
    }
    const action = decideFault(sim.faults, req.method, req.path);
    const act = () => {
      switch (action.kind) {
        case 'none':
          if (action.answerLatencyMs > 0) delayAnswer(res, action.answerLatencyMs);
          next();
          return;
        case 'error':
          sendError(
            res,
            req.path,
            action.status,
            action.status === 503 ? 'service.unavailable' : 'internal.server.error',
            'Injected fault',
          );
          return;
        case 'timeout':
          // Never answer: the client's own timeout fires. close() ends the socket when the simulator stops.
          return;
        case 'reset':
          req.socket.destroy();
          return;
      }
    };
    if (action.latencyMs > 0) setTimeout(act, action.latencyMs);
    else act();
  };
}

/** Holds the answer back once the handler has done its work (a client that gives up meanwhile never sees it). */
function delayAnswer(res: Parameters<RequestHandler>[1], ms: number): void {
  const end = res.end.bind(res) as (...args: unknown[]) => unknown;
  res.end = ((...args: unknown[]) => {
    setTimeout(() => end(...args), ms);
    return res;
  }) as typeof res.end;
}

export function bodyParsers(): RequestHandler[] {
  const json = express.json({
    type: ['application/json', 'application/scim+json', 'application/*+json'],
    limit: '5mb',
  });
  const guardedJson: RequestHandler = (req, res, next) => {
    json(req, res, (err?: unknown) => {
      if (err) {
        const message = err instanceof Error ? err.message : 'Malformed JSON';
        sendError(
          res,
          req.path,
          400,
          'bad.request',
          `The request body is not valid JSON: ${message}`,
          'invalidSyntax',
        );
        return;
      }
      next();
    });
  };
  return [
    guardedJson,
    express.urlencoded({ extended: false }),
    express.text({ type: ['text/csv', 'text/plain', 'application/octet-stream'], limit: '50mb' }),
  ];
}

export function authAndRateLimit(sim: SimContext): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!req.path.startsWith('/api/v2/')) {
      next();
      return;
    }
    const token = sim.issuer.verify(req.headers.authorization);
    if (token === 'missing') {
      sendError(
        res,
        req.path,
        401,
        'authentication.required',
        'No authentication bearer token specified in authorization header.',
      );
      return;
    }
    if (token === 'invalid') {
      sendError(res, req.path, 401, 'bad.credentials', 'Invalid login credentials.');
      return;
    }
    res.locals['clientId'] = token.clientId;
    const decision = sim.issuer.take(token, sim.rateLimitPerMinute);
    if (!decision.allowed) {
      const retryAfter = retryAfterSeconds(decision.waitMs, sim.clock.scale);
      res.setHeader('Retry-After', String(retryAfter));
      const message = `Rate limit exceeded the maximum [${sim.rateLimitPerMinute}] requests within [60] seconds`;
      const params = { limit: String(sim.rateLimitPerMinute), seconds: '60' };
      if (isScimPath(req.path))
        res
          .status(429)
          .type('application/scim+json')
          .send(JSON.stringify(scimErrorBody(429, undefined, message)));
      else res.status(429).json(errorBody(429, 'too.many.requests', message, params));
      return;
    }
    next();
  };
}
