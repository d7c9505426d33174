import { getAgency, testAgencyNotification, updateAgency } from '@peerlink/sdk';
import * as agency from '../../domain/agency.js';
import { route } from '../route.js';

export const getAgencyRoute = route(getAgency, {
  auth: 'api-key',
  audit: [{ action: 'read', recordType: 'agency' }],
  handler: ({ principal, tx, deps }) => agency.readAgencySettings(tx, principal.agencyId, deps.config.ackTimeoutMs),
});

export const updateAgencyRoute = route<typeof updateAgency, { fields: string[] }>(updateAgency, {
  auth: 'api-key',
  // The names of the fields changed, never their values: secrets stay out of the trail.
  audit: [
    {
      action: 'update',
      recordType: 'agency',
      when: (_, __, facts) => (facts?.fields.length ?? 0) > 0,
      fields: (_, facts) => facts?.fields ?? [],
    },
  ],
  async handler({ body, principal, tx, deps }) {
    if (body.allowedOrigins) deps.originsChanged();
    const { settings, fields } = await agency.updateAgencySettings(
      tx,
      principal.agencyId,
      body,
      deps.config.ackTimeoutMs,
    );
    return { status: 200, body: settings, facts: { fields } };
  },
});

export const testAgencyNotificationRoute = route(testAgencyNotification, {
  auth: 'api-key',
  audit: [{ action: 'read', recordType: 'agency' }],
  handler: ({ body, principal, tx, meta }) => agency.sendTestNotification(tx, principal.agencyId, body.to, meta.now),
});
