// How the roster reads: a peer's row, the add/edit form and the CSV import with its dry-run report.
import { html, nothing, type TemplateResult } from 'lit';
import { SpecialistRole, type RosterImportReport, type Specialist } from '@peerlink/sdk';
import type { LocalizeController } from '../base/localize.js';
import { CREDENTIAL_TONES } from '../base/tones.js';
import type { RosterMessageKey } from './roster.messages.js';
import { daysUntil, type ImportProblem, type RosterEntry } from './roster-model.js';

type I18n = LocalizeController<RosterMessageKey>;

/** Where the CSV import is. */
export type ImportState =
  | { readonly phase: 'idle' }
  | { readonly phase: 'checking' }
  | { readonly phase: 'refused'; readonly problems: readonly ImportProblem[] }
  | { readonly phase: 'ready'; readonly csv: string; readonly report: RosterImportReport }
  | { readonly phase: 'running'; readonly csv: string }
  | { readonly phase: 'done'; readonly report: RosterImportReport };

export interface RowActions {
  readonly onEdit: (peer: Specialist) => void;
  readonly onActive: (peer: Specialist, active: boolean) => void;
  /** The buttons are disabled: a write is running, or the roster itself is disabled. */
  readonly disabled: boolean;
}

function credentialText(i18n: I18n, entry: RosterEntry, now: number): string {
  const credential = entry.credential;
  if (!credential) return i18n.term('roster.credential.none');
  if (credential.status === 'expiring' && credential.expiresOn)
    return i18n.term('roster.credential.expiring', { days: Math.max(0, daysUntil(credential.expiresOn, now)) });
  return i18n.term(`roster.credential.${credential.status}`);
}

/** One peer: name, state, on call now, credential standing, languages and roles, and the row's actions. */
export function renderRow(i18n: I18n, entry: RosterEntry, actions: RowActions, now: number): TemplateResult {
  const { peer } = entry;
  const name = peer.displayName;
  const tone = entry.credential ? CREDENTIAL_TONES[entry.credential.status] : 'neutral';
  return html`<div part="peer" class="peer ${peer.active ? '' : 'inactive'}" role="listitem">
    <div class="identity">
      <span class="name">${name}</span>
      <span class="state">${i18n.term(peer.active ? 'roster.active' : 'roster.inactive')}</span>
      ${
        entry.onCall.length > 0
          ? html`<strong class="on-call" part="on-call">
            ${i18n.term('roster.onCall', {
              where: entry.onCall
                .map((slot) =>
                  i18n.term('roster.onCallSlot', {
                    area: slot.area,
                    position: i18n.term(`roster.position.${slot.position}`),
                  }),
                )
                .join(', '),
            })}
          </strong>`
          : nothing
      }
    </div>
    <div class="facts">
      <span part="credential" class="credential tone-${tone}">${credentialText(i18n, entry, now)}</span>
      <span>${i18n.term('roster.languages', { list: peer.languages.join(', ') })}</span>
      <span>${peer.roles.map((role) => i18n.term(`roster.role.${role}`)).join(', ')}</span>
    </div>
    <div class="row-actions">
      <button
        type="button"
        part="edit"
        ?disabled=${actions.disabled}
        @click=${() => {
          actions.onEdit(peer);
        }}
      >
        ${i18n.term('roster.edit', { name })}
      </button>
      <button
        type="button"
        part=${peer.active ? 'deactivate' : 'reactivate'}
        ?disabled=${actions.disabled}
        @click=${() => {
          actions.onActive(peer, !peer.active);
        }}
      >
        ${i18n.term(peer.active ? 'roster.deactivate' : 'roster.reactivate', { name })}
      </button>
    </div>
  </div>`;
}

/** Paths of the peer form, as the service names them in a refusal. */
export type PeerField = 'displayName' | 'roles' | 'languages' | 'contacts' | 'areas';

