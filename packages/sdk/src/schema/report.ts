// Program reports: the measures a peer program reports to its funders, defined once here as data
// (what each means, its unit, what counts), the report's query and its answer. The service computes
// them, `<peer-program-report>` charts them and the docs list them from this table.
import * as z from 'zod/mini';
import { AreaCode } from './agency.js';
import { PersonServedRole } from './callout-log.js';
import { IncidentType } from './incident.js';
import { referralStatuses } from './machines.js';
import { DateOnly, Id, Timestamp, list, text } from './primitives.js';
import { ResourceCategory } from './resource.js';

/** How a measure's value reads: a number of things, minutes, or a share between 0 and 1. */
export const ReportUnit = z.enum(['count', 'minutes', 'share']);
export type ReportUnit = z.infer<typeof ReportUnit>;

/** The part of the program a measure describes; charts and tables group measures by it. */
export const ReportGroup = z.enum(['callouts', 'response-times', 'logs', 'referrals', 'workload', 'credentials']);
export type ReportGroup = z.infer<typeof ReportGroup>;

/** What a measure's cells are broken down by; their `key` is one of the breakdown's values. */
export const ReportBreakdown = z.enum(['role', 'status', 'category', 'rank']);
export type ReportBreakdown = z.infer<typeof ReportBreakdown>;

export interface ReportMeasureDefinition {
  readonly group: ReportGroup;
  readonly unit: ReportUnit;
  /** What the measure is, in a sentence a grant report can quote. */
  readonly definition: string;
  /** What is counted, and from which record and time. */
  readonly counts: string;
  readonly breakdown?: ReportBreakdown;
  /** Only for the whole range, never per period (workload, credentials as of today). */
  readonly totalOnly?: boolean;
}

/** The steps of a call-out whose time from the request is measured. */
export const responseStages = ['acknowledged', 'on-scene', 'checked-in', 'cleared'] as const;
export type ResponseStage = (typeof responseStages)[number];
/** The thresholds, in minutes, of the "share within" measures. */
export const responseThresholds = [5, 15, 30] as const;

const requested = 'Call-outs are placed in the period (and the agency time zone) in which they were requested.';

type StageStatistic = 'median' | 'p90' | `within-${(typeof responseThresholds)[number]}`;
type StageMeasures = Record<`to-${ResponseStage}.${StageStatistic}`, ReportMeasureDefinition>;

function stageMeasures(): StageMeasures {
  const entries = responseStages.flatMap((stage) => {
    const reached = stage === 'acknowledged' ? 'an acknowledgement' : `\`${stage}\``;
    const counts = `Call-outs requested in the period that reached ${reached}; the time runs from the request to the first \`${stage}\` step of the call-out's timeline. ${requested}`;
    const group = 'response-times';
    return [
      [
        `to-${stage}.median`,
        { group, unit: 'minutes', definition: `Median time from the request to \`${stage}\`.`, counts },
      ],
      [
        `to-${stage}.p90`,
        {
          group,
          unit: 'minutes',
          definition: `90th percentile of the time from the request to \`${stage}\` (nine in ten were faster).`,
          counts,
        },
      ],
      ...responseThresholds.map((minutes) => [
        `to-${stage}.within-${String(minutes)}`,
        {
          group,
          unit: 'share',
          definition: `Share of call-outs that reached \`${stage}\` within ${String(minutes)} minutes of the request, of those that reached it.`,
          counts,
        },
      ]),
    ];
  });
  return Object.fromEntries(entries) as StageMeasures;
}

/**
 * Every measure of the program report, by id. Ids are stable: CSV columns, charts and saved
 * queries name them.
 */
