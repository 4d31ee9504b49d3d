import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Inject } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ApiError, ScimProblem } from '../domain/api-error';
import { SimContext } from '../sim-context';
import { errorBody, isScimPath, scimErrorBody } from './wire-errors';

const CODES: Record<number, string> = {
  400: 'bad.request',
  401: 'authentication.required',
  403: 'missing.permissions',
  404: 'not.found',
  405: 'bad.request',
  415: 'unsupported.media.type',
};

/** Turns domain errors into the wire bodies: ErrorBody for the Platform API, ScimError under /scim. */
@Catch()
export class WireErrorFilter implements ExceptionFilter {
  constructor(@Inject(SimContext) private readonly sim: SimContext) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    const scim = isScimPath(req.path);
    if (exception instanceof ScimProblem) {
      res
        .status(exception.status)
        .type('application/scim+json')
        .send(JSON.stringify(scimErrorBody(exception.status, exception.scimType, exception.detail)));
      return;
    }
    if (exception instanceof ApiError) {
      if (scim) {
        res
          .status(exception.status)
          .type('application/scim+json')
          .send(JSON.stringify(scimErrorBody(exception.status, undefined, exception.message)));
        return;
      }
      res.status(exception.status).json({
        ...errorBody(exception.status, exception.code, exception.message, { ...exception.messageParams }),
      });
      return;
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const message = status === 404 ? `No resource at ${req.method} ${req.path}` : exception.message;
      if (scim)
        res
          .status(status)
          .type('application/scim+json')
          .send(JSON.stringify(scimErrorBody(status, undefined, message)));
      else res.status(status).json(errorBody(status, CODES[status] ?? 'bad.request', message));
      return;
    }
    this.sim.logger.error({ err: exception, path: req.path }, 'unhandled error');
    if (scim)
      res
        .status(500)
        .type('application/scim+json')
        .send(JSON.stringify(scimErrorBody(500, undefined, 'Internal error')));
    else
      res
        .status(500)
        .json(errorBody(500, 'internal.server.error', 'The server encountered an internal error'));
  }
}
