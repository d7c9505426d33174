// What a supervisor edits: an override (who covers, from, to) and the rotations of the area (members,
// their order, the handoff). Plain forms and buttons, so everything works by keyboard alone.
import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import * as z from 'zod/mini';
import { OverrideInput, shiftPositions, type OutboxItem, type Rotation, type ShiftPosition } from '@peerlink/sdk';
import type { GridContext } from './render-grid.js';

/** A rotation being changed: what the supervisor has so far, over the version they read. */
export interface RotationDraft {
  readonly id: string;
  readonly version: number;
  readonly position: ShiftPosition;
  readonly members: readonly string[];
  readonly handoffTime: string;
  readonly turnDays: number;
}

/** Field paths of the two forms, as the service names them in its refusals. */
export type EditorField =
  'specialistId' | 'area' | 'position' | 'startsAt' | 'endsAt' | 'reason' | 'members' | 'handoffTime' | 'turnDays';

export interface EditorContext extends GridContext {
  readonly peers: readonly { readonly id: string; readonly displayName: string }[];
  readonly area: string | undefined;
  readonly rotations: readonly Rotation[];
  readonly editing: RotationDraft | undefined;
  readonly busy: boolean;
  readonly errorAt: (field: EditorField) => string | undefined;
  readonly onOverride: (event: SubmitEvent) => void;
  readonly onEdit: (rotation: Rotation) => void;
  readonly onMove: (index: number, delta: -1 | 1) => void;
  readonly onRemove: (index: number) => void;
  readonly onAddMember: (event: SubmitEvent) => void;
  readonly onRotationSave: (event: SubmitEvent) => void;
  readonly onCancelEdit: () => void;
}

/** The id, description and validity a field's control carries. */
interface ControlAttributes {
  readonly id: string;
  readonly describedBy: string;
  readonly invalid: boolean;
}

function field(
  ctx: EditorContext,
  name: EditorField,
  label: string,
  control: (attributes: ControlAttributes) => TemplateResult,
  prefix = 'override',
): TemplateResult {
  const id = `${prefix}-${name}`;
  const error = ctx.errorAt(name);
  return html`<div class="field">
    <label for=${id}>${label}</label>
    ${control({ id, describedBy: `${id}-error`, invalid: error !== undefined })}
    <span class="field-error" id=${`${id}-error`}>${error ?? ''}</span>
  </div>`;
}

/** A text, time, number or date-and-time input of a field, named as its path. */
function input(
  name: EditorField,
  type: 'text' | 'time' | 'number' | 'datetime-local',
  value = '',
  limits: { min?: number; max?: number; maxlength?: number; required?: boolean } = {},
): (attributes: ControlAttributes) => TemplateResult {
  return ({ id, describedBy, invalid }) =>
    html`<input
      id=${id}
      name=${name}
      type=${type}
      ?required=${limits.required ?? true}
      min=${limits.min ?? nothing}
      max=${limits.max ?? nothing}
      maxlength=${limits.maxlength ?? nothing}
      .value=${value}
      aria-describedby=${describedBy}
      aria-invalid=${invalid}
    />`;
}

const positionWord = (ctx: GridContext, position: ShiftPosition) => ctx.i18n.term(`schedule.position.${position}`);

function peerOptions(ctx: EditorContext): TemplateResult {
  // Keyed: peers read again while a form is being filled (one added on the roster) must not move the choice made.
  return html`<option value="">${ctx.i18n.term('schedule.choose')}</option>
    ${repeat(
      ctx.peers,
      (peer) => peer.id,
      (peer) => html`<option value=${peer.id}>${peer.displayName}</option>`,
    )}`;
}

/** The override form: who covers which position of the area, from when to when (agency time). */
export function renderOverrideForm(ctx: EditorContext): TemplateResult {
  const t = ctx.i18n.term.bind(ctx.i18n);
  return html`<form part="override-form" class="editor" @submit=${ctx.onOverride} novalidate>
    <h3>${t('schedule.override.title')}</h3>
    ${field(
      ctx,
      'specialistId',
      t('schedule.override.who'),
      ({ id, describedBy, invalid }) =>
        html`<select id=${id} name="specialistId" required aria-describedby=${describedBy} aria-invalid=${invalid}>
          ${peerOptions(ctx)}
        </select>`,
    )}
    ${
      ctx.area
        ? html`<input type="hidden" name="area" .value=${ctx.area} />`
        : field(ctx, 'area', t('schedule.override.area'), input('area', 'text'))
    }
    ${field(
      ctx,
      'position',
      t('schedule.position'),
      ({ id, describedBy, invalid }) =>
        html`<select id=${id} name="position" aria-describedby=${describedBy} aria-invalid=${invalid}>
          ${shiftPositions.map((position) => html`<option value=${position}>${positionWord(ctx, position)}</option>`)}
        </select>`,
    )}
    ${field(ctx, 'startsAt', t('schedule.override.from'), input('startsAt', 'datetime-local'))}
    ${field(ctx, 'endsAt', t('schedule.override.to'), input('endsAt', 'datetime-local'))}
    ${field(
      ctx,
      'reason',
      t('schedule.override.reason'),
      input('reason', 'text', '', { maxlength: 200, required: false }),
    )}
    <button class="primary" part="save-override" ?disabled=${ctx.busy}>${t('schedule.override.save')}</button>
  </form>`;
}