export const reportMeasures = {
  'callouts.requested': {
    group: 'callouts',
    unit: 'count',
    definition: 'Call-outs requested.',
    counts: `Every call-out, whatever became of it. ${requested}`,
  },
  'callouts.answered': {
    group: 'callouts',
    unit: 'count',
    definition: 'Call-outs a peer acknowledged.',
    counts: `Call-outs whose timeline has an \`acknowledged\` step, even if cancelled later. ${requested}`,
  },
  'callouts.cancelled': {
    group: 'callouts',
    unit: 'count',
    definition: 'Call-outs cancelled by dispatch or the supervisor.',
    counts: `Call-outs whose status is \`cancelled\`. ${requested}`,
  },
  'callouts.unanswered': {
    group: 'callouts',
    unit: 'count',
    definition: 'Call-outs nobody acknowledged after the whole escalation policy ran.',
    counts: `Call-outs never acknowledged, not cancelled, and with no acknowledgement still awaited (every level and repeat was tried, or nobody was on call). ${requested}`,
  },
  'callouts.escalated': {
    group: 'callouts',
    unit: 'count',
    definition: 'Call-outs that escalated at least once.',
    counts: `Call-outs whose timeline has an \`escalated\` step. ${requested}`,
  },
  'callouts.escalation-rate': {
    group: 'callouts',
    unit: 'share',
    definition: 'Share of requested call-outs that escalated at least once.',
    counts: `\`callouts.escalated\` divided by \`callouts.requested\`. ${requested}`,
  },
  'callouts.decline-rate': {
    group: 'callouts',
    unit: 'share',
    definition: 'Share of notified call-outs that a peer declined at least once.',
    counts: `Call-outs with a \`declined\` step divided by call-outs with a \`notified\` step. ${requested}`,
  },
  'callouts.services-declined': {
    group: 'callouts',
    unit: 'count',
    definition: 'Call-outs where the people met declined services.',
    counts: `Call-outs whose submitted log has the outcome \`services-declined\`. ${requested}`,
  },
  ...stageMeasures(),
  'logs.submitted': {
    group: 'logs',
    unit: 'count',
    definition: 'Call-outs with a log submitted to the supervisor.',
    counts: `Call-outs whose log was submitted at least once (drafts do not count). ${requested}`,
  },
  'logs.to-submit.median': {
    group: 'logs',
    unit: 'minutes',
    definition: 'Median time from clearing a call-out to the first submission of its log.',
    counts: `Submitted logs of cleared call-outs; from the \`cleared\` step to the first submission. ${requested}`,
  },
  'logs.to-review.median': {
    group: 'logs',
    unit: 'minutes',
    definition: "Median time from a log's first submission to its first review (approved or returned).",
    counts: `Logs reviewed at least once. ${requested}`,
  },
  'logs.returned': {
    group: 'logs',
    unit: 'count',
    definition: 'Logs the supervisor returned for changes at least once.',
    counts: `Logs with a \`return\` review. ${requested}`,
  },
  'people-served': {
    group: 'logs',
    unit: 'count',
    definition: 'People served, by their role at the scene (counts, never names).',
    counts: `The sum of the \`peopleServed\` counts of submitted logs, by role. ${requested}`,
    breakdown: 'role',
  },
  'referrals.made': {
    group: 'referrals',
    unit: 'count',
    definition: 'Referrals made.',
    counts:
      'Referrals placed in the period they were made (agency time zone). With an area, call type or requesting agency filter, only referrals made from a matching call-out count.',
  },
  'referrals.by-status': {
    group: 'referrals',
    unit: 'count',
    definition: 'Referrals made in the period, by the status they have now.',
    counts: 'As `referrals.made`, by current status.',
    breakdown: 'status',
  },
  'referrals.by-category': {
    group: 'referrals',
    unit: 'count',
    definition: 'Referrals made in the period, by the category of need (a referral for two needs counts in each).',
    counts: 'As `referrals.made`, by need.',
    breakdown: 'category',
  },
  'referrals.accepted': {
    group: 'referrals',
    unit: 'count',
    definition: 'Referrals the resource accepted.',
    counts: 'As `referrals.made`, that reached `accepted`.',
  },
  'referrals.closed-loop': {
    group: 'referrals',
    unit: 'count',
    definition: 'Referrals that reached a final status: the loop was closed.',
    counts: 'As `referrals.made`, whose status now is final.',
  },
  'referrals.to-accepted.median': {
    group: 'referrals',
    unit: 'minutes',
    definition: 'Median time from making a referral to its acceptance by the resource.',
    counts: 'Referrals made in the period that reached `accepted`; to the first `accepted` step.',
  },
  'referrals.closed-loop-rate': {
    group: 'referrals',
    unit: 'share',
    definition:
      'Share of referrals that reached a final status (completed, declined, no-show or cancelled): the loop was closed.',
    counts: 'Referrals made in the period whose status now is final, divided by `referrals.made`.',
  },
  'referrals.consent-revoked': {
    group: 'referrals',
    unit: 'count',
    definition: 'Referrals whose consent the person revoked (or that was recorded in error).',
    counts: 'Referrals made in the period with a consent revocation on their timeline.',
  },
  'workload.callouts': {
    group: 'workload',
    unit: 'count',
    definition: 'Call-outs each peer acknowledged over the range, one row per peer ranked by that count.',
    counts: `Call-outs acknowledged by the peer (the acknowledging peer on the timeline). ${requested} Rows are anonymous ranks; only a supervisor also gets the peer's id.`,
    breakdown: 'rank',
    totalOnly: true,
  },
  'workload.after-hours-share': {
    group: 'workload',
    unit: 'share',
    definition:
      "Share of a peer's call-outs requested after hours: before 08:00 or from 18:00, or on a Saturday or Sunday, in the agency time zone.",
    counts: 'As `workload.callouts`, by request time.',
    breakdown: 'rank',
    totalOnly: true,
  },
  'credentials.expiring-30': {
    group: 'credentials',
    unit: 'count',
    definition: 'Credentials of active peers expiring within 30 days.',
    counts:
      'Credentials not revoked or suspended whose expiry date falls from today (in the agency time zone, see `asOf`) to 30 days on; not filtered by area or call type.',
    totalOnly: true,
  },
  'credentials.expiring-60': {
    group: 'credentials',
    unit: 'count',
    definition: 'Credentials of active peers expiring within 60 days (including those within 30).',
    counts: 'As `credentials.expiring-30`, to 60 days on.',
    totalOnly: true,
  },
  'credentials.expiring-90': {
    group: 'credentials',
    unit: 'count',
    definition: 'Credentials of active peers expiring within 90 days (including those within 60).',
    counts: 'As `credentials.expiring-30`, to 90 days on.',
    totalOnly: true,
  },
} as const satisfies Record<string, ReportMeasureDefinition>;

