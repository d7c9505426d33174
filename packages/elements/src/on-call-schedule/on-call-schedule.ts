import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { guard } from 'lit/directives/guard.js';
import * as z from 'zod/mini';
import {
  Override,
  PeerQueuedError,
  createProgramClient,
  type GetToken,
  type MyShifts,
  type ProgramClient,
  type ResolvedSchedule,
  type Role,
  type Rotation,
  type ShiftPosition,
  type SpecialistView,
} from '@peerlink/sdk';
import { ClientController } from '../base/client-controller.js';
import { renderReadFailure } from '../base/failure.js';
import { keepFocus } from '../base/focus.js';
import { LiveRecordController } from '../base/live-record-controller.js';
import { LatestRun } from '../base/latest-run.js';
import { NextChangeController } from '../base/next-change-controller.js';
import { allPages } from '../base/pages.js';
import { ProgressiveController } from '../base/progressive-controller.js';
import { QueuedChangesController, type QueuedChangesSource } from '../base/queued-changes-controller.js';
import { PeerStaffFormElement, formText } from '../base/staff-form-element.js';
import { onCallScheduleMessages, type OnCallScheduleMessageKey } from './on-call-schedule.messages.js';
import { onCallScheduleStyles } from './on-call-schedule.styles.js';
import {
  renderOverrideForm,
  renderQueued,
  renderRotations,
  type EditorContext,
  type RotationDraft,
} from './render-editor.js';
import {
  gridContext,
  renderGrid,
  renderMine,
  renderNow,
  renderSummary,
  renderZones,
  type GridContext,
} from './render-grid.js';
import {
  agencyInstant,
  areasOf,
  dayColumns,
  dayNumber,
  localDay,
  nextChange,
  nextMidnight,
  peersNamed,
  scheduleAreas,
  type DayColumn,
  type ScheduleArea,
} from './schedule-model.js';

/** The calls `<peer-on-call-schedule>` makes; `createProgramClient()` satisfies it. */
export interface OnCallScheduleClient {
  readonly schedule: Pick<ProgramClient['schedule'], 'resolve' | 'mine' | 'watch' | 'rotations' | 'overrides'>;
  readonly specialists: Pick<ProgramClient['specialists'], 'list'>;
  /** When present, overrides added offline wait here and are listed until sent. */
  readonly outbox?: QueuedChangesSource;
}

export const SCHEDULE_VIEWS = ['week', 'now', 'mine'] as const;
export type ScheduleView = (typeof SCHEDULE_VIEWS)[number];

/** What a supervisor changed, as `peer-schedule-changed` reports it (ids only, never names). */
export interface ScheduleChangeDetail {
  kind: 'override' | 'rotation';
  id: string;
}

declare module '../base/events.js' {
  interface PeerEventMap {
    'peer-schedule-changed': ScheduleChangeDetail;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'peer-on-call-schedule': PeerOnCallSchedule;
  }
  interface GlobalEventHandlersEventMap {
    'peer-schedule-changed': CustomEvent<ScheduleChangeDetail>;
  }
}

const DAY = 86_400_000;

// Asking Intl for the browser's zone builds a formatter; the zone is read once a page.
let browserZone: string | undefined;
const browserTimeZone = () => (browserZone ??= Intl.DateTimeFormat().resolvedOptions().timeZone);

// A supervisor in the field adds overrides offline: they wait in the outbox on this device.
const programClient = (baseUrl: string, getToken: GetToken): OnCallScheduleClient =>
  createProgramClient({ baseUrl, getToken, offline: true });

