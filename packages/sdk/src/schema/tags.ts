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
} as const;
export type ApiTag = keyof typeof apiTags;
