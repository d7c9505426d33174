// The program report: every measure of the SDK's `reportMeasures`, computed in SQL over the columns
// migrations 0012 and 0015 keep beside each record, for a range of days in the agency's time zone,
// by week or month. A few grouped queries (GROUPING SETS give each period and the whole range at
// once), answered from covering indexes (migrations 0013 and 0015) and run at once on PostgreSQL,
// all reading one snapshot (`readTogether`); the figures then become cells, suppressed when small
// (see `report-cells.ts`) and where a sum would give a small one back (`hideComplements` of the
// SDK).
// Why the queries are written as they are: docs/decisions/0007.
import type {
  CalloutExportQuery,
  ProgramReport,
  ProgramReportQuery,
  ReportCell,
  ReportMeasureId,
  ReportPeriod,
  WorkloadRow,
} from '@peerlink/sdk';
import {
  closedLoopReferralStatuses,
  hideComplements,
  reportBreakdownKeys,
  responseStages,
  responseThresholds,
} from '@peerlink/sdk';
import type { Sql } from '../infra/db/database.js';
import { readTogether } from '../infra/db/database.js';
import type { ApiKeyPrincipal, EmbedPrincipal } from './auth.js';
import { notFound } from './problems.js';
import type { SmallCells } from './report-cells.js';
import { cellOf, countCell, shareCell } from './report-cells.js';

/** Who reads a report: a supervisor's embed token or the agency's own key. */
export type ReportReader = EmbedPrincipal | ApiKeyPrincipal;

/** The agency's time zone, and whether the caller sees small counts. */
async function readerContext(tx: Sql, reader: ReportReader) {
  const rows = await tx.query<{ time_zone: string; report_small_counts_for_supervisor: boolean }>(
    'select time_zone, report_small_counts_for_supervisor from agencies where id = $1',
    [reader.agencyId],
  );
  const row = rows[0];
  if (!row) throw notFound('No such agency');
  const supervisor = reader.kind === 'embed' && reader.role === 'supervisor';
  const smallCells: SmallCells = supervisor && row.report_small_counts_for_supervisor ? 'shown' : 'suppressed';
  return { timeZone: row.time_zone, smallCells, supervisor };
}

// ── Dates ───────────────────────────────────────────────────────────────────────────────
// Plain calendar days (`YYYY-MM-DD`) are computed as UTC dates: no clock time, so no zone.

const day = (text: string) => new Date(`${text}T00:00:00Z`);
const dayText = (date: Date) => date.toISOString().slice(0, 10);
const addDays = (date: Date, days: number) => new Date(date.getTime() + days * 86_400_000);

/** Each week (Monday to Sunday) or month touching the range, clipped to it, oldest first. */
export function periodsOf(from: string, to: string, period: 'week' | 'month'): { start: string; end: string }[] {
  const last = day(to);
  const periods: { start: string; end: string }[] = [];
  let start = day(from);
  while (start <= last) {
    const next =
      period === 'week'
        ? addDays(start, 7 - ((start.getUTCDay() + 6) % 7))
        : new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
    const end = addDays(next, -1) < last ? addDays(next, -1) : last;
    periods.push({ start: dayText(start), end: dayText(end) });
    start = next;
  }
  return periods;
}

// ── SQL ─────────────────────────────────────────────────────────────────────────────────
// Parameters of every statement: $1 agency, $2 time zone, $3 from, $4 to, $5 area, $6 call type,
// $7 requesting agency; and of the statements by period, $8 the first days of the periods,
// comma-separated.

/** Records of the agency at `time` from the first day of the range to the end of its last. */
const inRange = (table: string, time: string) => `${table}.agency_id = $1
    and ${time} >= ($3::date)::timestamp at time zone $2::text
    and ${time} < ($4::date + 1)::timestamp at time zone $2::text`;
/** The call-out filters, on the call-out's columns or a log's copies of them (migration 0016). */
const filtersOn = (table: string) => `($5::text is null or ${table}.rpt_area = $5)
    and ($6::text is null or ${table}.rpt_call_type = $6)
    and ($7::text is null or ${table}.rpt_requesting_agency = $7)`;
