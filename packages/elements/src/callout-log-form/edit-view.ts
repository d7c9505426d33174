// The log being written: the notices above the fields (errors to fix, the supervisor's comments,
// offline, a draft restored), every field by section through the field kit, the PII guard's
// findings beside the texts it checks, the note for the investigators, and Submit.
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { CalloutLog, CalloutReview, PiiFinding } from '@peerlink/sdk';
import {
  checkboxField,
  choicesField,
  fieldGroup,
  fieldLink,
  fieldWiring,
  inputField,
  selectField,
  textareaField,
  type FieldHost,
} from '../base/fields/field-kit.js';
import { fieldId, getIn, list, str } from '../base/fields/paths.js';
import type { LocalizeController } from '../base/localize.js';
import { actionButton } from './action-button.js';
import type { CalloutLogFormMessageKey } from './callout-log-form.messages.js';
import { TIME_FIELDS, contentPath, type Content, type GuardedField, type LogPath } from './callout-log-model.js';
import type { LogValidation } from './log-validation.js';
import type { PiiGuard } from './pii-guard.js';
import { logChoices, noteIcon } from './log-choices.js';

/** What the edit view shows and what it can do. */
export interface EditView {
  readonly i18n: LocalizeController<CalloutLogFormMessageKey>;
  /** The field kit's view of the log. */
  readonly fields: FieldHost<LogPath>;
  /** Where the fields are, for the links that focus them. */
  readonly root: ParentNode;
  readonly content: Content;
  readonly log?: CalloutLog;
  readonly validation: LogValidation;
  readonly guard: PiiGuard;
  /** The supervisor's latest return, when the log is back with the author. */
  readonly returned?: CalloutReview;
  readonly offline: boolean;
  /** When the draft the form opened with was saved. */
  readonly restoredFrom?: string;
  /** When the draft was last saved. */
  readonly savedAt?: string;
  readonly busy: boolean;
  readonly disabled: boolean;
  readonly onPicked: (event: Event) => void;
  addRow(path: 'peopleServed' | 'referralIds'): void;
  removeRow(path: 'peopleServed' | 'referralIds', index: number): void;
  redact(field: GuardedField, finding: PiiFinding): void;
  keepFinding(field: GuardedField, finding: PiiFinding): void;
  submit(): void;
}

function renderNotices(view: EditView): TemplateResult {
  const errors = view.validation.showAll ? view.validation.errors() : [];
  const returned = view.returned;
  const comments = returned?.fieldComments ?? [];
  const label = (path: string) => view.validation.label(path);
  const restored = view.restoredFrom;
  return html`${
    errors.length > 0
      ? html`<div part="error-summary" class="summary" role="alert" tabindex="-1" aria-labelledby="summary-heading">
          <h3 id="summary-heading">${view.i18n.term('log.errors', { count: errors.length })}</h3>
          <ul>
            ${errors.map((error) =>
              fieldLink(view.root, error.path, `${label(error.path)}: ${view.validation.messageOf(error)}`),
            )}
          </ul>
        </div>`
      : nothing
  }
    ${
      returned
        ? html`<div part="returned" class="returned">
          <p>${view.i18n.term('log.returned')}</p>
          ${returned.comment ? html`<p><strong>${view.i18n.term('log.supervisor')}</strong> ${returned.comment}</p>` : nothing}
          ${
            comments.length > 0
              ? html`<ul>
                ${comments.map((entry) => {
                  const path = contentPath(entry.path);
                  return fieldLink(view.root, path, `${label(path)}: ${entry.comment}`);
                })}
              </ul>`
              : nothing
          }
        </div>`
        : nothing
    }
    ${view.offline ? html`<p class="meta" role="status">${view.i18n.term('log.offline')}</p>` : nothing}
    ${
      restored
        ? html`<p part="restored" class="meta" role="status">
          ${view.i18n.term('log.restored', { time: view.i18n.date(restored, { dateStyle: 'medium', timeStyle: 'short' }) })}
        </p>`
        : nothing
    }`;
}