/**
 * The on-call schedule of a program: for each area, the positions (primary, backup, supervisor) as
 * rows and the agency's local days as columns, who is on call now marked, gaps said in words (and
 * colour), conflicts flagged. Times are the agency's, cut at its local midnight so a week with a
 * daylight-saving change reads right; the viewer's own zone is named when it differs.
 *
 * A supervisor (`viewer-role="supervisor"`) adds overrides (who covers, from, to, in agency time) and
 * changes the area's rotations (members, their order, the handoff), by keyboard; the schedule is read
 * again after each write and follows the service's `schedule.updated` events live. An override added
 * offline waits in the SDK's outbox (with a `client` given `offline`, or by `base-url`), is listed as
 * waiting, and is sent when the connection returns; a rotation change needs the connection. `view="now"` is a
 * one-line "who is on call now" for a CAD toolbar; `view="mine"` lists a peer's own upcoming shifts.
 * As a form control its value is the id of the last override or rotation it wrote.
 *
 * A grid of many areas is drawn a few areas a frame, the first with the answer; their container is
 * `aria-busy` until all are drawn, and `updateComplete` resolves once they are.
 *
 * @summary An area's on-call week: who is primary, backup and supervisor, gaps and conflicts, overrides and rotations.
 *
 * @event peer-schedule-changed - A supervisor's override or rotation change was accepted. `detail: { kind, id }`.
 * @event peer-error - Reading or writing failed. `detail: { error: { code, message, status? } }`.
 *
 * @csspart base - The outline holding everything.
 * @csspart grid - Each area's scrollable table.
 * @csspart row - A position's row.
 * @csspart shift - A peer's stretch on call; also `now` when on call now and `conflict` when in two places.
 * @csspart gap - A stretch nobody covers (named in words, not only by colour).
 * @csspart summary - How many gaps and conflicts the days shown hold.
 * @csspart zone - The agency's time zone, and the viewer's own when it differs.
 * @csspart now - The compact "who is on call now" line of an area (`view="now"`).
 * @csspart mine - A peer's own upcoming shifts (`view="mine"`).
 * @csspart override-form - The supervisor's override form.
 * @csspart queued - Overrides added offline, waiting on this device to be sent.
 * @csspart rotations - The area's rotations.
 * @csspart rotation-editor - The rotation being changed.
 * @csspart status - What just happened (a polite live region).
 * @csspart error - What went wrong, with Retry.
 *
 * @cssproperty --peer-on-call-schedule-background - Background. Defaults to `--peer-color-surface`.
 * @cssproperty --peer-on-call-schedule-column-width - Width of a day column. Defaults to `9rem`.
 *
 * @since 0.2.0
 * @tag peer-on-call-schedule
 */
export class PeerOnCallSchedule extends PeerStaffFormElement<OnCallScheduleMessageKey> {
  static override styles = [PeerStaffFormElement.styles, onCallScheduleStyles];

  private readonly sdk = new ClientController<OnCallScheduleClient>(this, programClient);
  private readonly runs = new LatestRun();
  // A grid of many areas is drawn over a few frames (see `renderAreas`). An area on screen costs about as much
  // to build, style, lay out and paint as the rest of the frame, so one is drawn with the answer: with two the
  // first frame took twice as long (decision 0008); ten areas are then whole three frames later (1, 3, 6, 10).
  private readonly drawnAreas = new ProgressiveController(this, { first: 1, step: 2 });
  // Every value of the schedule's stream is a reason to read it again, quietly (what is shown stays if that
  // read fails): a change any supervisor made, or the stream opening, since a change made between the read
  // shown and that opening reached no stream. Followed holding the first read (`heldSince`), the SDK skips
  // the opening's read when the client's stream was open already, and replays the changes it carried since.
  private readonly live = new LiveRecordController<unknown>(this, {
    watch: (_id, options) => this.sdk.value?.schedule.watch(options),
    changed: () => void this.load({ quiet: true }),
  });
  // Who is on call now, and which day is today, change with the clock alone: drawn again at the next handoff, gap
  // or agency midnight (within a minute at the latest, to catch up with a clock that jumped or a machine that
  // slept), and read again once the day has changed if the days shown start today.
  private readonly clock = new NextChangeController(this, {
    next: () =>
      this.view === 'mine'
        ? this.mine && nextMidnight(this.mine.timeZone, this.drawnAt)
        : this.schedule && nextChange(this.schedule, this.drawnAt),
    due: (now) => {
      this.drawn(now);
    },
    maxWaitMs: 60_000,
  });

