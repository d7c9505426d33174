import type { OpeningRule, Schedule } from '../schema/resource.js';
import { Weekday } from '../schema/resource.js';
import { isFieldTaxonomy } from './extensions.js';
import { canonicalTimeZone, clip, fieldValues, readDate, readText, termsOf, warn } from './read.js';
import type { Context, Row, Sources, Term } from './read.js';
import { fixedOffsetZone, hasOffset, utcOffset } from './offsets.js';
import { at } from './required.js';
import type { Json } from './required.js';

// HSDS schedules are RFC 5545 recurrence rules; Peerlink keeps weekly opening rules in an IANA
// time zone. What does not fit is dropped with a warning, never stretched to fit.
//
// Times. HSDS 3.0 asks for times with their offset ("14:00Z", "09:00-05:00"), and says a time
// without one is in the row's `timezone`, or in UTC when that is missing too. Peerlink keeps each
// rule as wall-clock hours in the schedule's zone, so a written time is placed like this:
// - No offset: the hours as written, in the schedule's zone. That zone is the row's own (the
//   Peerlink attribute, an IANA `timezone`, or the numeric `timezone` read as `offsetZone` says),
//   else another row's, else the directory's `timeZone` option. When the row states no zone at
//   all HSDS would read UTC, but a directory importer expects local hours: feeds that omit both
//   mean their own hours (HSDS's own schedule guidance writes "09:00" for "9-12"), and reading
//   them as UTC would move every US service by five hours or more. The row is read in the
//   schedule's zone with a `local_time_assumed` warning that says so.
// - An offset the schedule's zone has at some time of year ("09:00-05:00" or "09:00-06:00" in
//   Chicago): the hours as written. They are local hours written with the offset in force when
//   they were written, and a door that opens at 9 does so in winter and summer alike.
// - Any other offset ("14:00Z" in Chicago) is converted. A weekly rule has no date, and in a zone
//   with daylight saving the conversion depends on one: it is made at the row's numeric
//   `timezone` when the zone has that offset (the row says which season its hours were written
//   in), else at the zone's offset on the import date (`now`), 09:00 in July and 08:00 in
//   January; the second is a guess right for part of the year, kept with a `converted_time`
//   warning that gives the other season's reading. Keeping the UTC hours instead (a schedule in
//   UTC) would show a clinic's hours in UTC and be an hour off for half the year just the same.
//   Hours that cross midnight take their days with them ("02:00Z" on TU is 21:00 on MO in
//   Chicago), also with `converted_time`. Into a zone without daylight saving the conversion is
//   exact and, unless the days move, silent.

