// One factory per API namespace, each in a module of its own (`namespaces/<name>.ts`) that imports
// only its own group of endpoints: a page that builds just `dispatchesApi` (a CAD button) carries
// no schema of referrals or call-out logs, in its ESM bundle and in the CDN folder's shared chunks.
export { calloutLogsApi } from './namespaces/callout-logs.js';
export { credentialsApi } from './namespaces/credentials.js';
export { directoryApi } from './namespaces/directory.js';
export { dispatchesApi } from './namespaces/dispatches.js';
export { escalationApi } from './namespaces/escalation.js';
export { referralsApi } from './namespaces/referrals.js';
export { reportsApi } from './namespaces/reports.js';
export { resourcesApi } from './namespaces/resources.js';
export { rosterApi } from './namespaces/roster.js';
export { specialistsApi } from './namespaces/specialists.js';
export { ruleSetsApi } from './namespaces/rule-sets.js';
export { scheduleApi } from './namespaces/schedule.js';
export { agencyApi } from './namespaces/agency.js';
export { apiKeysApi } from './namespaces/api-keys.js';
export { embedSessionsApi } from './namespaces/embed-sessions.js';