const dispatchFilters = filtersOn('d');
/** What a statement reads: the rows `from` with `where`, placed in time by `time`, as `columns`. */
interface Source {
  from: string;
  table: string;
  time: string;
  where: string;
  columns: string;
}

/**
 * `aggregates` of the source's rows, one row per period (`p`, from 1). Each period is its own
 * index range, aggregated alone: no sort of the whole range by period, and each period's quantiles
 * sort only its own rows. A period without rows gives zeros and no quantile.
 */
const byPeriod = (source: Source, aggregates: string) => `
  with periods as (
    select n::int as p, s::timestamp at time zone $2::text as lo, (lead(s) over (order by n))::timestamp at time zone $2::text as hi
      from unnest(string_to_array($8::text, ',')::date[] || ($4::date + 1)) with ordinality x(s, n))
  select p, x.*
    from periods cross join lateral (
      select ${aggregates}
        from (select ${source.columns} from ${source.from}
               where ${source.where} and ${inRange(source.table, source.time)}
                 and ${source.time} >= lo and ${source.time} < hi) r) x
   where hi is not null`;

/**
 * `quantiles` of the source's rows over the whole range. The whole range's counts are the sums of
 * the periods', which partition it (`withTotal`); its quantiles are not, so they are read here.
 */
const overRange = (source: Source, quantiles: string) => `
  select ${quantiles}
    from (select ${source.columns} from ${source.from} where ${source.where} and ${inRange(source.table, source.time)}) r`;

/** A statement's figures: those summed for the whole range, and its quantiles, read again for it. */
interface Figures {
  counts: string;
  quantiles: string;
}
const statementsOf = (source: Source, figures: Figures) => ({
  periods: byPeriod(source, `${figures.counts},\n         ${figures.quantiles}`),
  range: overRange(source, figures.quantiles),
});

const stageAlias = (stage: (typeof responseStages)[number]) => `t_${stage.replace('-', '_')}`;

/** Never acknowledged, not cancelled, no acknowledgement awaited: the whole escalation ran out. */
const unanswered = `d.rpt_acknowledged_at is null and d.status <> 'cancelled' and d.ack_due_at is null`;

/** The call-outs of the range, by the filters. */
const dispatchesSql = statementsOf(
  {
    from: 'dispatches d',
    table: 'd',
    time: 'd.created_at',
    where: dispatchFilters,
    columns: `d.status, d.rpt_acknowledged_at, d.rpt_notified, d.rpt_declined, d.rpt_escalations,
           ${unanswered} as unanswered,
           ${responseStages.map((stage) => `d.rpt_to_${stage.replace('-', '_')} as ${stageAlias(stage)}`).join(', ')}`,
  },
  {
    counts: `count(*)::int as requested,
         count(rpt_acknowledged_at)::int as answered,
         count(*) filter (where status = 'cancelled')::int as cancelled,
         count(*) filter (where unanswered)::int as unanswered,
         count(*) filter (where rpt_escalations > 0)::int as escalated,
         count(*) filter (where rpt_notified)::int as notified,
         count(*) filter (where rpt_declined)::int as declined,
         ${responseStages
           .map((stage) => {
             const t = stageAlias(stage);
             return [
               `count(${t})::int as ${t}_n`,
               ...responseThresholds.map(
                 (m) => `count(*) filter (where ${t} <= ${String(m)})::int as ${t}_within_${String(m)}`,
               ),
             ].join(', ');
           })
           .join(',\n         ')}`,
    // Both quantiles from one sort.
    quantiles: responseStages
      .map(
        (stage) =>
          `percentile_cont(array[0.5, 0.9]) within group (order by ${stageAlias(stage)}) as ${stageAlias(stage)}_quantiles`,
      )
      .join(',\n         '),
  },
);

/**
 * The logs of the range's call-outs. Each log keeps its call-out's request time, filter values and
 * minutes from clearing to submission (migration 0016), so no call-out is read.
 */
