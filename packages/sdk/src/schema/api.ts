// The API's endpoints. Each group (an OpenAPI tag) is a module of its own, `api/<tag>.ts`, so a
// bundle that calls one group carries no other group's schemas. Every value exported here is an
// endpoint: `endpoints.ts` builds its table from this module's namespace.
export type { Endpoint, EndpointAuth, ResponseType } from './endpoint.js';
export * from './api/auth.js';
export * from './api/specialists.js';
export * from './api/dispatches.js';
export * from './api/events.js';
export * from './api/callout-logs.js';
export * from './api/resources.js';
export * from './api/referrals.js';
export * from './api/credentials.js';
export * from './api/audit.js';
export * from './api/sms.js';
export * from './api/rule-sets.js';
export * from './api/schedule.js';
export * from './api/escalation.js';
export * from './api/agency.js';
export * from './api/api-keys.js';
export * from './api/directory.js';
export * from './api/reports.js';
