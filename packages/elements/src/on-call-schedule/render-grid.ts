// How the schedule reads: the week grid, the compact "who is on call now" line and a peer's own shifts.
import { html, nothing, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { onCallAt, shiftPositions, type MyShifts, type ResolvedSchedule, type ShiftPosition } from '@peerlink/sdk';
import type { LocalizeController } from '../base/localize.js';
import type { OnCallScheduleMessageKey } from './on-call-schedule.messages.js';
import { areasOf, troubles, type CellEntry, type DayColumn, type ScheduleArea } from './schedule-model.js';

/** What the render functions need from the element. */
export interface GridContext {
  readonly i18n: LocalizeController<OnCallScheduleMessageKey>;
  readonly timeZone: string;
  /** A peer's display name by id. */
  readonly nameOf: (id: string) => string;
  /** A time of day in the agency's zone and the element's language (one formatter for the whole render). */
  readonly time: (at: number) => string;
}

// Building a formatter costs more than a whole row of cells: one per language and zone, kept.
const timeFormats = new Map<string, Intl.DateTimeFormat>();

function timeFormat(lang: string, timeZone: string): Intl.DateTimeFormat {
  const key = `${lang}\u0000${timeZone}`;
  let format = timeFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(lang, { timeZone, hour: 'numeric', minute: '2-digit' });
    timeFormats.set(key, format);
  }
  return format;
}

/**
 * The context of one render: the language is resolved and the formatter found once, not per cell, and
 * each instant is formatted once however many stretches start or end at it (a day's midnight, a handoff).
 */
export function gridContext(
  i18n: LocalizeController<OnCallScheduleMessageKey>,
  timeZone: string,
  nameOf: (id: string) => string,
): GridContext {
  const format = timeFormat(i18n.lang, timeZone);
  const said = new Map<number, string>();
  const time = (at: number) => {
    let text = said.get(at);
    if (text === undefined) {
      text = format.format(at);
      said.set(at, text);
    }
    return text;
  };
  return { i18n, timeZone, nameOf, time };
}

const positionWord = (ctx: GridContext, position: ShiftPosition) => ctx.i18n.term(`schedule.position.${position}`);

const time = (ctx: GridContext, at: number): string => ctx.time(at);

function range(ctx: GridContext, from: number, to: number): string {
  return ctx.i18n.term('schedule.time', { from: time(ctx, from), to: time(ctx, to) });
}

type Shift = Extract<CellEntry, { kind: 'shift' }>;

/** A turn that is not an override, not on call now and in no conflict: the usual entry, with no attribute binding. */
const plain = (entry: CellEntry | undefined): entry is Shift & { readonly now: false; readonly conflict: false } =>
  entry?.kind === 'shift' && !entry.now && !entry.conflict && entry.source !== 'override';

// A grid holds hundreds of entries: each is as few nodes and bindings as its words allow. The usual
// entry (a rotation's turn, not now, no conflict) is a template with no attribute binding at all.
function renderEntry(ctx: GridContext, entry: CellEntry): TemplateResult {
  if (entry.kind === 'gap') {
    const words = ctx.i18n.term('schedule.gap', { from: time(ctx, entry.startsAt), to: time(ctx, entry.endsAt) });
    return entry.now
      ? html`<li part="gap" class="gap now"><span aria-hidden="true" class="mark">!</span> ${words}</li>`
      : html`<li part="gap" class="gap"><span aria-hidden="true" class="mark">!</span> ${words}</li>`;
  }
  const who = ctx.nameOf(entry.specialistId);
  const when = range(ctx, entry.startsAt, entry.endsAt);
  if (plain(entry))
    return html`<li part="shift" class="shift"><span class="who">${who}</span> <span class="when">${when}</span></li>`;
  return html`<li
    part="shift${entry.now ? ' now' : ''}${entry.conflict ? ' conflict' : ''}"
    class="shift${entry.now ? ' now' : ''}${entry.conflict ? ' conflict' : ''}"
  ><span class="who">${who}</span> <span class="when">${when}</span>${
    entry.source === 'override' ? html` <span class="tag">${ctx.i18n.term('schedule.override')}</span>` : nothing
  }${entry.now ? html` <strong class="tag now-tag">${ctx.i18n.term('schedule.onCallNow')}</strong>` : nothing}${
    entry.conflict
      ? html` <span class="tag conflict-tag"><span aria-hidden="true">⚠ </span>${ctx.i18n.term('schedule.conflict')}</span>`
      : nothing
  }</li>`;
}

function renderCell(ctx: GridContext, cell: readonly CellEntry[]): TemplateResult {
  if (cell.length === 0) return html`<td></td>`;
  // Most days of a rotation are one turn or two (before and after the handoff): the cell, its list and its
  // entries are then one template to clone, not two or three (about 2–4 ms less per grid, measured).
  const [first, second] = cell;
  if (cell.length === 1 && plain(first))
    return html`<td><ul><li part="shift" class="shift"><span class="who">${ctx.nameOf(first.specialistId)}</span> <span class="when">${range(ctx, first.startsAt, first.endsAt)}</span></li></ul></td>`;
  if (cell.length === 2 && plain(first) && plain(second))
    return html`<td><ul><li part="shift" class="shift"><span class="who">${ctx.nameOf(first.specialistId)}</span> <span class="when">${range(ctx, first.startsAt, first.endsAt)}</span></li><li part="shift" class="shift"><span class="who">${ctx.nameOf(second.specialistId)}</span> <span class="when">${range(ctx, second.startsAt, second.endsAt)}</span></li></ul></td>`;
  return html`<td><ul>${cell.map((entry) => renderEntry(ctx, entry))}</ul></td>`;
}