const logsSql = statementsOf(
  {
    from: 'callout_logs l',
    table: 'l',
    time: 'l.rpt_requested_at',
    where: filtersOn('l'),
    columns: `l.rpt_submitted_at is not null as submitted,
           l.rpt_to_submit as t_submit,
           l.rpt_to_review as t_review,
           ${reportBreakdownKeys.role.map((role, i) => `case when l.rpt_submitted_at is not null then l.rpt_served_${role.replace(/-/g, '_')} end as served_${String(i)}`).join(',\n           ')},
           coalesce(l.rpt_returned, false) as returned,
           l.rpt_submitted_at is not null and l.rpt_outcome = 'services-declined' as services_declined`,
  },
  {
    counts: `count(*) filter (where services_declined)::int as services_declined,
         count(*) filter (where submitted)::int as submitted,
         count(t_submit)::int as t_submit_n,
         count(t_review)::int as t_review_n,
         count(*) filter (where returned)::int as returned,
         ${reportBreakdownKeys.role.map((_, i) => `coalesce(sum(served_${String(i)}), 0)::int as served_${String(i)}`).join(', ')}`,
    quantiles: `percentile_cont(0.5) within group (order by t_submit) as t_submit_median,
         percentile_cont(0.5) within group (order by t_review) as t_review_median`,
  },
);

/** The call-out filters when none is given: all null, still named, as every statement takes them. */
const noFilters = '$5::text is null and $6::text is null and $7::text is null';

/**
 * The referrals of the range. With a call-out filter, only those made from a matching call-out;
 * without, no call-out is read (a separate statement, so a prepared plan never joins the call-outs
 * for nothing). A referral's needs are the bits of `rpt_needs_mask`, in the order of
 * `reportBreakdownKeys.category` (migration 0015; the test `report-columns.test.ts` holds the two
 * to the same order).
 */
const referralsSql = (filtered: boolean) =>
  statementsOf(
    {
      from: `referrals r ${filtered ? 'join dispatches d on d.id = r.rpt_dispatch_id' : ''}`,
      table: 'r',
      time: 'r.created_at',
      where: filtered ? dispatchFilters : noFilters,
      columns: 'r.status, r.rpt_needs_mask, r.rpt_consent_revoked, r.rpt_to_accepted as t_accepted',
    },
    {
      counts: `count(*)::int as made,
         count(*) filter (where status in (${closedLoopReferralStatuses.map((status) => `'${status}'`).join(', ')}))::int as closed,
         count(*) filter (where rpt_consent_revoked)::int as revoked,
         count(t_accepted)::int as accepted_n,
         ${reportBreakdownKeys.status.map((status, i) => `count(*) filter (where status = '${status}')::int as status_${String(i)}`).join(', ')},
         ${reportBreakdownKeys.category.map((_, i) => `count(*) filter (where rpt_needs_mask & ${String(1 << i)} <> 0)::int as category_${String(i)}`).join(', ')}`,
      quantiles: 'percentile_cont(0.5) within group (order by t_accepted) as accepted_median',
    },
  );
const referralStatements = { filtered: referralsSql(true), all: referralsSql(false) };

/**
 * The instants at which working hours start and end (08:00 and 18:00 local, Monday to Friday) over
 * the range and a day either side, oldest first: a call-out is requested after hours when an even
 * number of them are at or before it (`width_bucket`). Computed once per statement, instead of
 * converting every call-out's time to the zone's clock.
 */
const workingHours = `(select array_agg(x order by x)
      from (select (day + h) at time zone $2::text as x
              from generate_series(($3::date - 1)::timestamp, ($4::date + 1)::timestamp, interval '1 day') day,
                   (values (time '08:00'), (time '18:00')) v(h)
             where date_part('isodow', day) < 6) t)`;

const workloadSql = `
  select d.rpt_acknowledged_by as who, count(*)::int as n,
         count(*) filter (where width_bucket(d.created_at, ${workingHours}) % 2 = 0)::int as after_hours
    from dispatches d
   where ${inRange('d', 'd.created_at')} and ${dispatchFilters} and d.rpt_acknowledged_by is not null
   group by 1 order by 2 desc, 1`;

