import * as api from './api.js';
import type { Endpoint } from './api.js';

/** Every endpoint of the API, keyed by operation id. Servers and generators iterate this. */
export const endpoints: Readonly<Record<string, Endpoint>> = Object.fromEntries(
  Object.values(api).map((definition) => [definition.operationId, definition]),
);