const timePattern = /^(\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const offsetPattern = /^([+-])(\d{2}):?(\d{2})?$/;
const weekdays = Weekday.options;
const day = 24 * 60;

/** A time of day as an HSDS row writes it. */
interface Written {
  /** Minutes after midnight; `24:00` is 1440. */
  readonly minutes: number;
  /** Minutes east of UTC when the time carries an offset (`Z` is 0). */
  readonly offset: number | undefined;
  readonly text: string;
}

function readTime(ctx: Context, row: Json, key: string, path: string): Written | undefined {
  const value = readText(ctx, row, key, path);
  if (value === undefined) return undefined;
  const match = timePattern.exec(value);
  const hours = Number(match?.[1]);
  const minutes = Number(match?.[2]);
  const offset = match ? offsetMinutes(match[3]) : undefined;
  if (!match || minutes > 59 || hours > 24 || (hours === 24 && minutes > 0) || Number.isNaN(offset)) {
    warn(ctx, at(path, key), 'invalid_value', 'Expected a time of day as HH:MM; the rule is dropped');
    return undefined;
  }
  return { minutes: hours * 60 + minutes, offset, text: value };
}

/** `Z` → 0, `-05:00` → -300, none → undefined, out of range → NaN. */
function offsetMinutes(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (text.toUpperCase() === 'Z') return 0;
  const match = offsetPattern.exec(text);
  const hours = Number(match?.[2]);
  const minutes = Number(match?.[3] ?? 0);
  if (!match || hours > 14 || minutes > 59) return Number.NaN;
  return (match[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

/** The first time a row writes with a valid offset, and that offset. */
function writtenOffset(row: Json): { key: string; offset: number } | undefined {
  for (const key of ['opens_at', 'closes_at']) {
    const value = row[key];
    const offset = typeof value === 'string' ? offsetMinutes(timePattern.exec(value.trim())?.[3]) : undefined;
    if (offset !== undefined && !Number.isNaN(offset)) return { key, offset };
  }
  return undefined;
}

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

const utcText = (minutes: number) => {
  const hours = Math.trunc(minutes / 60);
  const rest = Math.abs(minutes % 60);
  return `UTC${minutes < 0 ? '-' : '+'}${String(Math.abs(hours))}${rest === 0 ? '' : `:${String(rest).padStart(2, '0')}`}`;
};

// A feed repeats a handful of zones and one import date thousands of times.
const zoneOffsetCache = new Map<string, { onDate: number; year: readonly number[] }>();

/** The zone's offset on `date` and every offset it has that year, in minutes east of UTC. */
function zoneOffsets(zone: string, date: string): { onDate: number; year: readonly number[] } {
  const key = `${zone}\u0000${date}`;
  let found = zoneOffsetCache.get(key);
  if (!found) {
    const minutesAt = (at: Date) => Math.round((utcOffset(zone, at) ?? 0) * 60);
    const year = Number(date.slice(0, 4));
    const onDate = minutesAt(new Date(`${date}T12:00:00Z`));
    // Mid-January and mid-July fall on either side of daylight saving in both hemispheres.
    const seasons = [0, 6].map((month) => minutesAt(new Date(Date.UTC(year, month, 15, 12))));
    found = { onDate, year: [...new Set([onDate, ...seasons])] };
    if (zoneOffsetCache.size > 1000) zoneOffsetCache.clear();
    zoneOffsetCache.set(key, found);
  }
  return found;
}

/** Whether a time's offset is not one the zone ever has, so that placing it means converting. */
const foreign = (time: Written, year: readonly number[]) => time.offset !== undefined && !year.includes(time.offset);

/** A written time in a zone whose offset is `to`: wall-clock minutes, and the days it moved by. */
function placeTime(time: Written, year: readonly number[], to: number): { minutes: number; days: number } {
  if (time.offset === undefined || !foreign(time, year)) return { minutes: time.minutes % day, days: 0 };
  const local = time.minutes - time.offset + to;
  return { minutes: ((local % day) + day) % day, days: Math.floor(local / day) };
}

interface Hours {
  readonly byDay: Weekday[];
  readonly opensAt: string;
  readonly closesAt: string;
}

const hoursText = (hours: Hours) => `${hours.opensAt}-${hours.closesAt} on ${hours.byDay.join(',')}`;

/**
 * A rule's written hours as wall-clock hours in `zone` (see the top of this file). `stated` is the
 * row's numeric `timezone` in minutes: when the zone has that offset, a time in another offset
 * is converted at it (the row says which season its hours were written in) rather than at the
 * import date's. Days follow the opening time across midnight; the closing time only needs its
 * hour, since a rule may close at or before it opens.
 */
function placeHours(
  ctx: Context,
  path: string,
  days: Weekday[],
  times: { readonly opens: Written; readonly closes: Written; readonly stated: number | undefined },
  zone: string | undefined,
): Hours {
  const { opens, closes } = times;
  const written: Hours = { byDay: days, opensAt: hhmm(opens.minutes % day), closesAt: hhmm(closes.minutes % day) };
  if (zone === undefined || (opens.offset === undefined && closes.offset === undefined)) return written;
  const { onDate, year } = zoneOffsets(zone, ctx.today);
  const stated = times.stated !== undefined && year.includes(times.stated) ? times.stated : undefined;
  const at = (to: number): Hours => {
    const open = placeTime(opens, year, to);
    const shift = ((open.days % 7) + 7) % 7;
    const moved = days.map((name) => weekdays[(weekdays.indexOf(name) + shift) % 7] ?? name);
    return {
      byDay: shift === 0 ? moved : weekdays.filter((name) => moved.includes(name)),
      opensAt: hhmm(open.minutes),
      closesAt: hhmm(placeTime(closes, year, to).minutes),
    };
  };
  const kept = at(stated ?? onDate);
  const crossed = kept.byDay.join() !== days.join();
  const ambiguous = stated === undefined && year.length > 1 && (foreign(opens, year) || foreign(closes, year));
  if (crossed || ambiguous) {
    const basis =
      stated !== undefined
        ? `, at the row's timezone (${utcText(stated)})`
        : ambiguous
          ? `, at its offset on ${ctx.today} (${utcText(onDate)})${year
              .filter((offset) => offset !== onDate)
              .map((offset) => `; while ${zone} is ${utcText(offset)} they are ${hoursText(at(offset))}`)
              .join('')}`
          : '';
    warn(
      ctx,
      path,
      'converted_time',
      `"${opens.text}" to "${closes.text}" on ${days.join(',')} is read as ${hoursText(kept)} in ${zone}${basis}` +
        (crossed ? '; the days move with the hours across midnight' : ''),
    );
  }
  return kept;
}

/** The row's numeric `timezone` (a number, or text such as `-05:00`) in minutes east of UTC. */
function statedOffset(row: Json): number | undefined {
  const value = row.timezone;
  const hours = typeof value === 'number' ? value : typeof value === 'string' ? offsetOfText(value.trim()) : undefined;
  return hours === undefined || !Number.isFinite(hours) ? undefined : Math.round(hours * 60);
}

/** What a schedule row maps to: a weekly rule, or HSDS's documented sign of 24-hour opening. */
type Mapped = { readonly rule: OpeningRule; readonly offsets: boolean } | { readonly rule: 'always' };

const present = (row: Json, key: string) => row[key] !== undefined && row[key] !== null && row[key] !== '';

/**
 * Maps a schedule row placed in `zone`. `allDay`: a row from every day 00:00 to 23:59 (or
 * 24:00), with no dates, means open around the clock: HSDS has no field for it, and its
 * schedule guidance names 00:00-23:59 as the way to say so. Not asked of Peerlink's own rows,
 * which say so with an attribute and may hold such a rule as a rule.
 */
function mapRule(ctx: Context, row: Json, path: string, zone: string | undefined, allDay: boolean): Mapped | undefined {
  const limits: string[] = [];
  if (present(row, 'freq') && row.freq !== 'WEEKLY') limits.push(`freq ${JSON.stringify(row.freq)}`);
  if (present(row, 'interval') && Number(row.interval) !== 1) limits.push(`interval ${JSON.stringify(row.interval)}`);
  for (const key of ['byweekno', 'bymonthday', 'byyearday', 'count']) if (present(row, key)) limits.push(key);
  const byday = readText(ctx, row, 'byday', path);
  const days = byday?.split(',').map((name) => name.trim().toUpperCase()) ?? [];
  const parsedDays = days.flatMap((name) => {
    const parsed = Weekday.safeParse(name);
    return parsed.success ? [parsed.data] : [];
  });
  if (parsedDays.length < days.length) limits.push(`byday "${byday ?? ''}"`);
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
  if (parsedDays.length === 0 || !present(row, 'opens_at') || !present(row, 'closes_at')) {
    warn(ctx, path, 'incomplete_schedule', 'A weekly rule needs byday, opens_at and closes_at; the rule is dropped');
    return undefined;
  }
  const opens = readTime(ctx, row, 'opens_at', path);
  const closes = readTime(ctx, row, 'closes_at', path);
  if (opens === undefined || closes === undefined) return undefined;
  const validFrom = readDate(ctx, row, 'valid_from', path) ?? readDate(ctx, row, 'dtstart', path);
  const ends = [readDate(ctx, row, 'valid_to', path), readDate(ctx, row, 'until', path)]
    .filter((date) => date !== undefined)
    .sort();
  const validTo = ends[0];
  if (validTo !== undefined && validTo < ctx.today) {
    warn(ctx, path, 'expired', `Valid only until ${validTo}; the rule is dropped`);
    return undefined;
  }
  const unique = [...new Set(parsedDays)];
  const wholeDay = opens.minutes === 0 && (closes.minutes === day - 1 || closes.minutes === day);
  if (allDay && unique.length === 7 && wholeDay && validFrom === undefined && validTo === undefined) {
    return { rule: 'always' };
  }
  const hours = placeHours(ctx, path, unique, { opens, closes, stated: statedOffset(row) }, zone);
  return {
    rule: {
      ...hours,
      ...(validFrom === undefined ? {} : { validFrom }),
      ...(validTo === undefined ? {} : { validTo }),
    },
    offsets: opens.offset !== undefined || closes.offset !== undefined,
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
  const read = rows.map(({ row, path }) => {
    const terms = termsOf(ctx, row, path);
    return { row, path, terms, zone: rowTimeZone(ctx, row, path, terms) };
  });
  // The schedule's zone: the first row's that names one, else the directory's, else the offset
  // of the first time written with one (exact, all year, and said so by `offsetZone`).
  const named = read.find((entry) => typeof entry.zone === 'string');
  let timeZone = typeof named?.zone === 'string' ? named.zone : ctx.timeZone;
  let zoneSource = named ? `the zone of ${named.path}` : 'the timeZone option';
  if (timeZone === undefined) {
    const written = read.flatMap(({ row, path }) => {
      const found = writtenOffset(row);
      return found ? [{ ...found, path: at(path, found.key) }] : [];
    })[0];
    const zone = written === undefined ? false : offsetZone(ctx, written.offset / 60, written.path);
    if (written !== undefined && zone !== false) {
      timeZone = zone;
      zoneSource = `the offset of ${written.path}`;
    }
  }
  let open24x7 = false;
  let assumed = false;
  const rules: OpeningRule[] = [];
  const ruleKeys = new Set<string>();
  const notes: string[] = [];
  // Rows with hours that were all dropped leave nothing to tell; an empty schedule would read as "closed".
  let droppedHours = 0;
  for (const { row, path, terms, zone } of read) {
    if (zone === false) {
      droppedHours += 1;
      continue;
    }
    if (zone !== undefined && zone !== timeZone) {
      warn(ctx, path, 'time_zone_conflict', `In ${zone}, unlike the first schedule (${timeZone ?? ''}); dropped`);
      continue;
    }
    const peerlink24x7 = fieldValues(terms, 'open-24x7').some((term) => term.value !== 'false');
    // Peerlink's 24x7 row describes itself for other readers; its own description is not a note.
    for (const key of peerlink24x7 ? ['notes'] : ['description', 'notes']) {
      const note = readText(ctx, row, key, path);
      if (note !== undefined && !notes.includes(note)) notes.push(note);
    }
    if (peerlink24x7) {
      // Peerlink writes 24x7 as its own row so HSDS readers see the hours; it is not a rule.
      open24x7 = true;
      continue;
    }
    if (!['byday', 'opens_at', 'closes_at', 'freq'].some((key) => present(row, key))) continue;
    const fromPeerlink = terms.some((term) => isFieldTaxonomy(term.taxonomy));
    const mapped = mapRule(ctx, row, path, timeZone, !fromPeerlink);
    if (!mapped) {
      droppedHours += 1;
      continue;
    }
    if (mapped.rule === 'always') {
      open24x7 = true;
      continue;
    }
    const { rule } = mapped;
    if (zone === undefined && !mapped.offsets && timeZone !== undefined && timeZone !== 'UTC' && !assumed) {
      assumed = true;
      warn(
        ctx,
        path,
        'local_time_assumed',
        `No UTC offset on the times and no timezone: HSDS reads such times as UTC, but a feed that omits both ` +
          `means local hours; read in ${timeZone} (${zoneSource})`,
      );
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
