/** The one error type services throw. The HTTP layer maps `code` to a status. */
export type ErrorCode =
  | 'validation'
  | 'unauthenticated'
  | 'forbidden'
  | 'csrf'
  | 'not_found'
  | 'conflict'
  | 'stale_version'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'setup_required'
  | 'internal';

export const statusByCode: Record<ErrorCode, number> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  csrf: 403,
  not_found: 404,
  conflict: 409,
  stale_version: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  setup_required: 503,
  internal: 500,
};

export const titleByCode: Record<ErrorCode, string> = {
  validation: 'Your request has problems',
  unauthenticated: 'Please sign in',
  forbidden: 'You do not have permission to do this',
  csrf: 'This request could not be verified',
  not_found: 'Not found',
  conflict: 'This conflicts with existing data',
  stale_version: 'Someone else changed this record',
  payload_too_large: 'The request is too large',
  unsupported_media_type: 'Unsupported content type',
  rate_limited: 'Too many attempts',
  setup_required: 'Verity has not been set up yet',
  internal: 'Something went wrong on our side',
};

export interface FieldError {
  path: string;
  message: string;
}

export interface AppErrorDetails {
  errors?: FieldError[];
  [key: string]: unknown;
}

export class AppError extends Error {
  constructor(
    public readonly code: ErrorCode,
    message: string,
    public readonly details: AppErrorDetails = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** A 400 naming every bad field. */
export function validationError(errors: FieldError[], message = 'Some fields need attention.'): AppError {
  return new AppError('validation', message, { errors });
}

export function notFound(what: string): AppError {
  return new AppError('not_found', `${what} was not found, or you do not have access to it.`);
}

export function staleVersion(current: unknown): AppError {
  return new AppError(
    'stale_version',
    'This record was changed by someone else after you opened it. Review the current version and try again.',
    { current },
  );
}

/** True when a database error is a unique-constraint violation (SQLSTATE 23505). */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const e = findPgError(err);
  return !!e && e.code === '23505' && (!constraint || e.constraint === constraint);
}

function findPgError(err: unknown): { code?: string; constraint?: string } | undefined {
  let cur: unknown = err;
  for (let i = 0; i < 4 && cur && typeof cur === 'object'; i++) {
    const c = cur as { code?: unknown; constraint?: string; cause?: unknown };
    if (typeof c.code === 'string' && /^[0-9A-Z]{5}$/.test(c.code)) return c as { code: string };
    cur = c.cause;
  }
  return undefined;
}
