import type { OpeningRule, Schedule } from '../schema/resource.js';
import { Weekday } from '../schema/resource.js';
import { canonicalTimeZone, clip, fieldValues, readDate, readText, termsOf, warn } from './read.js';
import type { Context, Row, Sources, Term } from './read.js';
import { fixedOffsetZone, hasOffset } from './offsets.js';
import { at } from './required.js';
import type { Json } from './required.js';

// HSDS schedules are RFC 5545 recurrence rules; Peerlink keeps weekly opening rules in an IANA
// time zone. What does not fit is dropped with a warning, never stretched to fit.

const timePattern = /^(\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?$/i;

function readTime(ctx: Context, row: Json, key: string, path: string): string | undefined {
  const value = readText(ctx, row, key, path);
  if (value === undefined) return undefined;
  const match = timePattern.exec(value);
  const hours = Number(match?.[1]);
  const minutes = Number(match?.[2]);
  if (!match || minutes > 59 || hours > 24 || (hours === 24 && minutes > 0)) {
    warn(ctx, at(path, key), 'invalid_value', 'Expected a time of day as HH:MM; the rule is dropped');
    return undefined;
  }
  // HSDS allows an offset on the time; Peerlink reads hours in the schedule's own zone.
  return `${String(hours % 24).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

const present = (row: Json, key: string) => row[key] !== undefined && row[key] !== null && row[key] !== '';

function mapRule(ctx: Context, row: Json, path: string): OpeningRule | undefined {
  const limits: string[] = [];
  if (present(row, 'freq') && row.freq !== 'WEEKLY') limits.push(`freq ${JSON.stringify(row.freq)}`);
  if (present(row, 'interval') && Number(row.interval) !== 1) limits.push(`interval ${JSON.stringify(row.interval)}`);
  for (const key of ['byweekno', 'bymonthday', 'byyearday', 'count']) if (present(row, key)) limits.push(key);
  const byday = readText(ctx, row, 'byday', path);
  const days = byday?.split(',').map((day) => day.trim().toUpperCase()) ?? [];
  const weekdays = days.flatMap((day) => {
    const parsed = Weekday.safeParse(day);
    return parsed.success ? [parsed.data] : [];
  });
  if (weekdays.length < days.length) limits.push(`byday "${byday ?? ''}"`);
  if (limits.length > 0) {
    // Widening "weeks 41 and 42" or "every other Monday" into "every week" would send people to a
    // closed door; dropping the rule only loses information.
    warn(
      ctx,
      path,
      'unsupported_recurrence',
      `Only plain weekly rules are supported (${limits.join(', ')}); the rule is dropped`,
    );
    return undefined;
  }
  if (weekdays.length === 0 || !present(row, 'opens_at') || !present(row, 'closes_at')) {
    warn(ctx, path, 'incomplete_schedule', 'A weekly rule needs byday, opens_at and closes_at; the rule is dropped');
    return undefined;
  }
  const opensAt = readTime(ctx, row, 'opens_at', path);
  const closesAt = readTime(ctx, row, 'closes_at', path);
  if (opensAt === undefined || closesAt === undefined) return undefined;
  const validFrom = readDate(ctx, row, 'valid_from', path) ?? readDate(ctx, row, 'dtstart', path);
  const ends = [readDate(ctx, row, 'valid_to', path), readDate(ctx, row, 'until', path)]
    .filter((date) => date !== undefined)
    .sort();
  const validTo = ends[0];
  if (validTo !== undefined && validTo < ctx.today) {
    warn(ctx, path, 'expired', `Valid only until ${validTo}; the rule is dropped`);
    return undefined;
  }
  return {
    byDay: [...new Set(weekdays)],
    opensAt,
    closesAt,
    ...(validFrom === undefined ? {} : { validFrom }),
    ...(validTo === undefined ? {} : { validTo }),
  };
}

const offsetText = (offset: number) => `UTC${offset < 0 ? '' : '+'}${String(offset)}`;

/** Hours east of UTC in `-5`, `5.5`, `-05:00` or `+0530`. */
function offsetOfText(text: string): number | undefined {
  if (/^[+-]?\d{1,2}(\.\d+)?$/.test(text)) return Number(text);
  const match = /^([+-])(\d{2}):?(\d{2})$/.exec(text);
  if (!match) return undefined;
  const hours = Number(match[2]) + Number(match[3]) / 60;
  return match[1] === '-' ? -hours : hours;
}

/**
 * The zone of a schedule row; `false` when its hours cannot be placed in time and the row must
 * go (a UTC offset that is neither the directory's nor a whole hour).
 */
function rowTimeZone(ctx: Context, row: Json, path: string, terms: readonly Term[]): string | undefined | false {
  const term = fieldValues(terms, 'time-zone')[0];
  if (term) {
    const zone = canonicalTimeZone(term.value ?? '');
    if (zone !== undefined) return zone;
    warn(ctx, term.path, 'invalid_time_zone', 'Expected an IANA time zone such as "America/Chicago"; ignored');
  }
  const value = row.timezone;
  if (value === undefined || value === null || value === '') return undefined;
  const text = typeof value === 'string' ? value.trim() : undefined;
  const zone = text === undefined ? undefined : canonicalTimeZone(text);
  if (zone !== undefined) return zone;
  // HSDS 3.0 defines `timezone` as a number; some feeds quote it, or write it as ISO 8601 does (`-05:00`).
  const offset = typeof value === 'number' ? value : text === undefined ? undefined : offsetOfText(text);
  if (offset === undefined || !Number.isFinite(offset) || offset < -12 || offset > 14) {
    const fallback = ctx.timeZone === undefined ? '' : `; ${ctx.timeZone} is used instead`;
    warn(
      ctx,
      at(path, 'timezone'),
      'invalid_time_zone',
      `Expected a UTC offset in hours or an IANA time zone such as "America/Chicago"; dropped${fallback}`,
    );
    return undefined;
  }
  return offsetZone(ctx, offset, at(path, 'timezone'));
}

/**
 * An offset the directory's zone has at some time of year is read in that zone, so hours follow
 * its daylight saving. Any other offset is read as itself, all year, and said so.
 */
function offsetZone(ctx: Context, offset: number, path: string): string | false {
  if (ctx.timeZone !== undefined && hasOffset(ctx.timeZone, offset, Number(ctx.today.slice(0, 4)))) return ctx.timeZone;
  const why =
    ctx.timeZone === undefined
      ? "No timeZone option names the directory's zone"
      : `${ctx.timeZone} is never ${offsetText(offset)}`;
  const fixed = fixedOffsetZone(offset);
  if (fixed === undefined) {
    warn(
      ctx,
      path,
      'invalid_time_zone',
      `${why}, and ${offsetText(offset)} is not a whole hour Peerlink can keep as a zone; the rule is dropped`,
    );
    return false;
  }
  warn(
    ctx,
    path,
    'fixed_offset',
    `${why}: hours are read as ${fixed} (${offsetText(offset)} all year, without daylight saving time)`,
  );
  return fixed;
}

export function mapSchedule(ctx: Context, rows: readonly Row[], sources: Sources): Schedule | undefined {
  const first = rows[0];
  if (!first) return undefined;
  let timeZone: string | undefined;
  let open24x7 = false;
  const rules: OpeningRule[] = [];
  const ruleKeys = new Set<string>();
  const notes: string[] = [];
  // Rows with hours that were all dropped leave nothing to tell; an empty schedule would read as "closed".
  let droppedHours = 0;
  for (const { row, path } of rows) {
    const terms = termsOf(ctx, row, path);
    const zone = rowTimeZone(ctx, row, path, terms);
    if (zone === false) {
      droppedHours += 1;
      continue;
    }
    if (zone !== undefined && timeZone !== undefined && zone !== timeZone) {
      warn(ctx, path, 'time_zone_conflict', `In ${zone}, unlike the first schedule (${timeZone}); dropped`);
      continue;
    }
    timeZone ??= zone;
    for (const key of ['description', 'notes']) {
      const note = readText(ctx, row, key, path);
      if (note !== undefined && !notes.includes(note)) notes.push(note);
    }
    if (fieldValues(terms, 'open-24x7').some((term) => term.value !== 'false')) {
      // Peerlink writes 24x7 as its own row so HSDS readers see the hours; it is not a rule.
      open24x7 = true;
      continue;
    }
    if (!['byday', 'opens_at', 'closes_at', 'freq'].some((key) => present(row, key))) continue;
    const rule = mapRule(ctx, row, path);
    if (!rule) {
      droppedHours += 1;
      continue;
    }
    const key = JSON.stringify(rule);
    if (ruleKeys.has(key)) continue;
    if (rules.length === 50) {
      warn(ctx, path, 'too_many', 'More than 50 opening rules; the rest are dropped');
      break;
    }
    ruleKeys.add(key);
    sources.set(at('schedule', 'rules', rules.length), path);
    rules.push(rule);
  }
  timeZone ??= ctx.timeZone;
  const note = clip(ctx, notes.join(' ') || undefined, 500, first.path);
  if (rules.length === 0 && !open24x7 && note === undefined && (timeZone === undefined || droppedHours > 0))
    return undefined;
  if (timeZone === undefined) {
    warn(
      ctx,
      first.path,
      'missing_time_zone',
      'No usable time zone (pass the timeZone option to supply one); the schedule is dropped',
    );
    return undefined;
  }
  sources.set('schedule', first.path);
  return { timeZone, ...(open24x7 ? { open24x7 } : {}), rules, ...(note === undefined ? {} : { notes: note }) };
}