/** Credentials of active peers, not suspended or revoked, expiring from $2 (today) to 90 days on. */
const credentialsSql = `
  select count(*) filter (where e <= $2::date + 30)::int as d30,
         count(*) filter (where e <= $2::date + 60)::int as d60,
         count(*)::int as d90
    from (select (c.doc->>'expiresOn')::date as e
            from credentials c join specialists s on s.id = c.specialist_id
           where c.agency_id = $1 and s.active
             and coalesce(c.doc->>'administrativeStatus', 'active') not in ('suspended', 'revoked')
             and c.doc->>'expiresOn' is not null) x
   where e >= $2::date and e <= $2::date + 90`;

/** A row of a grouped query: `p` the period's number from 1, null for the whole range. */
type Row = Record<string, unknown> & { p: number | null };
const num = (value: unknown): number => (typeof value === 'number' ? value : Number(value ?? 0));
const maybe = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));
/** One value of a `percentile_cont(array[…])` answer (null when nothing was measured). */
const quantile = (values: unknown, index: number) => (Array.isArray(values) ? maybe(values[index]) : null);

/** The cells of one row of the call-out query (one period, or the whole range). */
function calloutCells(small: SmallCells, row: Row): ReportCell[] {
  const count = (measure: ReportMeasureId, column: string) => countCell(small, measure, num(row[column]));
  const requested = num(row.requested);
  const cells: ReportCell[] = [
    count('callouts.requested', 'requested'),
    count('callouts.answered', 'answered'),
    count('callouts.cancelled', 'cancelled'),
    count('callouts.unanswered', 'unanswered'),
    count('callouts.escalated', 'escalated'),
    shareCell(small, 'callouts.escalation-rate', num(row.escalated), requested),
    shareCell(small, 'callouts.decline-rate', num(row.declined), num(row.notified)),
    count('callouts.services-declined', 'services_declined'),
  ];
  for (const stage of responseStages) {
    const t = stageAlias(stage);
    const n = num(row[`${t}_n`]);
    cells.push(
      cellOf(small, `to-${stage}.median`, quantile(row[`${t}_quantiles`], 0), n),
      cellOf(small, `to-${stage}.p90`, quantile(row[`${t}_quantiles`], 1), n),
      ...responseThresholds.map((m) =>
        shareCell(small, `to-${stage}.within-${m}`, num(row[`${t}_within_${String(m)}`]), n),
      ),
    );
  }
  cells.push(
    count('logs.submitted', 'submitted'),
    cellOf(small, 'logs.to-submit.median', maybe(row.t_submit_median), num(row.t_submit_n)),
    cellOf(small, 'logs.to-review.median', maybe(row.t_review_median), num(row.t_review_n)),
    count('logs.returned', 'returned'),
  );
  return cells;
}

function referralCells(small: SmallCells, row: Row | undefined): ReportCell[] {
  const made = num(row?.made);
  return [
    countCell(small, 'referrals.made', made),
    countCell(small, 'referrals.accepted', num(row?.accepted_n)),
    countCell(small, 'referrals.closed-loop', num(row?.closed)),
    cellOf(small, 'referrals.to-accepted.median', maybe(row?.accepted_median), num(row?.accepted_n)),
    shareCell(small, 'referrals.closed-loop-rate', num(row?.closed), made),
    countCell(small, 'referrals.consent-revoked', num(row?.revoked)),
  ];
}

/** One cell per value of the breakdown, from the row's `<prefix>_<index>` columns (zeros included). */
function breakdownCells(
  small: SmallCells,
  measure: ReportMeasureId,
  keys: readonly string[],
  row: Row | undefined,
  prefix: string,
): ReportCell[] {
  return keys.map((key, i) => countCell(small, measure, num(row?.[`${prefix}_${String(i)}`]), key));
}

/**
 * A statement's rows by period, and for the whole range (`null`): the periods' counts summed, as
 * the periods partition the range, and the quantiles read over the range (replacing their sums).
 */