/** The log being written: notices, the fields by section, the PII guard and Submit. */
export function renderEdit(view: EditView): TemplateResult {
  const t = view.i18n;
  const kit = view.fields;
  const savedAt = view.savedAt;
  const choices = logChoices(t);
  return html`${renderNotices(view)}
    <fieldset class="form" ?disabled=${view.disabled} aria-labelledby="heading">
      ${fieldGroup(
        kit,
        'times',
        t.term('log.s.times'),
        TIME_FIELDS.map((field) =>
          inputField(kit, `times.${field}`, 'datetime-local', { required: field !== 'enteredSceneAt' }),
        ),
        t.term('log.s.timesHint'),
      )}
      ${fieldGroup(
        kit,
        'checkIn',
        t.term('log.s.checkIn'),
        [
          inputField(kit, 'checkIn.investigatorName', 'text', { required: true, max: 120 }),
          selectField(kit, 'checkIn.investigatorRole', choices.investigatorRole),
          inputField(kit, 'checkIn.agencyName', 'text', { required: true, max: 200 }),
        ],
        t.term('log.s.checkInHint'),
      )}
      ${selectField(kit, 'sceneType', choices.sceneType)} ${renderPeople(view)}
      ${fieldGroup(kit, 'services', t.term('log.s.services'), [
        choicesField(kit, 'services.support', t.term('log.f.services.support'), choices.support),
        fieldGroup(kit, 'services.harmReduction', t.term('log.s.harmReduction'), [
          inputField(kit, 'services.harmReduction.naloxoneAdministered', 'number', { required: true, min: 0, max: 20 }),
          inputField(kit, 'services.harmReduction.naloxoneLeftBehind', 'number', { required: true, min: 0, max: 50 }),
          inputField(kit, 'services.harmReduction.fentanylTestStrips', 'number', { required: true, min: 0, max: 500 }),
          checkboxField(kit, 'services.harmReduction.saferUseSupplies'),
        ]),
      ])}
      ${fieldGroup(kit, { section: 'referrals' }, t.term('log.s.referrals'), [
        html`<slot name="referrals" @change=${view.onPicked}>${renderReferralIds(view)}</slot>`,
      ])}
      ${fieldGroup(kit, 'transport', t.term('log.s.transport'), [
        selectField(kit, 'transport.kind', choices.transport),
        getIn(view.content, 'transport.kind') === 'none'
          ? nothing
          : selectField(kit, 'transport.destinationType', choices.destination, false),
        selectField(kit, 'outcome', choices.outcome),
      ])}
      ${fieldGroup(kit, 'followUp', t.term('log.s.followUp'), [
        checkboxField(kit, 'followUp.planned'),
        inputField(kit, 'followUp.date', 'date', {}),
        html`<div class="narrative">
          ${textareaField(kit, 'followUp.plan', { max: 1000, rows: 3 })} ${renderPii(view, 'followUp.plan')}
        </div>`,
      ])}
      ${fieldGroup(kit, { section: 'story' }, t.term('log.s.narrative'), [
        html`<div class="narrative">
          ${textareaField(kit, 'narrative', { max: 5000, rows: 8, hint: t.term('log.narrativeHint') })}
          ${renderPii(view, 'narrative')}
        </div>`,
        renderNote(view),
      ])}
    </fieldset>
    <div class="actions">
      ${actionButton(
        view,
        'submit',
        t.term(view.busy ? 'log.submitting' : 'log.submit'),
        () => {
          view.submit();
        },
        'primary',
      )}
      ${savedAt ? html`<span class="meta">${t.term('log.saved', { time: t.date(savedAt, { timeStyle: 'short' }) })}</span>` : nothing}
    </div>`;
}

