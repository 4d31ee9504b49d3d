import { randomUUID } from 'node:crypto';
import type { Response } from 'express';
import { ERROR } from '../domain/scim-schema';

/** The Platform API's ErrorBody, as the real service sends it. */
export function errorBody(
  status: number,
  code: string,
  message: string,
  messageParams: Record<string, string> = {},
) {
  return { message, code, status, messageParams, contextId: randomUUID(), details: [], errors: [] };
}

/** SCIM's error message (ScimError): `status` is a string. */
export function scimErrorBody(status: number, scimType: string | undefined, detail: string) {
  return { schemas: [ERROR], status: String(status), ...(scimType ? { scimType } : {}), detail };
}

export const isScimPath = (path: string): boolean => path.startsWith('/api/v2/scim/');

export function sendError(
  res: Response,
  path: string,
  status: number,
  code: string,
  message: string,
  scimType?: string,
): void {
  if (isScimPath(path)) {
    res
      .status(status)
      .type('application/scim+json')
      .send(JSON.stringify(scimErrorBody(status, scimType, message)));
  } else {
    res.status(status).json(errorBody(status, code, message));
  }
}
