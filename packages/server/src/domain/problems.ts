import type { FieldError, Problem } from '@peerlink/sdk';
import { problemTypes } from '@peerlink/sdk';

/** Field errors listed in one problem; the rest are counted, so an answer stays near its request's size. */
export const listedErrors = 50;

/** An error the API answers with as `application/problem+json`. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: FieldError[],
    readonly headers: Record<string, string> = {},
  ) {
    super(detail ?? title);
  }

  toProblem(requestId: string, instance?: string): Problem {
    const unlisted = (this.errors?.length ?? 0) - listedErrors;
    const detail =
      unlisted > 0
        ? `${this.detail ?? this.title}; the first ${String(listedErrors)} are listed, ${String(unlisted)} more are not`
        : this.detail;
    return {
      type: this.type,
      title: this.title,
      status: this.status,
      ...(detail ? { detail } : {}),
      ...(instance ? { instance } : {}),
      requestId,
      ...(this.errors ? { errors: this.errors.slice(0, listedErrors) } : {}),
    };
  }
}

/**
 * A refusal kept in the audit trail of `agencyId` although no caller was authenticated (a gateway's
 * request with a bad signature): recorded after the request's own transaction rolled back.
 */
export class AuditedRefusal extends HttpProblem {
  constructor(
    problem: HttpProblem,
    readonly agencyId: string,
  ) {
    super(problem.status, problem.type, problem.title, problem.detail, problem.errors, problem.headers);
  }
}

export const invalid = (errors: FieldError[], detail?: string) =>
  new HttpProblem(
    400,
    problemTypes.validation,
    'The request does not match the contract',
    detail ?? `${String(errors.length)} field${errors.length === 1 ? ' is' : 's are'} invalid`,
    errors,
  );

export const unauthorized = (detail = 'Missing, expired or invalid credentials') =>
  new HttpProblem(401, problemTypes.unauthorized, 'Unauthorized', detail, undefined, {
    'WWW-Authenticate': 'Bearer',
  });

export const forbidden = (detail = 'This role may not do that') =>
  new HttpProblem(403, problemTypes.forbidden, 'Forbidden', detail);

/** Also the answer for another agency's records, so their existence never leaks. */
export const notFound = (detail = 'No such record') => new HttpProblem(404, problemTypes.notFound, 'Not found', detail);

export const conflict = (detail: string) => new HttpProblem(409, problemTypes.conflict, 'Conflict', detail);

export const idempotencyMismatch = () =>
  new HttpProblem(
    422,
    problemTypes.idempotencyMismatch,
    'Idempotency key reused',
    'This Idempotency-Key was used before with a different request body',
  );

export const tooLarge = (limit: number) =>
  new HttpProblem(
    413,
    problemTypes.payloadTooLarge,
    'Payload too large',
    `Bodies are limited to ${String(limit)} bytes`,
  );

export const rateLimited = (retryAfterSeconds: number) =>
  new HttpProblem(429, problemTypes.rateLimited, 'Too many requests', 'Slow down and retry later', undefined, {
    'Retry-After': String(retryAfterSeconds),
  });

export const tooManyStreams = (limit: number) =>
  new HttpProblem(
    429,
    problemTypes.rateLimited,
    'Too many event streams',
    `At most ${String(limit)} event streams may be open at once for one token subject; close one first (one stream carries every record)`,
    undefined,
    { 'Retry-After': '5' },
  );

/**
 * What a log line may say of an unexpected error: its kind, its SQLSTATE and where it was thrown.
 * Never its message: a database error quotes the values it refused, and a newline in them would
 * forge a log line.
 */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return `thrown ${typeof error}`;
  const code =
    'code' in error && typeof error.code === 'string' && /^[0-9A-Z]{5}$/.test(error.code)
      ? ` SQLSTATE ${error.code}`
      : '';
  // V8 starts the stack with "Name: message"; only the frames after it are kept.
  const header = String(error);
  const frames = error.stack?.startsWith(header)
    ? error.stack.slice(header.length).replace(/[^\x20-\x7e\n]/g, '?')
    : '';
  return `${error.name.replace(/[^\w.]/g, '?')}${code}${frames}`;
}
