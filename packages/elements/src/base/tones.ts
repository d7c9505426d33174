import type { CalloutLogStatus, CredentialStatus, DispatchStatus, ReferralStatus } from '@peerlink/sdk';

/** How a state reads at a glance, as `<peer-status>` shows it (the icon shape and text carry it too). */
export const STATUS_TONES = ['neutral', 'info', 'success', 'warning', 'danger'] as const;
export type StatusTone = (typeof STATUS_TONES)[number];

/** How each call-out status reads at a glance. */
export const DISPATCH_TONES: Readonly<Record<DispatchStatus, StatusTone>> = {
  requested: 'neutral',
  notified: 'info',
  acknowledged: 'success',
  declined: 'danger',
  escalated: 'warning',
  'en-route': 'info',
  'on-scene': 'info',
  'checked-in': 'success',
  engaged: 'success',
  cleared: 'neutral',
  cancelled: 'neutral',
};

/** How each referral status reads at a glance. */
export const REFERRAL_TONES: Readonly<Record<ReferralStatus, StatusTone>> = {
  proposed: 'neutral',
  sent: 'info',
  accepted: 'success',
  scheduled: 'info',
  completed: 'success',
  declined: 'danger',
  'no-show': 'warning',
  cancelled: 'neutral',
};

/** How each call-out log status reads at a glance. */
export const CALLOUT_LOG_TONES: Readonly<Record<CalloutLogStatus, StatusTone>> = {
  draft: 'neutral',
  submitted: 'info',
  returned: 'warning',
  approved: 'success',
};

/** How each credential status reads at a glance. */
export const CREDENTIAL_TONES: Readonly<Record<CredentialStatus, StatusTone>> = {
  active: 'success',
  expiring: 'warning',
  expired: 'danger',
  suspended: 'danger',
  revoked: 'danger',
  pending: 'info',
};

/** A record with a status and the timeline of how it got there (a call-out, a referral). */
export interface StatusHistory<S extends string> {
  readonly status: S;
  readonly timeline: readonly { readonly status: S; readonly at: string }[];
  readonly updatedAt: string;
}

/** When the record entered its current status: the latest timeline entry for it. */
export function statusSince<S extends string>(record: StatusHistory<S>): string {
  for (let index = record.timeline.length - 1; index >= 0; index -= 1) {
    const entry = record.timeline[index];
    if (entry?.status === record.status) return entry.at;
  }
  return record.updatedAt;
}