  @state() private schedule?: ResolvedSchedule;
  @state() private mine?: MyShifts;
  @state() private peers: readonly SpecialistView[] = [];
  @state() private rotations: readonly Rotation[] = [];
  @state() private editing?: RotationDraft;
  /** The instant who is on call now, and today, are shown for. */
  @state() private drawnAt = Date.now();
  // Peers are added and deactivated on the roster meanwhile. Every load but a quiet one reads them again (owed until
  // one that did is shown, as a quiet one may take its place); a quiet one does when the schedule names a peer the
  // list lacks, unless the last read lacked them too (`unlisted`).
  private peersDue = true;
  private unlisted: ReadonlySet<string> = new Set();

  /** A client the host built (`createProgramClient()`); takes precedence over `base-url`. */
  @property({ attribute: false }) client?: OnCallScheduleClient;

  /** The Peerlink service, used with `getToken` when no `client` is given. */
  @property({ attribute: 'base-url' }) baseUrl?: string;

  /** Returns an embed token from the host's server; used with `base-url`. */
  @property({ attribute: false }) getToken?: GetToken;

  /** The area shown; every area the schedule names when absent. */
  @property() area?: string;

  /** `week` (the grid), `now` (who is on call now, one line) or `mine` (the viewer's own shifts). */
  @property({ reflect: true }) view: ScheduleView = 'week';

  /** How many weeks the grid shows: 1 or 2. */
  @property({ type: Number }) weeks = 1;

  /** The first local day shown (`YYYY-MM-DD`, agency time); today when absent. */
  @property() start?: string;

  /** The role of the token: `supervisor` shows the override form and the rotations. */
  @property({ attribute: 'viewer-role' }) viewerRole: Role = 'dispatcher';

  /** The viewer's own IANA time zone; the browser's when absent. */
  @property({ attribute: 'viewer-time-zone' }) viewerTimeZone?: string;

  /** The id of the last override or rotation this element wrote. */
  get value(): string {
    return this.written;
  }
  private written = '';

  private readonly onOverride = (event: SubmitEvent) => {
    event.preventDefault();
    if (event.target instanceof HTMLFormElement) void this.addOverride(new FormData(event.target));
  };

  private readonly onEdit = (rotation: Rotation) => {
    const { id, version, position, members, handoffTime, turnDays } = rotation;
    this.editing = { id, version, position, members, handoffTime, turnDays };
    this.fieldErrors = [];
    keepFocus(this, ['.rotation-editor button:not([disabled])'], { always: true });
  };

  private readonly onMove = (index: number, delta: -1 | 1) => {
    const draft = this.editing;
    const moved = draft?.members[index];
    if (!draft || moved === undefined) return;
    const members = draft.members.filter((_, at) => at !== index);
    const to = index + delta;
    members.splice(to, 0, moved);
    this.editing = { ...draft, members };
    this.status = this.i18n.term('schedule.rotation.moved', { name: this.nameOf(moved), position: to + 1 });
    this.focusMember(to, delta < 0 ? 'up' : 'down');
  };

  private readonly onRemove = (index: number) => {
    const draft = this.editing;
    const removed = draft?.members[index];
    if (!draft || removed === undefined) return;
    const members = draft.members.filter((_, at) => at !== index);
    this.editing = { ...draft, members };
    this.status = this.i18n.term('schedule.rotation.removed', { name: this.nameOf(removed) });
    // The member taking its place, or the one before it when it was the last.
    this.focusMember(Math.min(index, members.length - 1), 'remove');
  };

  /** Focus, after the update, on a member's `button` in the rotation editor, else another of its, else "Add a member". */
  private focusMember(index: number, button: 'up' | 'down' | 'remove'): void {
    const member = `.members > li:nth-child(${String(index + 1)})`;
    keepFocus(this, [`${member} .${button}:not([disabled])`, `${member} button:not([disabled])`, '#rotation-add'], {
      always: true,
    });
  }