/** The add/edit form of a peer and their contacts. */
export function renderPeerForm(
  i18n: I18n,
  peer: Specialist | undefined,
  errorAt: (field: PeerField) => string | undefined,
  disabled: boolean,
  onSubmit: (event: SubmitEvent) => void,
  onCancel: () => void,
): TemplateResult {
  const contact = (kind: 'sms' | 'email') => peer?.contacts?.find((found) => found.kind === kind)?.address ?? '';
  const field = (name: PeerField, label: string, control: TemplateResult) => html`<div class="field">
    <label for=${`peer-${name}`}>${label}</label>
    ${control}
    <span class="field-error" id=${`peer-${name}-error`}>${errorAt(name) ?? ''}</span>
  </div>`;
  const invalid = (name: PeerField) => (errorAt(name) === undefined ? 'false' : 'true');
  return html`<form part="peer-form" class="peer-form" @submit=${onSubmit} novalidate>
    <h3 tabindex="-1">
      ${peer ? i18n.term('roster.form.editTitle', { name: peer.displayName }) : i18n.term('roster.form.addTitle')}
    </h3>
    ${field(
      'displayName',
      i18n.term('roster.form.name'),
      html`<input
        id="peer-displayName"
        name="displayName"
        required
        maxlength="80"
        .value=${peer?.displayName ?? ''}
        aria-invalid=${invalid('displayName')}
        aria-describedby="peer-displayName-error"
      />`,
    )}
    <fieldset aria-describedby="peer-roles-error">
      <legend>${i18n.term('roster.form.roles')}</legend>
      ${SpecialistRole.options.map(
        (role) =>
          html`<label class="check"
            ><input
              type="checkbox"
              name="roles"
              value=${role}
              .checked=${peer ? peer.roles.includes(role) : role === 'crisis-interventionist'}
            />
            ${i18n.term(`roster.role.${role}`)}</label
          >`,
      )}
      <span class="field-error" id="peer-roles-error">${errorAt('roles') ?? ''}</span>
    </fieldset>
    ${field(
      'languages',
      i18n.term('roster.form.languages'),
      html`<input
        id="peer-languages"
        name="languages"
        .value=${(peer?.languages ?? ['en']).join(', ')}
        aria-invalid=${invalid('languages')}
        aria-describedby="peer-languages-error"
      />`,
    )}
    ${field(
      'contacts',
      i18n.term('roster.form.sms'),
      html`<input
        id="peer-contacts"
        name="sms"
        type="tel"
        autocomplete="off"
        .value=${contact('sms')}
        aria-invalid=${invalid('contacts')}
        aria-describedby="peer-contacts-error"
      />`,
    )}
    <div class="field">
      <label for="peer-email">${i18n.term('roster.form.email')}</label>
      <input id="peer-email" name="email" type="email" autocomplete="off" .value=${contact('email')} />
    </div>
    ${field(
      'areas',
      i18n.term('roster.form.areas'),
      html`<input
        id="peer-areas"
        name="areas"
        .value=${(peer?.areas ?? []).join(', ')}
        aria-invalid=${invalid('areas')}
        aria-describedby="peer-areas-error"
      />`,
    )}
    <div class="actions">
      <button class="primary" part="save-peer" ?disabled=${disabled}>${i18n.term('roster.form.save')}</button>
      <button type="button" @click=${onCancel}>${i18n.term('common.cancel')}</button>
    </div>
  </form>`;
}

export interface ImportActions {
  readonly onCheck: (event: SubmitEvent) => void;
  readonly onRun: () => void;
  /** The roster itself is disabled: nothing can be checked or imported. */
  readonly disabled: boolean;
}

function renderReport(i18n: I18n, report: RosterImportReport): TemplateResult {
  return html`<ul class="report-lines">
    ${report.lines.map(
      (line) =>
        html`<li>
          ${i18n.term('roster.import.line')} ${line.line}: ${line.displayName} —
          ${i18n.term(`roster.import.outcome.${line.outcome}`)}
        </li>`,
    )}
  </ul>`;
}

/** The CSV import: choose a file, the dry run's report (line by line), then the import with its progress bar. */
export function renderImport(i18n: I18n, state: ImportState, actions: ImportActions): TemplateResult {
  const counts = (report: RosterImportReport) => ({
    created: report.created,
    updated: report.updated,
    unchanged: report.unchanged,
  });
  let outcome: TemplateResult | typeof nothing = nothing;
  if (state.phase === 'checking') outcome = html`<p>${i18n.term('roster.import.checking')}</p>`;
  else if (state.phase === 'refused')
    outcome = html`<p class="error">${i18n.term('roster.import.failed', { count: state.problems.length })}</p>
      <table part="import-errors">
        <thead>
          <tr>
            <th scope="col">${i18n.term('roster.import.line')}</th>
            <th scope="col">${i18n.term('roster.import.column')}</th>
            <th scope="col">${i18n.term('roster.import.message')}</th>
          </tr>
        </thead>
        <tbody>
          ${state.problems.map(
            (problem) =>
              html`<tr>
                <td>${problem.line}</td>
                <td>${problem.column ?? ''}</td>
                <td>${problem.message}</td>
              </tr>`,
          )}
        </tbody>
      </table>`;
  else if (state.phase === 'ready')
    outcome = html`<p>${i18n.term('roster.import.ready', counts(state.report))}</p>
      ${renderReport(i18n, state.report)}
      <button type="button" class="primary" part="run-import" ?disabled=${actions.disabled} @click=${actions.onRun}>
        ${i18n.term('roster.import.run', { count: state.report.lines.length })}
      </button>`;
  else if (state.phase === 'running')
    outcome = html`<label for="import-progress">${i18n.term('roster.import.running')}</label>
      <progress id="import-progress" part="progress"></progress>`;
  else if (state.phase === 'done') outcome = html`<p>${i18n.term('roster.import.done', counts(state.report))}</p>`;
  const busy = state.phase === 'checking' || state.phase === 'running' || actions.disabled;
  return html`<section part="import" class="import">
    <h3>${i18n.term('roster.import.title')}</h3>
    <form class="inline" @submit=${actions.onCheck}>
      <label for="roster-file">${i18n.term('roster.import.file')}</label>
      <input id="roster-file" name="file" type="file" accept=".csv,text/csv" required />
      <button type="submit" part="check-import" ?disabled=${busy}>${i18n.term('roster.import.check')}</button>
    </form>
    <div class="import-outcome" aria-live="polite">${outcome}</div>
  </section>`;
}
