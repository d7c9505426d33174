import * as api from './api.js';
import type { Endpoint } from './api.js';

/** Every endpoint of the API, keyed by operation id. Servers and generators iterate this. */
// Marked pure so bundles that never read the table drop every endpoint's schemas.
export const endpoints: Readonly<Record<string, Endpoint>> = /* @__PURE__ */ Object.fromEntries(
  Object.values(api).map((definition) => [definition.operationId, definition]),
);
