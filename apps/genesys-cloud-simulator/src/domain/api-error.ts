/**
 * Domain failures, kept free of HTTP framework types. The HTTP layer turns an ApiError into the Platform API's
 * ErrorBody and a ScimProblem into a SCIM ScimError; both carry the status the real service answers with.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly messageParams: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

export type ScimType =
  | 'invalidFilter'
  | 'tooMany'
  | 'uniqueness'
  | 'mutability'
  | 'invalidSyntax'
  | 'invalidPath'
  | 'noTarget'
  | 'invalidValue'
  | 'invalidVers'
  | 'sensitive';

export class ScimProblem extends Error {
  override readonly name = 'ScimProblem';
  constructor(
    readonly status: number,
    readonly scimType: ScimType | undefined,
    readonly detail: string,
  ) {
    super(detail);
  }
}

export const notFound = (what: string, id: string): ApiError =>
  new ApiError(404, 'not.found', `${what} ${id} not found`, { id });

export const badRequest = (message: string): ApiError => new ApiError(400, 'bad.request', message);

export const invalidValue = (message: string): ApiError => new ApiError(400, 'invalid.value', message);

/**
 * The reference has no source for duplicate names ([INF]); the simulator answers 409 so that a client which
 * creates before looking up by name fails loudly instead of silently duplicating.
 */
export const conflict = (what: string, name: string): ApiError =>
  new ApiError(409, 'general.conflict', `A ${what} with name '${name}' already exists`, { name });