function withTotal(periods: Row[], range: Record<string, unknown> | undefined): Map<number | null, Row> {
  const total: Row = { p: null };
  for (const row of periods) {
    for (const [column, value] of Object.entries(row)) {
      if (column !== 'p' && typeof value === 'number') total[column] = num(total[column]) + value;
    }
  }
  return new Map<number | null, Row>([...periods.map((row) => [row.p, row] as const), [null, { ...total, ...range }]]);
}

/** The query's parameters $1 to $7, as every report query takes them. */
const paramsOf = (agencyId: string, timeZone: string, query: CalloutExportQuery) => [
  agencyId,
  timeZone,
  query.from,
  query.to,
  query.area ?? null,
  query.callType ?? null,
  query.requestingAgencyId ?? null,
];

// Sorting a year's times for the quantiles stays in memory. PostgreSQL's JIT would compile these
// statements anew on every report, costing more than it saves on a year's rows. Each statement is
// planned for its own range (a generic plan, made after five reports, expects a handful of rows and
// sorts a year of call-outs by peer), and without parallel workers, which the statements running at
// once leave no core for (decision 0007).
const reportSettings = `select set_config('work_mem', '32MB', true), set_config('jit', 'off', true),
       set_config('plan_cache_mode', 'force_custom_plan', true), set_config('max_parallel_workers_per_gather', '0', true)`;

/**
 * How many of a report's statements run at once (PostgreSQL; PGlite runs them in turn). All eight at
 * once on the machine's two cores each ran slower than its share: three at a time answered a year's
 * report sooner, its median by 10–30% and its 95th percentile by 15–40% (decision 0007).
 */
const statementsAtOnce = 3;

/** Runs the tasks given to it, at most `n` at a time, in the order given. */
function atMost(n: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    while (running >= n) await new Promise<void>((resolve) => waiting.push(resolve));
    running += 1;
    try {
      return await task();
    } finally {
      running -= 1;
      waiting.shift()?.();
    }
  };
}

/** Today in the time zone, as a calendar day. */
const todayIn = (timeZone: string, now: Date) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);

export async function programReport(
  tx: Sql,
  reader: ReportReader,
  query: ProgramReportQuery,
  now: Date,
): Promise<ProgramReport> {
  const { timeZone, smallCells: small, supervisor } = await readerContext(tx, reader);
  const params = paramsOf(reader.agencyId, timeZone, query);
  const asOf = todayIn(timeZone, now);
  const periodList = periodsOf(query.from, query.to, query.period);
  const grouped = [...params, periodList.map(({ start }) => start).join(',')];
  const filtered = Boolean(query.area ?? query.callType ?? query.requestingAgencyId);
  // The statements run at once where the database can, all reading one snapshot (decision 0007).
  const [dispatchRows, logRows, referralRows, workload, credentials] = await readTogether(tx, (read) => {
    const lane = atMost(statementsAtOnce);
    const statement = <T extends object>(text: string, values: readonly unknown[]) =>
      lane(() =>
        read(async (sql) => {
          await sql.query(reportSettings);
          return sql.query<T>(text, values);
        }),
      );
    const figures = async (statements: { periods: string; range: string }) => {
      const [periods, range] = await Promise.all([
        statement<Row>(statements.periods, grouped),
        statement<Record<string, unknown>>(statements.range, params),
      ]);
      return withTotal(periods, range[0]);
    };
    return Promise.all([
      figures(dispatchesSql),
      figures(logsSql),
      figures(filtered ? referralStatements.filtered : referralStatements.all),
      statement<Row & { who: string; n: number; after_hours: number }>(workloadSql, params),
      statement<{ d30: number; d60: number; d90: number }>(credentialsSql, [reader.agencyId, asOf]),
    ]);
  });

  const cellsOf = (p: number | null): ReportCell[] => {
    const calloutRow = { p, ...dispatchRows.get(p), ...logRows.get(p) };
    const referralRow = referralRows.get(p);
    return [
      ...calloutCells(small, calloutRow),
      ...breakdownCells(small, 'people-served', reportBreakdownKeys.role, calloutRow, 'served'),
      ...referralCells(small, referralRow),
      ...breakdownCells(small, 'referrals.by-status', reportBreakdownKeys.status, referralRow, 'status'),
      ...breakdownCells(small, 'referrals.by-category', reportBreakdownKeys.category, referralRow, 'category'),
    ];
  };

  const periods: ReportPeriod[] = periodList.map(({ start, end }, index) => ({
    start,
    end,
    cells: cellsOf(index + 1),
  }));
  const credential = credentials[0] ?? { d30: 0, d60: 0, d90: 0 };
  const total = [
    ...cellsOf(null),
    countCell(small, 'credentials.expiring-30', num(credential.d30)),
    countCell(small, 'credentials.expiring-60', num(credential.d60)),
    countCell(small, 'credentials.expiring-90', num(credential.d90)),
  ];
  const rows: WorkloadRow[] = workload.map((row, index) => ({
    rank: index + 1,
    // Only the program's supervisor may tell which peer a row is; a key's report stays anonymous.
    ...(supervisor ? { specialistId: row.who } : {}),
    callouts: countCell(small, 'workload.callouts', num(row.n), String(index + 1)),
    afterHoursShare: {
      ...shareCell(small, 'workload.after-hours-share', num(row.after_hours), num(row.n)),
      key: String(index + 1),
    },
  }));
  return hideComplements({
    from: query.from,
    to: query.to,
    period: query.period,
    filters: {
      ...(query.area ? { area: query.area } : {}),
      ...(query.callType ? { callType: query.callType } : {}),
      ...(query.requestingAgencyId ? { requestingAgencyId: query.requestingAgencyId } : {}),
    },
    timeZone,
    generatedAt: now.toISOString(),
    asOf,
    smallCells: small,
    periods,
    total,
    workload: rows,
  });
}

