// Quick capacity updates: find a resource, set its open beds and slots and whether it takes new clients.
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { CapacityUpdate, Resource } from '@peerlink/sdk';
import { renderFailure } from '../base/failure.js';
import { labelledField } from '../base/fields/labelled-field.js';
import { LatestRun } from '../base/latest-run.js';
import type { LocalizeController } from '../base/localize.js';
import type { DirectoryImportClient } from './directory-import-client.js';
import type { DirectoryImportMessageKey } from './directory-import.messages.js';

type I18n = LocalizeController<DirectoryImportMessageKey>;

export interface CapacityPanelOptions {
  api(): DirectoryImportClient | undefined;
  saved(resource: Resource): void;
  failed(error: unknown): void;
}

/** A call that failed, as Retry makes it again: the search for what is typed, or one resource's save. */
type FailedCall =
  | { readonly call: 'search'; readonly error: unknown }
  | { readonly call: 'save'; readonly error: unknown; readonly resource: Resource; readonly body: CapacityUpdate };

const RESULTS = 8;
const TIME: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit' };

/** A count typed in a number field: a whole number from 0, or `null` when left empty. */
const countOf = (value: string): number | null => {
  const trimmed = value.trim();
  if (trimmed === '') return null;
  const number = Number(trimmed);
  return Number.isInteger(number) && number >= 0 ? number : null;
};

