import type { FieldError, Problem } from '@peerlink/sdk';
import { problemTypes } from '@peerlink/sdk';

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
    return {
      type: this.type,
      title: this.title,
      status: this.status,
      ...(this.detail ? { detail: this.detail } : {}),
      ...(instance ? { instance } : {}),
      requestId,
      ...(this.errors ? { errors: this.errors } : {}),
    };
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
  new HttpProblem(413, problemTypes.payloadTooLarge, 'Payload too large', `Bodies are limited to ${String(limit)} bytes`);

export const rateLimited = (retryAfterSeconds: number) =>
  new HttpProblem(429, problemTypes.rateLimited, 'Too many requests', 'Slow down and retry later', undefined, {
    'Retry-After': String(retryAfterSeconds),
  });