/** One de-identified call-out, as the call-out CSV writes it. */
export interface CalloutExportRow {
  requested_at: string;
  area: string | null;
  call_type: string | null;
  outcome: string;
  escalations: number;
  declines: number;
  minutes_to_acknowledged: number | null;
  minutes_to_on_scene: number | null;
  minutes_to_checked_in: number | null;
  minutes_to_cleared: number | null;
  after_hours: boolean;
  log_status: string | null;
  people_served: number;
  referrals: number;
}

const calloutRowsSql = `
  select to_char(d.created_at at time zone $2::text, 'YYYY-MM-DD"T"HH24:MI') as requested_at,
         d.rpt_area as area, d.rpt_call_type as call_type,
         case when d.status = 'cancelled' then 'cancelled' when d.status = 'cleared' then 'cleared'
              when ${unanswered} then 'unanswered' else 'open' end as outcome,
         d.rpt_escalations as escalations, d.rpt_declines as declines,
         ${responseStages.map((stage) => `round(d.rpt_to_${stage.replace('-', '_')}::numeric, 1)::float8 as minutes_to_${stage.replace('-', '_')}`).join(',\n         ')},
         width_bucket(d.created_at, ${workingHours}) % 2 = 0 as after_hours,
         l.status as log_status,
         case when l.rpt_submitted_at is null then 0
              else (select coalesce(sum(value::int), 0) from jsonb_each_text(l.rpt_served))
         end::int as people_served,
         coalesce(r.n, 0) as referrals
    from dispatches d left join callout_logs l on l.dispatch_id = d.id
         left join (select rpt_dispatch_id, count(*)::int as n from referrals
                     where agency_id = $1 and rpt_dispatch_id is not null group by 1) r on r.rpt_dispatch_id = d.id
   where ${inRange('d', 'd.created_at')} and ${dispatchFilters}
   order by d.created_at, d.id`;

/** The call-outs of the range and filters, oldest first, without ids, names, addresses or notes. */
export async function calloutExportRows(tx: Sql, reader: ReportReader, query: CalloutExportQuery) {
  const { timeZone } = await readerContext(tx, reader);
  return tx.query<CalloutExportRow>(calloutRowsSql, paramsOf(reader.agencyId, timeZone, query));
}
