// Generated from packages/elements/custom-elements.json by packages/react/scripts/generate.ts.
// Do not edit: change the element and its JSDoc, then run `pnpm cem` and `pnpm gen`.
export { PeerCalloutLogForm, type PeerCalloutLogFormProps } from './peer-callout-log-form.js';
export { PeerCertificationBadge, type PeerCertificationBadgeProps } from './peer-certification-badge.js';
export { PeerDirectoryImport, type PeerDirectoryImportProps } from './peer-directory-import.js';
export { PeerDispatchCard, type PeerDispatchCardProps } from './peer-dispatch-card.js';
export { PeerLogReviewQueue, type PeerLogReviewQueueProps } from './peer-log-review-queue.js';
export { PeerOnCallSchedule, type PeerOnCallScheduleProps } from './peer-on-call-schedule.js';
export { PeerProgramReport, type PeerProgramReportProps } from './peer-program-report.js';
export { PeerReferralPicker, type PeerReferralPickerProps } from './peer-referral-picker.js';
export { PeerRequestButton, type PeerRequestButtonProps } from './peer-request-button.js';
export { PeerRoster, type PeerRosterProps } from './peer-roster.js';
export { PeerStatus, type PeerStatusProps } from './peer-status.js';
export type { ElementEvent } from './element-event.js';