  private readonly onAddMember = (event: SubmitEvent) => {
    event.preventDefault();
    const member = event.target instanceof HTMLFormElement ? new FormData(event.target).get('member') : null;
    if (this.editing && typeof member === 'string' && member)
      this.editing = { ...this.editing, members: [...this.editing.members, member] };
  };

  private readonly onRotationSave = (event: SubmitEvent) => {
    event.preventDefault();
    if (event.target instanceof HTMLFormElement) void this.saveRotation(new FormData(event.target));
  };

  private readonly onCancelEdit = () => {
    const id = this.editing?.id ?? '';
    this.editing = undefined;
    this.fieldErrors = [];
    keepFocus(this, [`[part~="edit-rotation"][data-rotation="${CSS.escape(id)}"]`, '[part~="edit-rotation"]'], {
      always: true,
    });
  };

  // Overrides added offline: listed while they wait, and reported once sent or refused.
  private readonly queued = new QueuedChangesController(this, 'createOverride', () => this.sdk.value?.outbox, {
    sent: (_item, result) => {
      const sent = z.safeParse(Override, result);
      if (sent.success) this.done('override', sent.data.id, this.i18n.term('schedule.override.sentLater'));
      else void this.load();
    },
    failed: (_item, error) => {
      this.refused(error);
    },
  });

