import { HttpException, HttpStatus } from '@nestjs/common';
import type { Failure } from '../domain/outcome';

/** ICWS error bodies are `{errorId, message}` (reference §3.1). The errorId values are this simulator's own. */
export function icwsError(
  status: HttpStatus,
  errorId: string,
  message: string,
  extra: object = {},
): HttpException {
  return new HttpException({ errorId, message, ...extra }, status);
}

const STATUS_OF: Record<Failure['error'], HttpStatus> = {
  notFound: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  invalid: HttpStatus.BAD_REQUEST,
};

export function failureToHttp(failure: Failure): HttpException {
  return icwsError(STATUS_OF[failure.error], `error.request.${failure.error}`, failure.message);
}