const measureIds = Object.keys(reportMeasures) as [keyof typeof reportMeasures, ...(keyof typeof reportMeasures)[]];

/** The id of a measure of {@link reportMeasures}. */
export const ReportMeasureId = z.enum(measureIds);
export type ReportMeasureId = z.infer<typeof ReportMeasureId>;

/** The values a breakdown's cells are keyed by (ranks are `1`, `2`, …). */
export const reportBreakdownKeys = {
  role: PersonServedRole.options,
  status: referralStatuses,
  category: ResourceCategory.options,
} as const;

/** The marker a suppressed small count carries: 1 to 10 is shown as "<11", as public-health reporting does. */
export const smallCellMarker = '<11';
/**
 * The marker of a cell hidden only to protect a suppressed one: where figures add up to a total
 * (the periods to the whole range, the statuses to the referrals made), one "<11" among shown
 * figures would be their difference, so a second figure of that sum is hidden too (complementary
 * suppression). Its value may be of any size.
 */
export const complementaryCellMarker = '*';
/** Counts from 1 to this are suppressed unless the supervisor may see them. */
export const smallCellLimit = 10;

export const ReportPeriodKind = z.enum(['week', 'month']);
export type ReportPeriodKind = z.infer<typeof ReportPeriodKind>;

/** The longest range a report covers, in days. */
export const reportMaxDays = 731;

const rangeFields = {
  /** First day of the range, in the agency's time zone. */
  from: DateOnly,
  /** Last day of the range (included), in the agency's time zone. */
  to: DateOnly,
  area: z.optional(AreaCode),
  /** The call type (incident type) of the call-outs counted. */
  callType: z.optional(IncidentType),
  /** The partner agency that requested the call-outs counted. */
  requestingAgencyId: z.optional(Id),
};

const rangeChecks = z.refine<{ from: string; to: string }>(
  (query) => {
    const days = (Date.parse(query.to) - Date.parse(query.from)) / 86_400_000;
    return days >= 0 && days < reportMaxDays;
  },
  { message: `Expected \`to\` on or after \`from\`, at most ${String(reportMaxDays)} days apart`, path: ['to'] },
);