  constructor() {
    super(onCallScheduleMessages);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.sdk.changed(changed)) this.queued.follow();
    if (
      this.sdk.changed(changed) ||
      changed.has('area') ||
      changed.has('view') ||
      changed.has('weeks') ||
      changed.has('start')
    )
      void this.load();
  }

  // The grid is drawn over a few frames: an update is complete once all of it is drawn.
  protected override async getUpdateComplete(): Promise<boolean> {
    await super.getUpdateComplete();
    await this.drawnAreas.drawn;
    return super.getUpdateComplete();
  }

  /** The range read: a day either side of the days shown, so any zone's midnights fall inside it. */
  private range(): { from: string; to: string; days: number } {
    const days = Math.min(Math.max(Math.round(this.weeks), 1), 2) * 7;
    const first = this.start ? dayNumber(this.start) * DAY : Date.now();
    return {
      from: new Date(first - DAY).toISOString(),
      to: new Date(first + (days + 1) * DAY).toISOString(),
      days,
    };
  }

  /** Reads what the view shows. `quiet`: a refresh in the background, which keeps what is shown if it fails. */
  private async load({ quiet = false } = {}): Promise<void> {
    const api = this.sdk.value;
    if (!api) return;
    const run = this.runs.start();
    const signal = run.signal;
    const sentAt = performance.now();
    if (!quiet) {
      this.failure = undefined;
      this.peersDue = true;
    }
    try {
      if (this.view === 'mine') {
        const mine = await api.schedule.mine(14, { signal });
        if (run.stale) return;
        this.drawnAt = Date.now();
        this.mine = mine;
        this.failure = undefined;
        return;
      }
      const { from, to } = this.range();
      const readPeers = () =>
        allPages((cursor) => api.specialists.list({ limit: 200, ...(cursor ? { cursor } : {}) }, { signal }), signal);
      const [schedule, fresh] = await Promise.all([
        api.schedule.resolve({ from, to, ...(this.area ? { area: this.area } : {}) }, { signal }),
        this.peersDue ? readPeers() : undefined,
      ]);
      const rotations =
        this.viewerRole === 'supervisor' && this.view === 'week'
          ? (await api.schedule.rotations.list(this.area ? { area: this.area } : {}, { signal })).items
          : [];
      const unlisted = (list: readonly SpecialistView[]) => {
        const listed = new Set(list.map((peer) => peer.id));
        return [...peersNamed(schedule, rotations)].filter((id) => !listed.has(id));
      };
      const peers =
        fresh ?? (unlisted(this.peers).some((id) => !this.unlisted.has(id)) ? await readPeers() : this.peers);
      if (run.stale) return;
      this.drawnAt = Date.now();
      this.schedule = schedule;
      this.peers = peers;
      this.peersDue = false;
      this.unlisted = new Set(unlisted(peers));
      this.rotations = rotations;
      this.failure = undefined;
      this.queued.refresh();
      if (this.live.following === undefined) this.live.follow('schedule', sentAt);
    } catch (error) {
      if (run.stale || (quiet && this.failure === undefined && (this.schedule ?? this.mine))) return;
      this.readFailed(error);
    }
  }

  /** Shows who is on call at `now`, and reads the days shown again when they start today and the day has changed. */
  private drawn(now: number): void {
    const zone = (this.view === 'mine' ? this.mine : this.schedule)?.timeZone;
    const newDay = zone !== undefined && localDay(zone, now) !== localDay(zone, this.drawnAt);
    this.drawnAt = now;
    if (newDay && (this.view === 'mine' || !this.start)) void this.load({ quiet: true });
  }

  private async addOverride(data: FormData): Promise<void> {
    const api = this.sdk.value;
    const zone = this.schedule?.timeZone;
    if (!api || !zone) return;
    const text = formText(data);
    const startsAt = agencyInstant(zone, text('startsAt'));
    const endsAt = agencyInstant(zone, text('endsAt'));
    const reason = text('reason');
    const missing = (['specialistId', 'area', 'startsAt', 'endsAt'] as const).filter((name) =>
      name === 'startsAt' ? !startsAt : name === 'endsAt' ? !endsAt : !text(name),
    );
    if (missing.length > 0 || !startsAt || !endsAt) {
      this.fieldErrors = missing.map((path) => ({ path, message: this.i18n.term('form.valueMissing') }));
      keepFocus(this, [`[name="${missing[0] ?? 'startsAt'}"]`], { always: true });
      return;
    }
    await this.write(async () => {
      try {
        const override = await api.schedule.overrides.create({
          specialistId: text('specialistId'),
          area: text('area'),
          position: text('position') as ShiftPosition,
          startsAt,
          endsAt,
          ...(reason ? { reason } : {}),
        });
        this.done('override', override.id, this.i18n.term('schedule.override.saved'));
      } catch (error) {
        if (!(error instanceof PeerQueuedError)) throw error;
        // Offline: it waits in the outbox and is listed; `queued` reports it once sent.
        this.status = this.i18n.term('schedule.override.queued');
      }
    });
  }

  private async saveRotation(data: FormData): Promise<void> {
    const api = this.sdk.value;
    const draft = this.editing;
    if (!api || !draft) return;
    const handoff = data.get('handoffTime');
    const handoffTime = typeof handoff === 'string' && handoff ? handoff : draft.handoffTime;
    const turnDays = Number(data.get('turnDays') ?? draft.turnDays);
    await this.write(async () => {
      const rotation = await api.schedule.rotations.update(draft.id, {
        version: draft.version,
        members: [...draft.members],
        handoffTime,
        turnDays,
      });
      this.editing = undefined;
      this.done('rotation', rotation.id, this.i18n.term('schedule.rotation.saved'));
    });
  }

  private done(kind: ScheduleChangeDetail['kind'], id: string, message: string): void {
    this.written = id;
    this.setValue(id);
    this.status = message;
    this.emit('peer-schedule-changed', { kind, id });
    void this.load();
  }

  protected resetValue(): void {
    this.written = '';
    this.setValue(null);
  }

  // Display names by id, rebuilt only when the peers read change (a grid asks once per stretch shown).
  private names?: { peers: readonly SpecialistView[]; byId: Map<string, string> };
  private readonly nameOf = (id: string): string => {
    if (this.names?.peers !== this.peers)
      this.names = { peers: this.peers, byId: new Map(this.peers.map((peer) => [peer.id, peer.displayName])) };
    return this.names.byId.get(id) ?? this.i18n.term('schedule.unknownPeer');
  };

  // The grid's areas, built once per answer (and per area, days, language or peers shown), not on every render:
  // a status message or a rotation being edited re-renders the element, and `guard` then leaves the grid be.
  private grid?: {
    readonly key: readonly unknown[];
    readonly areas: ScheduleArea[];
    readonly columns: DayColumn[];
  };

  private gridModel(schedule: ResolvedSchedule): NonNullable<typeof this.grid> {
    const key = [schedule, this.area, this.weeks, this.start, this.drawnAt, this.peers, this.i18n.lang];
    if (this.grid?.key.length === key.length && this.grid.key.every((part, at) => part === key[at])) return this.grid;
    const { days } = this.range();
    const first = this.start ? dayNumber(this.start) : localDay(schedule.timeZone, this.drawnAt);
    const columns = dayColumns(schedule.timeZone, first, days);
    this.grid = { key, columns, areas: scheduleAreas(schedule, areasOf(schedule, this.area), columns, this.drawnAt) };
    return this.grid;
  }

  // The first areas are drawn in the update that brings the answer, the rest a few a frame after it (see
  // `drawnAreas`); the areas' container is busy until all are there, so a screen reader is not handed half a grid.
  private renderAreas(ctx: GridContext, areas: readonly ScheduleArea[], columns: readonly DayColumn[]) {
    const shown = this.drawnAreas.show(areas);
    return html`<div class="areas" aria-busy=${this.drawnAreas.complete ? nothing : 'true'}>
      ${guard([areas, shown], () => renderGrid(ctx, areas.slice(0, shown), columns, areas.length > 1))}
    </div>`;
  }

  private renderWeek(ctx: GridContext, schedule: ResolvedSchedule): TemplateResult {
    const { areas, columns } = this.gridModel(schedule);
    const supervisor = this.viewerRole === 'supervisor';
    const editor: EditorContext = {
      ...ctx,
      peers: this.peers.filter((peer) => !('active' in peer) || peer.active),
      area: this.area,
      rotations: this.rotations,
      editing: this.editing,
      busy: this.busy,
      errorAt: (field) => this.errorAt(field),
      onOverride: this.onOverride,
      onEdit: this.onEdit,
      onMove: this.onMove,
      onRemove: this.onRemove,
      onAddMember: this.onAddMember,
      onRotationSave: this.onRotationSave,
      onCancelEdit: this.onCancelEdit,
    };
    return html`${renderZones(ctx, this.viewerTimeZone ?? browserTimeZone(), this.drawnAt)}
      ${renderSummary(ctx, schedule, this.area)}
      ${areas.length === 0 ? html`<p part="empty">${this.i18n.term('schedule.empty')}</p>` : this.renderAreas(ctx, areas, columns)}
      ${renderQueued(ctx, this.queued.items)}
      ${
        supervisor
          ? // Disabled (or in a disabled fieldset), the element disables every control of its forms, as a native one.
            html`<fieldset class="edit" ?disabled=${this.isDisabled}>
              ${renderOverrideForm(editor)} ${renderRotations(editor)}
            </fieldset>`
          : nothing
      }`;
  }

  override render(): TemplateResult {
    const zone = this.schedule?.timeZone ?? this.mine?.timeZone ?? 'UTC';
    const ctx = gridContext(this.i18n, zone, this.nameOf);
    const loaded = this.view === 'mine' ? this.mine : this.schedule;
    let body: TemplateResult | typeof nothing = nothing;
    if (this.view === 'mine' && this.mine) body = renderMine(ctx, this.mine, 14);
    else if (this.view === 'now' && this.schedule) body = renderNow(ctx, this.schedule, this.area, this.drawnAt);
    else if (this.view === 'week' && this.schedule) body = this.renderWeek(ctx, this.schedule);
    return html`<div part="base" class="base ${this.view}">
      ${
        this.view === 'now'
          ? nothing
          : html`<h2>${this.i18n.term(this.view === 'mine' ? 'schedule.mine.title' : 'schedule.title')}</h2>`
      }
      ${
        this.failure !== undefined
          ? renderReadFailure(this.i18n, this.failure, () => void this.load())
          : loaded
            ? body
            : html`<p class="loading" role="status">${this.i18n.term('common.loading')}</p>`
      }
      <p part="status" class="status" role="status" tabindex="-1">${this.status}</p>
    </div>`;
  }
}