function renderDraft(ctx: EditorContext, draft: RotationDraft): TemplateResult {
  const t = ctx.i18n.term.bind(ctx.i18n);
  const members = draft.members;
  return html`<div class="rotation-editor" part="rotation-editor">
    <h4>${t('schedule.rotation.members')}</h4>
    <ol class="members">
      ${members.map((id, index) => {
        const name = ctx.nameOf(id);
        return html`<li>
          <span>${name}</span>
          <button
            type="button"
            class="up"
            aria-label=${t('schedule.rotation.up', { name })}
            ?disabled=${index === 0}
            @click=${() => {
              ctx.onMove(index, -1);
            }}
          >
            ↑
          </button>
          <button
            type="button"
            class="down"
            aria-label=${t('schedule.rotation.down', { name })}
            ?disabled=${index === members.length - 1}
            @click=${() => {
              ctx.onMove(index, 1);
            }}
          >
            ↓
          </button>
          <button
            type="button"
            class="remove"
            aria-label=${t('schedule.rotation.remove', { name })}
            ?disabled=${members.length === 1}
            @click=${() => {
              ctx.onRemove(index);
            }}
          >
            ✕
          </button>
        </li>`;
      })}
    </ol>
    <form class="inline" @submit=${ctx.onAddMember}>
      <label for="rotation-add">${t('schedule.rotation.addMember')}</label>
      <select id="rotation-add" name="member">
        ${peerOptions(ctx)}
      </select>
      <button type="submit">${t('schedule.rotation.add')}</button>
    </form>
    <form class="editor" @submit=${ctx.onRotationSave} novalidate>
      ${field(
        ctx,
        'handoffTime',
        t('schedule.rotation.handoff'),
        input('handoffTime', 'time', draft.handoffTime),
        'rotation',
      )}
      ${field(
        ctx,
        'turnDays',
        t('schedule.rotation.turnDays'),
        input('turnDays', 'number', String(draft.turnDays), { min: 1, max: 28 }),
        'rotation',
      )}
      <span class="field-error">${ctx.errorAt('members') ?? ''}</span>
      <div class="actions">
        <button class="primary" part="save-rotation" ?disabled=${ctx.busy}>${t('schedule.rotation.save')}</button>
        <button type="button" @click=${ctx.onCancelEdit}>${t('common.cancel')}</button>
      </div>
    </form>
  </div>`;
}

/** The area's rotations, each with a button that opens it for change. */
export function renderRotations(ctx: EditorContext): TemplateResult {
  const t = ctx.i18n.term.bind(ctx.i18n);
  return html`<section part="rotations" class="rotations">
    <h3>${t('schedule.rotations.title')}</h3>
    ${ctx.rotations.length === 0 ? html`<p>${t('schedule.rotations.empty')}</p>` : nothing}
    <ul>
      ${ctx.rotations.map((rotation) => {
        const position = positionWord(ctx, rotation.position);
        return html`<li>
          <p>
            ${t('schedule.rotation.label', { position, members: rotation.members.map(ctx.nameOf).join(', ') })}
            <br />${t('schedule.rotation.turn', { days: rotation.turnDays, time: rotation.handoffTime })}
          </p>
          ${
            ctx.editing?.id === rotation.id
              ? renderDraft(ctx, ctx.editing)
              : html`<button
                type="button"
                part="edit-rotation"
                data-rotation=${rotation.id}
                @click=${() => {
                  ctx.onEdit(rotation);
                }}
              >
                ${t('schedule.rotation.edit', { position })}
              </button>`
          }
        </li>`;
      })}
    </ul>
  </section>`;
}

/**
 * Overrides added offline, waiting on this device to be sent: who, where and when (agency time), under a
 * heading that says they are not in the schedule yet. Nothing while none waits.
 */
export function renderQueued(ctx: GridContext, items: readonly OutboxItem[]): TemplateResult | typeof nothing {
  const overrides = items.flatMap((item) => {
    const body = z.safeParse(OverrideInput, item.body);
    return body.success ? [{ key: item.key, ...body.data }] : [];
  });
  if (overrides.length === 0) return nothing;
  const when = (at: string) =>
    ctx.i18n.date(at, {
      timeZone: ctx.timeZone,
      weekday: 'short',
      month: 'short',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
    });
  return html`<section part="queued" class="queued" aria-labelledby="queued-title">
    <h3 id="queued-title">${ctx.i18n.term('schedule.queued.title')}</h3>
    <p>${ctx.i18n.term('schedule.queued.note')}</p>
    <ul>
      ${overrides.map(
        (override) => html`<li>
          ${ctx.i18n.term('schedule.queued.item', {
            who: ctx.nameOf(override.specialistId),
            area: override.area,
            position: positionWord(ctx, override.position),
            from: when(override.startsAt),
            to: when(override.endsAt),
          })}
        </li>`,
      )}
    </ul>
  </section>`;
}
