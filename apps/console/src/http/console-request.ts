import type { Request } from 'express';
import type { Operator } from '../auth/sign-in';

/** An Express request once the session guard let it through: it carries the signed-in operator. */
export interface ConsoleRequest extends Request {
  operator?: Operator;
}

/** The signed-in operator of a request the guard let through. */
export function operatorOf(request: ConsoleRequest): Operator {
  if (!request.operator) throw new Error('route without the session guard');
  return request.operator;
}
