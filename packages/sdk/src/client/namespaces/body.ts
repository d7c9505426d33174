import type { Endpoint } from '../../schema/api.js';
import type { CallInput } from '../http.js';

/** The request body a namespace method takes for an endpoint. */
export type Body<E extends Endpoint> = NonNullable<CallInput<E>['body']>;
