export { VERSION } from './version.js';

export { PeerElement, type EmitOptions } from './base/peer-element.js';
export {
  PeerFormElement,
  type FormRestoreReason,
  type FormValue,
  type ValidityIssue,
} from './base/peer-form-element.js';
export type { PeerElementEvent, PeerErrorInfo, PeerEventMap, PeerEventName } from './base/events.js';
export { defineElement, type DefineOptions } from './base/define.js';
export { PEER_THEMES, themeCss, token, tokenStyles, type PeerTheme, type PeerTokenName } from './base/tokens.js';
export {
  LocalizeController,
  PEER_LOCALES,
  defineMessages,
  mergeMessages,
  type Catalogs,
  type Messages,
  type PeerLocale,
  type TermParams,
} from './base/localize.js';
export { commonMessages, type CommonMessageKey } from './base/common.messages.js';

export { PeerStatus, STATUS_TONES, type StatusTone } from './status/status.js';
export { PeerRequestButton, type RequestButtonPhase } from './request-button/request-button.js';
export { PeerDispatchCard } from './dispatch-card/dispatch-card.js';
export type { DispatchClient } from './base/dispatch-client.js';
export {
  PeerCalloutLogForm,
  type CalloutLogFormMode,
  type CalloutLogFormPhase,
} from './callout-log-form/callout-log-form.js';
export type { CalloutLogClient, ReviewDecision } from './callout-log-form/callout-log-client.js';
export {
  BADGE_SIZES,
  PeerCertificationBadge,
  type BadgeCredential,
  type BadgeSize,
  type BadgeSpecialist,
  type BadgeVerificationFailure,
  type BadgeVerificationResult,
} from './certification-badge/certification-badge.js';
export { PeerReferralPicker, type ReferralPickerPhase } from './referral-picker/referral-picker.js';
export type { ReferralClient } from './referral-picker/referral-client.js';
export { categoryLabel, languageLabel, referralStatusLabel, urgencyLabel } from './referral-picker/labels.js';

// Program staff: the on-call schedule and the roster.
export {
  PeerOnCallSchedule,
  SCHEDULE_VIEWS,
  type OnCallScheduleClient,
  type ScheduleChangeDetail,
  type ScheduleView,
} from './on-call-schedule/on-call-schedule.js';
export { PeerRoster, type RosterChangeDetail } from './roster/roster.js';
export { rosterClient, type RosterClient } from './roster/roster-client.js';
// Program staff: the supervisor's review queue and directory tools.
export {
  PeerLogReviewQueue,
  type LogReviewQueueClient,
  type LogReviewQueuePhase,
} from './log-review-queue/log-review-queue.js';
export {
  PeerDirectoryImport,
  type DirectoryImportClient,
  type ImportStage,
} from './directory-import/directory-import.js';
// Program staff: the program's report.
export {
  PeerProgramReport,
  type ProgramReportPhase,
  type ReportAgencyOption,
} from './program-report/program-report.js';
export type { ReportClient } from './program-report/report-client.js';
