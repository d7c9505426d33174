// The log read-only (a supervisor's review, an investigator's view, the author's submitted log):
// each field as a term and its value, the note for the investigators, the review history and, for
// a supervisor, comments on fields and the decision.
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { CalloutLog } from '@peerlink/sdk';
import type { Choice } from '../base/fields/field-kit.js';
import { labelledField } from '../base/fields/labelled-field.js';
import { fieldId, getIn, list, oneOf, str } from '../base/fields/paths.js';
import type { LocalizeController } from '../base/localize.js';
import { actionButton } from './action-button.js';
import type { ReviewDecision } from './callout-log-client.js';
import type { CalloutLogFormMessageKey } from './callout-log-form.messages.js';
import { TIME_FIELDS, contentPath, type Content, type LogPath } from './callout-log-model.js';
import { logChoices, noteIcon } from './log-choices.js';
import type { ReviewComments } from './review-comments.js';

/** What the read-only view shows and what it can do. */
export interface ReadView {
  readonly i18n: LocalizeController<CalloutLogFormMessageKey>;
  readonly content: Content;
  readonly log?: CalloutLog;
  /** A supervisor reviews the log: comments on fields, Approve and Return. */
  readonly reviewing: boolean;
  readonly busy: boolean;
  readonly disabled: boolean;
  readonly comments: ReviewComments;
  label(path: string): string;
  review(decision: ReviewDecision): void;
}

/** A log's field values as they read: times, words for codes, lists. */
function formatter(view: ReadView) {
  const { i18n } = view;
  const at = (value: unknown) =>
    typeof value === 'string' ? i18n.date(value, { dateStyle: 'medium', timeStyle: 'short' }) : '—';
  const word = <O extends string>({ options, word }: Choice<O>, value: unknown) =>
    oneOf(options, value) ? word(value) : typeof value === 'string' ? value : '—';
  const items = (values: unknown[]) =>
    values.length > 0 ? html`<ul>${values.map((value) => html`<li>${value}</li>`)}</ul>` : i18n.term('log.none');
  return { at, word, items };
}

/** The rows of the read-only view: a field (or group) and its value as it reads. */
function readRows(view: ReadView): [LogPath, unknown][] {
  const { i18n, content } = view;
  const { at, word, items } = formatter(view);
  const choices = logChoices(i18n);
  const get = (path: LogPath) => getIn(content, path);
  const role = (value: unknown) => word(choices.investigatorRole, value);
  const harm = ['naloxoneAdministered', 'naloxoneLeftBehind', 'fentanylTestStrips'] as const;
  const supplies = get('services.harmReduction.saferUseSupplies') === true ? 'log.yes' : 'log.no';
  const people = list(get('peopleServed')).map((row) => {
    const who = word(choices.role, getIn(row, 'role'));
    const age = word(choices.ageBand, getIn(row, 'ageBand'));
    return `${str(getIn(row, 'count'))} × ${who}, ${age}`;
  });
  const destination = get('transport.destinationType');
  const followUp = () => {
    const date = get('followUp.date');
    const when = typeof date === 'string' ? i18n.date(`${date}T12:00:00`, { dateStyle: 'medium' }) : '';
    return [when, str(get('followUp.plan'))].filter(Boolean).join(' · ') || i18n.term('log.yes');
  };
  return [
    ...TIME_FIELDS.map((field): [LogPath, unknown] => [`times.${field}`, at(get(`times.${field}`))]),
    [
      'checkIn',
      [
        str(get('checkIn.investigatorName')),
        role(get('checkIn.investigatorRole')),
        str(get('checkIn.agencyName')),
      ].join(' · '),
    ],
    ['sceneType', word(choices.sceneType, get('sceneType'))],
    ['peopleServed', items(people)],
    ['services.support', items(list(get('services.support')).map((value) => word(choices.support, value)))],
    [
      'services.harmReduction',
      items([
        ...harm.map(
          (field) => `${view.label(`services.harmReduction.${field}`)}: ${str(get(`services.harmReduction.${field}`))}`,
        ),
        `${view.label('services.harmReduction.saferUseSupplies')}: ${i18n.term(supplies)}`,
      ]),
    ],
    ['referralIds', items(list(get('referralIds')))],
    [
      'transport',
      [word(choices.transport, get('transport.kind')), destination ? word(choices.destination, destination) : '']
        .filter(Boolean)
        .join(' · '),
    ],
    ['outcome', word(choices.outcome, get('outcome'))],
    ['followUp', get('followUp.planned') === true ? followUp() : i18n.term('log.no')],
    ['narrative', html`<span class="prose">${str(get('narrative')) || '—'}</span>`],
  ];
}