export class CapacityPanel implements ReactiveController {
  query = '';
  results?: readonly Resource[];
  searching = false;
  selected?: Resource;
  beds = '';
  slots = '';
  accepting = true;
  saving = false;
  savedAt?: string;
  failed?: FailedCall;
  private readonly runs = new LatestRun();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: CapacityPanelOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    // Nothing to open: searches start from input.
  }

  async search(query: string): Promise<void> {
    this.query = query;
    const api = this.options.api();
    const run = this.runs.start();
    if (!api || query.trim() === '') {
      this.results = undefined;
      this.searching = false;
      this.host.requestUpdate();
      return;
    }
    this.searching = true;
    this.host.requestUpdate();
    try {
      const found = await api.resources.search({ q: query, limit: RESULTS }, { signal: run.signal });
      if (run.stale) return;
      this.results = found.items.map((hit) => hit.resource);
      if (this.failed?.call === 'search') this.failed = undefined;
    } catch (error) {
      if (run.stale) return;
      this.failed = { call: 'search', error };
      this.options.failed(error);
    }
    this.searching = false;
    this.host.requestUpdate();
  }

  pick(resource: Resource): void {
    this.selected = resource;
    this.beds = resource.capacity?.openBeds === undefined ? '' : String(resource.capacity.openBeds);
    this.slots = resource.capacity?.openSlots === undefined ? '' : String(resource.capacity.openSlots);
    this.accepting = resource.capacity?.acceptingNewClients ?? true;
    this.savedAt = undefined;
    this.host.requestUpdate();
  }

  /** Saves the form's numbers as the chosen resource's capacity. */
  async save(): Promise<void> {
    const resource = this.selected;
    if (!resource) return;
    await this.send(resource, {
      openBeds: countOf(this.beds),
      openSlots: countOf(this.slots),
      acceptingNewClients: this.accepting,
    });
  }

  private async send(resource: Resource, body: CapacityUpdate): Promise<void> {
    const api = this.options.api();
    if (!api || this.saving) return;
    this.saving = true;
    if (this.failed?.call === 'save') this.failed = undefined;
    this.host.requestUpdate();
    try {
      const saved = await api.directory.updateCapacity(resource.id, body);
      this.results = this.results?.map((each) => (each.id === saved.id ? saved : each));
      // Another resource chosen meanwhile keeps the form: its numbers are not this one's.
      if (this.selected?.id === saved.id) {
        this.selected = saved;
        this.savedAt = saved.capacity?.updatedAt ?? new Date().toISOString();
      }
      this.options.saved(saved);
    } catch (error) {
      this.failed = { call: 'save', error, resource, body };
      this.options.failed(error);
    }
    this.saving = false;
    this.host.requestUpdate();
  }

  private renderResult(i18n: I18n, resource: Resource): TemplateResult {
    const available = resource.capacity?.available;
    return html`<li>
      <button
        type="button"
        part="resource"
        aria-pressed=${this.selected?.id === resource.id ? 'true' : 'false'}
        @click=${() => {
          this.pick(resource);
        }}
      >
        <span class="name">${resource.name}</span>
        <span class="muted"
          >${
            available === null || available === undefined
              ? i18n.term('dir.capacity.unknown')
              : i18n.term('dir.capacity.current', { available })
          }</span
        >
      </button>
    </li>`;
  }

  private renderForm(i18n: I18n, resource: Resource): TemplateResult {
    const number = (id: string, label: DirectoryImportMessageKey, value: string, set: (value: string) => void) =>
      html`<div class="field">
        <label for=${id}>${i18n.term(label)}</label>
        <input
          id=${id}
          type="number"
          min="0"
          step="1"
          inputmode="numeric"
          .value=${value}
          @input=${(event: Event) => {
            set((event.target as HTMLInputElement).value);
          }}
        />
      </div>`;
    const available = this.selected?.capacity?.available ?? 0;
    return html`<form
      part="capacity-form"
      class="capacity-form"
      aria-label=${i18n.term('dir.capacity.for', { name: resource.name })}
      @submit=${(event: Event) => {
        event.preventDefault();
        void this.save();
      }}
    >
      <p class="title">${i18n.term('dir.capacity.for', { name: resource.name })}</p>
      ${number('capacity-beds', 'dir.capacity.beds', this.beds, (value) => {
        this.beds = value;
      })}
      ${number('capacity-slots', 'dir.capacity.slots', this.slots, (value) => {
        this.slots = value;
      })}
      <div class="field check">
        <input
          id="capacity-accepting"
          type="checkbox"
          .checked=${this.accepting}
          @change=${(event: Event) => {
            this.accepting = (event.target as HTMLInputElement).checked;
          }}
        />
        <label for="capacity-accepting">${i18n.term('dir.capacity.accepting')}</label>
      </div>
      <div>
        <button type="submit" class="primary" part="save-capacity" aria-disabled=${this.saving ? 'true' : 'false'}>
          ${i18n.term(this.saving ? 'dir.capacity.saving' : 'dir.capacity.save')}
        </button>
      </div>
      <p part="capacity-status" role="status">
        ${this.savedAt ? i18n.term('dir.capacity.saved', { time: i18n.date(this.savedAt, TIME), available }) : nothing}
      </p>
    </form>`;
  }

  private renderFailed(i18n: I18n, failed: FailedCall): TemplateResult {
    return renderFailure(i18n, failed.error, () => {
      void (failed.call === 'search' ? this.search(this.query) : this.send(failed.resource, failed.body));
    });
  }

  render(i18n: I18n): TemplateResult {
    return html`<section part="capacity" class="panel" aria-labelledby="capacity-heading">
      <h3 id="capacity-heading">${i18n.term('dir.capacity.heading')}</h3>
      ${labelledField(
        'capacity-search',
        i18n.term('dir.capacity.search'),
        html`<input
          id="capacity-search"
          part="resource-search"
          type="search"
          autocomplete="off"
          .value=${this.query}
          @input=${(event: Event) => void this.search((event.target as HTMLInputElement).value)}
        />`,
      )}
      ${this.searching ? html`<p class="muted" role="status">${i18n.term('dir.capacity.searching')}</p>` : nothing}
      ${
        this.results && !this.searching
          ? this.results.length === 0
            ? html`<p class="muted" role="status">${i18n.term('dir.capacity.none')}</p>`
            : html`<ul part="resources" class="results" aria-label=${i18n.term('dir.capacity.results')}>
                ${this.results.map((resource) => this.renderResult(i18n, resource))}
              </ul>`
          : nothing
      }
      ${this.selected ? this.renderForm(i18n, this.selected) : nothing}
      ${this.failed ? this.renderFailed(i18n, this.failed) : nothing}
    </section>`;
  }
}