function renderPeople(view: EditView): TemplateResult {
  const kit = view.fields;
  const choices = logChoices(view.i18n);
  const rows = list(getIn(view.content, 'peopleServed'));
  return fieldGroup(
    kit,
    'peopleServed',
    view.i18n.term('log.s.people'),
    [
      rows.length === 0 ? html`<p class="meta">${view.i18n.term('log.noPeople')}</p>` : nothing,
      rows.map((_, index) => {
        const n = index + 1;
        return html`<fieldset class="row">
          <legend>${view.i18n.term('log.row', { n })}</legend>
          ${selectField(kit, `peopleServed.${index}.role`, choices.role)}
          ${selectField(kit, `peopleServed.${index}.ageBand`, choices.ageBand)}
          ${inputField(kit, `peopleServed.${index}.count`, 'number', { required: true, min: 1, max: 100 })}
          <button type="button" class="remove" @click=${() => {
            view.removeRow('peopleServed', index);
          }}>
            ${view.i18n.term('log.removeRow', { n })}
          </button>
        </fieldset>`;
      }),
      html`<button type="button" id="${fieldId('peopleServed')}-add" @click=${() => {
        view.addRow('peopleServed');
      }}>
        ${view.i18n.term('log.addRow')}
      </button>`,
    ],
    view.i18n.term('log.s.peopleHint'),
  );
}

function renderReferralIds(view: EditView): TemplateResult {
  const ids = list(getIn(view.content, 'referralIds'));
  return html`<div id=${fieldId('referralIds')} class="referrals">
    ${ids.map(
      (_, index) => html`<div class="row-inline">
        ${inputField(view.fields, `referralIds.${index}`, 'text', { required: true, max: 36 })}
        <button type="button" class="remove" @click=${() => {
          view.removeRow('referralIds', index);
        }}>
          ${view.i18n.term('log.removeReferral', { n: index + 1 })}
        </button>
      </div>`,
    )}
    <button type="button" id="${fieldId('referralIds')}-add" @click=${() => {
      view.addRow('referralIds');
    }}>
      ${view.i18n.term('log.addReferral')}
    </button>
  </div>`;
}

/** What the PII guard found in a field, each with Redact and Keep. */
function renderPii(view: EditView, field: GuardedField): TemplateResult {
  const findings = view.guard.findings(field);
  const open = findings.filter((finding) => !view.guard.isKept(field, finding)).length;
  // The narrative always shows its check; other checked fields only when something is found.
  if (findings.length === 0 && field !== 'narrative') return html``;
  const t = view.i18n;
  return html`<div part="pii" class="pii" id="${fieldId(field)}-pii">
    <p class="pii-heading" role="status">
      <strong>${t.term('log.pii.heading')}</strong> ${findings.length === 0 ? t.term('log.pii.clear') : `(${t.number(open)})`}
    </p>
    <ul>
      ${findings.map((finding, index) => {
        const kept = view.guard.isKept(field, finding);
        const id = `${fieldId(field)}-pii-${String(index)}`;
        return html`<li class=${kept ? 'kept' : ''}>
          <span id=${id}>${t.term(`log.pii.${finding.kind}`)}: “${finding.text}”${kept ? html` — ${t.term('log.pii.kept')}` : nothing}</span>
          <span class="pii-actions">
            <button type="button" data-redact aria-describedby=${id} @click=${() => {
              view.redact(field, finding);
            }}>
              ${t.term('log.pii.redact')}
            </button>
            ${
              kept
                ? nothing
                : html`<button type="button" aria-describedby=${id} @click=${() => {
                    view.keepFinding(field, finding);
                  }}>
                  ${t.term('log.pii.keep')}
                </button>`
            }
          </span>
        </li>`;
      })}
    </ul>
  </div>`;
}

/** The note for the lead investigators, set apart from the narrative. */
function renderNote(view: EditView): TemplateResult {
  // After the first submit the author no longer reads the note; what they write replaces it.
  const sent = Boolean(view.log?.submittedAt) && getIn(view.content, 'investigatorNote') === undefined;
  const w = fieldWiring(view.fields, 'investigatorNote', sent ? view.i18n.term('log.noteSent') : undefined);
  return html`<div part="investigator-note" class="note">
    <p class="note-mark" id="note-mark">
      <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">${noteIcon}</svg>
      <span><strong>${view.i18n.term('log.noteTitle')}.</strong> ${view.i18n.term('log.noteMark')}</span>
    </p>
    ${w.before}
    <textarea
      id=${w.id}
      data-path="investigatorNote"
      rows="4"
      maxlength="2000"
      .value=${live(str(getIn(view.content, 'investigatorNote')))}
      aria-invalid=${w.invalid}
      aria-describedby=${`note-mark ${w.describedBy}`}
    ></textarea>
    ${w.after}
  </div>`;
}