/** A supervisor's comment box on a field, behind its Comment button. */
function renderFieldComment(view: ReadView, path: LogPath): TemplateResult {
  const { i18n, comments } = view;
  const id = fieldId(path);
  const open = comments.open.has(path);
  return html`<button
      type="button"
      class="link"
      aria-expanded=${open ? 'true' : 'false'}
      aria-describedby="${id}-term"
      @click=${() => {
        comments.toggle(path);
      }}
    >
      ${i18n.term('log.addComment')}
    </button>
    ${
      open
        ? html`<label for="${id}-comment">${i18n.term('log.commentOn', { field: view.label(path) })}</label>
          <textarea
            id="${id}-comment"
            rows="2"
            maxlength="1000"
            .value=${live(comments.onFields[path] ?? '')}
            @input=${(event: Event) => {
              if (event.target instanceof HTMLTextAreaElement) comments.writeOn(path, event.target.value);
            }}
          ></textarea>`
        : nothing
    }`;
}

/** The log read-only; with the supervisor's comments and decision when reviewing. */
export function renderRead(view: ReadView): TemplateResult {
  const { i18n } = view;
  const note = str(getIn(view.content, 'investigatorNote'));
  return html`<dl class="read">
      ${readRows(view).map(([path, value]) => {
        return html`<div class="read-row">
          <dt id="${fieldId(path)}-term">${view.label(path)}</dt>
          <dd>${value} ${view.reviewing ? renderFieldComment(view, path) : nothing}</dd>
        </div>`;
      })}
    </dl>
    ${
      note
        ? html`<div part="investigator-note" class="note">
          <p class="note-mark">
            <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">${noteIcon}</svg>
            <strong>${i18n.term('log.noteTitle')}</strong>
          </p>
          <p class="prose">${note}</p>
        </div>`
        : nothing
    }
    ${renderHistory(view)} ${view.reviewing ? renderReview(view) : nothing}`;
}

function renderHistory(view: ReadView): TemplateResult | typeof nothing {
  const { i18n } = view;
  const reviews = view.log?.reviews ?? [];
  if (reviews.length === 0) return nothing;
  return html`<section class="history" aria-labelledby="history-heading">
    <h3 id="history-heading">${i18n.term('log.history')}</h3>
    <ol>
      ${reviews.map(
        (review) => html`<li>
          ${i18n.term(`log.review.${review.decision}`, {
            time: i18n.date(review.at, { dateStyle: 'medium', timeStyle: 'short' }),
          })}
          ${review.comment ? html`<p class="prose">${review.comment}</p>` : nothing}
          ${
            review.fieldComments?.length
              ? html`<ul>
                ${review.fieldComments.map((entry) => html`<li>${view.label(contentPath(entry.path))}: ${entry.comment}</li>`)}
              </ul>`
              : nothing
          }
        </li>`,
      )}
    </ol>
  </section>`;
}

function renderReview(view: ReadView): TemplateResult {
  const { i18n, comments } = view;
  return html`<div class="review">
    ${labelledField(
      'review-comment',
      i18n.term('log.comment'),
      html`<textarea
          id="review-comment"
          rows="3"
          maxlength="2000"
          .value=${live(comments.comment)}
          aria-invalid=${comments.missing ? 'true' : 'false'}
          aria-describedby="review-comment-error"
          @input=${(event: Event) => {
            if (event.target instanceof HTMLTextAreaElement) comments.write(event.target.value);
          }}
        ></textarea>
        <span class="field-error" id="review-comment-error">${comments.missing ? i18n.term('log.error.comment') : ''}</span>`,
    )}
    <div class="actions">
      ${actionButton(
        view,
        'approve',
        i18n.term('log.approve'),
        () => {
          view.review('approve');
        },
        'primary',
      )}
      ${actionButton(view, 'return', i18n.term('log.return'), () => {
        view.review('return');
      })}
    </div>
  </div>`;
}
