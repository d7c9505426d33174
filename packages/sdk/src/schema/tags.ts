/**
 * The groups the API's operations are filed under, with what each holds. OpenAPI shows them as
 * tags; an endpoint names one, so a new group is described here before anything uses it.
 */
export const apiTags = {
  auth: 'Embed sessions: a host server exchanges its secret API key for a short-lived token a component can use.',
  specialists: 'Peer support specialists and who is on call for an area.',
  dispatches: 'Duty call-outs: request, acknowledge or decline, and every step to cleared, with its timeline.',
  events: 'Live changes as Server-Sent Events, filtered by what the caller may see.',
  'callout-logs':
    'The log a specialist completes after a call-out, and the supervisor review that approves or returns it.',
  resources:
    'The resource directory (detox, treatment, recovery housing, peer support and more), searched with filters.',
  referrals: 'Closed-loop referrals: consent recorded first, then sent, accepted, scheduled, completed or declined.',
  credentials: 'Certifications with a status derived by rules, their signed form, revocation list and keys.',
  audit: 'The append-only record of who read or changed what, when and from which host.',
  agency: "An agency's own settings: name, time zone, areas, embedding origins, how notifications go out.",
  'api-keys': 'Secret API keys: listed by prefix and last use, created (shown once), revoked, rolled with an overlap.',
  schedule: 'The on-call schedule: rotations, overrides, and who is primary, backup and supervisor at any moment.',
  escalation: 'The escalation policy: who a call-out reaches, in what order, how fast and how often.',
  sms: 'Acknowledgement by text reply: the inbound SMS webhooks a gateway calls.',
  directory: 'Managing the resource directory: HSDS import and export, changes, deactivation and capacity.',
  'rule-sets': 'Certification rule sets: created, changed (versioned) and assigned to peer roles.',
  reports:
    'Program reports: response times, outcomes, logs, referrals and workload as aggregates with small counts suppressed, as JSON or CSV.',
} as const;
export type ApiTag = keyof typeof apiTags;
