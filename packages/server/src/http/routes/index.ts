import type { Route } from '../route.js';
import * as agency from './agency.js';
import * as apiKeys from './api-keys.js';
import { listAuditEventsRoute } from './audit-events.js';
import * as calloutLogs from './callout-logs.js';
import * as credentials from './credentials.js';
import * as directory from './directory.js';
import * as dispatches from './dispatches.js';
import { createEmbedSessionRoute } from './embed-sessions.js';
import * as escalation from './escalation.js';
import * as referrals from './referrals.js';
import * as reports from './reports.js';
import * as resources from './resources.js';
import * as sms from './sms.js';
import * as ruleSets from './rule-sets.js';
import * as schedule from './schedule.js';
import * as specialists from './specialists.js';

/** Every endpoint of the contract the service answers, one module per resource. */
export const routes: readonly Route[] = [
  createEmbedSessionRoute,
  specialists.getOnCallRoute,
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
  credentials.getSuspensionStatusListRoute,
  credentials.listCredentialsRoute,
  credentials.getCredentialRoute,
  credentials.getJwksRoute,
  listAuditEventsRoute,
  sms.receiveInboundSmsRoute,
  sms.receiveTwilioSmsRoute,
  ruleSets.listRuleSetsRoute,
  ruleSets.getRuleSetRoute,
  ruleSets.listRuleSetVersionsRoute,
  ruleSets.createRuleSetRoute,
  ruleSets.updateRuleSetRoute,
  ruleSets.assignRuleSetRoute,
  schedule.listRotationsRoute,
  schedule.createRotationRoute,
  schedule.updateRotationRoute,
  schedule.endRotationRoute,
  schedule.listOverridesRoute,
  schedule.createOverrideRoute,
  schedule.cancelOverrideRoute,
  schedule.getScheduleRoute,
  schedule.getMyShiftsRoute,
  escalation.getEscalationPolicyRoute,
  escalation.updateEscalationPolicyRoute,
  escalation.listEscalationPolicyVersionsRoute,
  agency.getAgencyRoute,
  agency.updateAgencyRoute,
  agency.testAgencyNotificationRoute,
  apiKeys.listApiKeysRoute,
  apiKeys.createApiKeyRoute,
  apiKeys.revokeApiKeyRoute,
  apiKeys.rollApiKeyRoute,
  specialists.createSpecialistRoute,
  specialists.listSpecialistsRoute,
  specialists.updateOwnContactsRoute,
  specialists.importRosterRoute,
  specialists.getSpecialistRoute,
  specialists.updateSpecialistRoute,
  specialists.deactivateSpecialistRoute,
  specialists.reactivateSpecialistRoute,
  directory.importDirectoryRoute,
  directory.getDirectoryImportRoute,
  directory.cancelDirectoryImportRoute,
  directory.exportDirectoryRoute,
  directory.updateResourceRoute,
  directory.deactivateResourceRoute,
  directory.updateResourceCapacityRoute,
  directory.reportProviderCapacityRoute,
  reports.getProgramReportRoute,
  reports.exportProgramReportCsvRoute,
  reports.exportCalloutsCsvRoute,
];