/**
 * Query of `GET /v1/reports/program` and its CSV: a date range in the agency's time zone, cut into
 * weeks (Monday to Sunday) or calendar months, and the filters that narrow the call-outs counted.
 */
export const ProgramReportQuery = z.strictObject({ ...rangeFields, period: ReportPeriodKind }).check(rangeChecks);
export type ProgramReportQuery = z.infer<typeof ProgramReportQuery>;

/** Query of `GET /v1/reports/callouts/csv`: the range and filters, without periods. */
export const CalloutExportQuery = z.strictObject(rangeFields).check(rangeChecks);
export type CalloutExportQuery = z.infer<typeof CalloutExportQuery>;

/**
 * One value of one measure. `value` is null when there is nothing to measure (a median of no
 * call-outs) or when the cell is suppressed; a suppressed cell says so with `suppressed: "<11"`,
 * so a table shows "<11" rather than a blank or a zero, or with `suppressed: "*"` when it is hidden
 * only so that a "<11" of the same sum cannot be worked out from it (see `complementaryCellMarker`).
 */
export const ReportCell = z.object({
  measure: ReportMeasureId,
  /** The breakdown value (a role, a status, a category, a rank) for measures that have a breakdown. */
  key: z.optional(text(1, 64)),
  value: z.nullable(z.number()),
  suppressed: z.optional(z.enum([smallCellMarker, complementaryCellMarker])),
});
export type ReportCell = z.infer<typeof ReportCell>;

/** One week or month of the range (clipped to the range at both ends) and its cells. */
export const ReportPeriod = z.object({
  /** First day, in the agency's time zone. */
  start: DateOnly,
  /** Last day (included), in the agency's time zone. */
  end: DateOnly,
  cells: list(ReportCell, 1000),
});
export type ReportPeriod = z.infer<typeof ReportPeriod>;

/** One peer's workload, anonymous: `rank` 1 is the busiest. A supervisor also gets the peer's id. */
export const WorkloadRow = z.object({
  rank: z.number().check(z.int(), z.gte(1)),
  specialistId: z.optional(Id),
  callouts: ReportCell,
  afterHoursShare: ReportCell,
});
export type WorkloadRow = z.infer<typeof WorkloadRow>;

/** The answer of `GET /v1/reports/program`: aggregates only, never a name, address or narrative. */
export const ProgramReport = z.object({
  from: DateOnly,
  to: DateOnly,
  period: ReportPeriodKind,
  filters: z.object({
    area: z.optional(AreaCode),
    callType: z.optional(IncidentType),
    requestingAgencyId: z.optional(Id),
  }),
  /** The agency's time zone, in which days, weeks, months and after hours are read. */
  timeZone: text(1, 64),
  generatedAt: Timestamp,
  /** Today in the agency's time zone: the day the credential measures count from. */
  asOf: DateOnly,
  /** `suppressed`: counts from 1 to 10 read "<11"; `shown`: a supervisor of an agency that allows it sees them. */
  smallCells: z.enum(['suppressed', 'shown']),
  periods: list(ReportPeriod, 120),
  /** The measures over the whole range (a median of the range, not of the periods). */
  total: list(ReportCell, 1000),
  workload: list(WorkloadRow, 1000),
});
export type ProgramReport = z.infer<typeof ProgramReport>;

/** A CSV document (UTF-8, starting with a byte order mark) as the CSV endpoints answer it. */
export const CsvDocument = z.string();
export type CsvDocument = z.infer<typeof CsvDocument>;

/** The columns of the program report's CSV, in order: one row per period and measure (and breakdown key). */
export const programReportCsvColumns = [
  'period_start',
  'period_end',
  'measure',
  'key',
  'value',
  'suppressed',
  'unit',
] as const;

/** The columns of the de-identified per-call-out CSV, in order: no names, addresses or free text. */
export const calloutCsvColumns = [
  'seq',
  'requested_at',
  'area',
  'call_type',
  'outcome',
  'escalations',
  'declines',
  'minutes_to_acknowledged',
  'minutes_to_on_scene',
  'minutes_to_checked_in',
  'minutes_to_cleared',
  'after_hours',
  'log_status',
  'people_served',
  'referrals',
] as const;
