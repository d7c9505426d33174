import type { Route } from '../route.js';
import { listAuditEventsRoute } from './audit-events.js';
import * as calloutLogs from './callout-logs.js';
import * as credentials from './credentials.js';
import * as directory from './directory.js';
import * as dispatches from './dispatches.js';
import { createEmbedSessionRoute } from './embed-sessions.js';
import * as referrals from './referrals.js';
import * as resources from './resources.js';
import { getOnCallRoute } from './specialists.js';

/** Every endpoint of the contract the service answers, one module per resource. */
export const routes: readonly Route[] = [
  createEmbedSessionRoute,
  getOnCallRoute,
  dispatches.createDispatchRoute,
  dispatches.listDispatchesRoute,
  dispatches.getDispatchRoute,
  dispatches.transitionDispatchRoute,
  dispatches.acknowledgeByLinkRoute,
  dispatches.streamEventsRoute,
  calloutLogs.createCalloutLogRoute,
  calloutLogs.listCalloutLogsRoute,
  calloutLogs.getCalloutLogRoute,
  calloutLogs.updateCalloutLogRoute,
  calloutLogs.submitCalloutLogRoute,
  calloutLogs.reviewCalloutLogRoute,
  resources.searchResourcesRoute,
  resources.getResourceRoute,
  referrals.createReferralRoute,
  referrals.listReferralsRoute,
  referrals.getReferralRoute,
  referrals.transitionReferralRoute,
  referrals.revokeReferralConsentRoute,
  credentials.createCredentialRoute,
  credentials.changeCredentialStatusRoute,
  credentials.getStatusListRoute,
  credentials.listCredentialsRoute,
  credentials.getCredentialRoute,
  credentials.getJwksRoute,
  listAuditEventsRoute,
  directory.importDirectoryRoute,
  directory.getDirectoryImportRoute,
  directory.exportDirectoryRoute,
  directory.updateResourceRoute,
  directory.deactivateResourceRoute,
  directory.updateResourceCapacityRoute,
  directory.reportProviderCapacityRoute,
];
