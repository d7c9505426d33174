import type { Endpoint } from '@peerlink/sdk';
import type * as z from 'zod/mini';
import type { AppDeps } from './app.js';
import type { RequestMeta } from '../domain/audit.js';
import type { Principal } from '../domain/auth.js';
import type { Sql } from '../infra/db/database.js';

type Infer<S> = S extends z.core.$ZodType ? z.output<S> : undefined;

export interface HandlerInput<E extends Endpoint> {
  params: Infer<E['params']>;
  query: Infer<E['query']>;
  body: Infer<E['body']>;
  principal: Principal;
  tx: Sql;
  meta: RequestMeta;
  deps: AppDeps;
}

export type HandlerResult<E extends Endpoint> = z.input<E['response']> | { status: 200 | 201; body: z.input<E['response']> };
export type Handler<E extends Endpoint> = (input: HandlerInput<E>) => Promise<HandlerResult<E>>;

export interface Route<E extends Endpoint = Endpoint> {
  endpoint: E;
  handler: Handler<E>;
}

/** Pairs an endpoint of the contract with its handler, typed by the endpoint's schemas. */
export const route = <E extends Endpoint>(endpoint: E, handler: Handler<E>): Route => ({
  endpoint,
  handler: handler,
});