/**
 * The grid: a table per area, positions as rows and the agency's local days as columns. Each area's block
 * is `content-visibility: auto` (see the styles): areas scrolled out of view stay in the DOM and the
 * accessibility tree but are not styled, laid out or painted until they come near the viewport. `areas` are
 * those drawn so far; each keeps its DOM untouched while later ones are added (a `ScheduleArea` is built anew
 * whenever anything it shows changes).
 */
export function renderGrid(
  ctx: GridContext,
  areas: readonly ScheduleArea[],
  columns: readonly DayColumn[],
  captioned: boolean,
): TemplateResult {
  const header = html`<tr><th scope="col">${ctx.i18n.term('schedule.position')}</th>${columns.map(
    (column) =>
      html`<th scope="col">${ctx.i18n.date(column.start, { timeZone: ctx.timeZone, weekday: 'short', month: 'short', day: 'numeric' })}</th>`,
  )}</tr>`;
  return html`${areas.map(({ area, rows }) =>
    guard(
      [rows],
      () =>
        html`<div class="scroll" part="grid" role="region" aria-label=${ctx.i18n.term('schedule.areaTitle', { area })} tabindex="0"><table>${
          captioned ? html`<caption>${ctx.i18n.term('schedule.areaTitle', { area })}</caption>` : nothing
        }<thead>${header}</thead><tbody>${rows.map(
          (row) =>
            html`<tr part="row"><th scope="row">${positionWord(ctx, row.position)}</th>${row.cells.map((cell) => renderCell(ctx, cell))}</tr>`,
        )}</tbody></table></div>`,
    ),
  )}`;
}

/** One line saying how many gaps and conflicts the shown days hold, in words. */
export function renderSummary(ctx: GridContext, schedule: ResolvedSchedule, area?: string): TemplateResult {
  const found = troubles(schedule, areasOf(schedule, area));
  const clear = found.gaps === 0 && found.conflicts === 0;
  return html`<p part="summary" class="summary ${clear ? '' : 'warn'}">
    ${clear ? ctx.i18n.term('schedule.summary.clear') : ctx.i18n.term('schedule.summary.troubles', found)}
  </p>`;
}

/** The time zones line: the agency's, and the viewer's own when it differs. */
export function renderZones(ctx: GridContext, viewerZone: string, now: number): TemplateResult {
  return html`<p part="zone" class="zone">
    ${ctx.i18n.term('schedule.timeZone', { zone: ctx.timeZone })}
    ${
      viewerZone === ctx.timeZone
        ? nothing
        : ctx.i18n.term('schedule.viewerZone', {
            zone: viewerZone,
            time: ctx.i18n.date(now, { timeZone: viewerZone, hour: 'numeric', minute: '2-digit' }),
          })
    }
  </p>`;
}

/** "Who is on call now" for each area, one line, to fit a CAD toolbar. */
export function renderNow(ctx: GridContext, schedule: ResolvedSchedule, area: string | undefined, now: number) {
  return html`${areasOf(schedule, area).map((shown) => {
    const held = onCallAt(schedule, shown, new Date(now));
    return html`<div part="now" class="now-view" role="group" aria-label=${ctx.i18n.term('schedule.now.label', { area: shown })}>
      ${shiftPositions.map((position) => {
        const id = held[position];
        return html`<span class="slot ${id ? '' : 'gap'}">
          <span class="position">${positionWord(ctx, position)}:</span>
          ${
            id
              ? html`<span class="who">${ctx.nameOf(id)}</span>`
              : html`<strong class="who"><span aria-hidden="true">! </span>${ctx.i18n.term('schedule.nobody')}</strong>`
          }
        </span>`;
      })}
    </div>`;
  })}`;
}

/** A peer's own upcoming shifts, in the agency's time zone. */
export function renderMine(ctx: GridContext, mine: MyShifts, days: number): TemplateResult {
  if (mine.shifts.length === 0) return html`<p part="empty">${ctx.i18n.term('schedule.mine.empty', { days })}</p>`;
  const day = (at: string) =>
    ctx.i18n.date(at, { timeZone: ctx.timeZone, weekday: 'short', month: 'short', day: 'numeric' });
  return html`<ul part="mine" class="mine">
    ${mine.shifts.map(
      (shift) => html`<li>
        <span class="who">
          ${ctx.i18n.term('schedule.mine.shift', { area: shift.area, position: positionWord(ctx, shift.position) })}
        </span>
        <span class="when">${day(shift.startsAt)} ${range(ctx, Date.parse(shift.startsAt), Date.parse(shift.endsAt))}
          ${day(shift.endsAt) === day(shift.startsAt) ? nothing : html`(${day(shift.endsAt)})`}</span>
      </li>`,
    )}
  </ul>`;
}
