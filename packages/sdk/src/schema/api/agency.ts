// The `agency` endpoints: an agency's own settings, read and changed by its server with its secret API key.
import { endpoint } from '../endpoint.js';
import {
  AgencySettings,
  TestNotificationRequest,
  TestNotificationResult,
  UpdateAgencyRequest,
} from '../agency-settings.js';

export const getAgency = endpoint({
  operationId: 'getAgency',
  method: 'GET',
  path: '/v1/agency',
  summary: "Read the agency's settings",
  description:
    "The agency's name, time zone, areas, embedding origins, acknowledgement timeout and how notifications go out. Secrets (SMTP password, webhook and inbound signing secrets, Twilio auth token) are never returned: each shows as set, with its last four characters when it is long enough.",
  tag: 'agency',
  auth: 'api-key',
  response: AgencySettings,
});

export const updateAgency = endpoint({
  operationId: 'updateAgency',
  method: 'PATCH',
  path: '/v1/agency',
  summary: "Change the agency's settings",
  description:
    'Changes only the settings given. `defaultArea` must be one of `areas`; the notification transport must come with its settings. A secret left out keeps the stored one; `null` removes an optional one. Changed origins apply to the next request. Every change is audited with the names of the fields it touched, never their values.',
  tag: 'agency',
  auth: 'api-key',
  body: UpdateAgencyRequest,
  response: AgencySettings,
});

export const testAgencyNotification = endpoint({
  operationId: 'testAgencyNotification',
  method: 'POST',
  path: '/v1/agency/notifications/test',
  summary: 'Send a test notification through the configured transport',
  description:
    "Sends one test message (no incident, no person) to the contact given, through the agency's configured transport, and reports what the transport answered. Nothing is queued or retried.",
  tag: 'agency',
  auth: 'api-key',
  body: TestNotificationRequest,
  response: TestNotificationResult,
});
