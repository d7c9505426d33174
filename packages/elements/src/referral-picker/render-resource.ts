// A resource as the picker shows it: a row of the results, and the details of the one chosen.
import { html, nothing, type TemplateResult } from 'lit';
import type { ResourceHit, Schedule } from '@peerlink/sdk';
import {
  capacityAge,
  capacityText,
  daysText,
  feesText,
  isWebUrl,
  km,
  languageName,
  timeOfDay,
  zoneName,
  type PickerI18n,
} from './format.js';
import { icon } from './icons.js';
import type { ReferralPickerMessageKey } from './referral-picker.messages.js';

/** Row `index` of `total` in the results; a placeholder until its page is loaded. */
export function renderOption(
  i18n: PickerI18n,
  hit: ResourceHit | null,
  index: number,
  total: number,
  active: boolean,
  now: Date,
): TemplateResult {
  const selected = active ? 'true' : 'false';
  if (!hit) {
    return html`<div role="option" id="opt-${String(index)}" class="option placeholder" aria-selected=${selected}
      aria-setsize=${total} aria-posinset=${index + 1}>${i18n.term('picker.loadingRow')}</div>`;
  }
  const { resource } = hit;
  return html`<div
    role="option"
    part="option"
    id="opt-${String(index)}"
    class="option"
    data-index=${index}
    aria-selected=${selected}
    aria-setsize=${total}
    aria-posinset=${index + 1}
  >
    <div class="name">${resource.name}</div>
    <div class="facts">
      <span>${resource.categories.map((code) => i18n.term(`picker.category.${code}`)).join(' · ')}</span>
    </div>
    <div class="facts">${renderFacts(i18n, hit, now)}</div>
  </div>`;
}

/**
 * Distance, open or closed, languages, Medicaid, openings and how old they are (as of `now`):
 * what decides a referral at a glance.
 */
export function renderFacts(i18n: PickerI18n, hit: ResourceHit, now: Date): TemplateResult {
  const { resource } = hit;
  const available = resource.capacity?.available;
  const updatedAt = resource.capacity?.updatedAt;
  const age = updatedAt ? capacityAge(i18n, updatedAt, now) : undefined;
  const languages = resource.languages.map((tag) => languageName(i18n, tag)).join(', ');
  return html`${
    hit.distanceKm === null
      ? nothing
      : html`<span class="fact">${i18n.term('picker.away', { distance: km(i18n, hit.distanceKm) })}</span>`
  }
    ${
      hit.openNow === null
        ? nothing
        : html`<span class="fact ${hit.openNow ? 'open' : ''}"
          >${icon(hit.openNow ? 'check' : 'clock')}${i18n.term(hit.openNow ? 'picker.open' : 'picker.closed')}</span
        >`
    }
    ${
      resource.languages.length > 0
        ? html`<span class="fact">${i18n.term('picker.languages', { list: languages })}</span>`
        : nothing
    }
    <span class="fact">${i18n.term(resource.fees.acceptsMedicaid ? 'picker.medicaid' : 'picker.noMedicaid')}</span>
    ${
      available === undefined || available === null
        ? nothing
        : html`<span class="fact capacity"
          >${available > 0 ? i18n.term('picker.openings', { count: available }) : i18n.term('picker.full')}${
            age
              ? html` · <time class=${age.stale ? 'age stale' : 'age'} datetime=${updatedAt ?? ''} title=${age.exact}
                    >${age.text}</time
                  >`
              : nothing
          }</span
        >`
    }`;
}

/** What the details panel shows, and its two buttons. */
export interface DetailView {
  readonly i18n: PickerI18n;
  /** Whether "Refer…" can work: there is a client to refer with. */
  readonly canRefer: boolean;
  /** The moment the time zone is named at. */
  readonly now: Date;
  refer(): void;
  back(): void;
}

/** The chosen resource's details, with "Refer…" and "Back to results". */
export function renderDetail(view: DetailView, hit: ResourceHit): TemplateResult {
  const { i18n, canRefer } = view;
  const { resource } = hit;
  const address = resource.location.address;
  const none = i18n.term('picker.none');
  const row = (key: ReferralPickerMessageKey, value: unknown) =>
    html`<div><dt>${i18n.term(key)}</dt><dd>${value}</dd></div>`;
  const phone = resource.phone;
  const url = resource.url && isWebUrl(resource.url) ? resource.url : undefined;
  return html`<section part="detail" class="panel" aria-labelledby="detail-heading">
    <h3 id="detail-heading" tabindex="-1">${resource.name}</h3>
    <div class="actions">
      <button
        type="button"
        part="refer"
        class="primary"
        aria-disabled=${canRefer ? nothing : 'true'}
        aria-describedby=${canRefer ? nothing : 'refer-hint'}
        @click=${() => {
          view.refer();
        }}
      >
        ${i18n.term('picker.refer')}
      </button>
      <button
        type="button"
        @click=${() => {
          view.back();
        }}
      >
        ${i18n.term('picker.back')}
      </button>
      ${canRefer ? nothing : html`<span class="hint" id="refer-hint">${i18n.term('picker.referNeedsClient')}</span>`}
    </div>
    <div class="facts">${renderFacts(i18n, hit, view.now)}</div>
    ${resource.description ? html`<p>${resource.description}</p>` : nothing}
    <dl class="details">
      ${row('picker.d.organization', resource.organization.name)}
      ${row('picker.d.services', resource.categories.map((code) => i18n.term(`picker.category.${code}`)).join(', '))}
      ${
        address
          ? row('picker.d.address', `${address.street}, ${address.city}, ${address.region} ${address.postalCode}`)
          : nothing
      }
      ${phone ? row('picker.d.phone', html`<a href="tel:${phone.replace(/[^\d+]/g, '')}">${phone}</a>`) : nothing}
      ${
        url
          ? row('picker.d.website', html`<a href=${url} target="_blank" rel="noopener noreferrer">${url}</a>`)
          : nothing
      }
      ${row('picker.d.hours', renderHours(i18n, resource.schedule, view.now))}
      ${row('picker.d.eligibility', resource.eligibility ?? none)}
      ${row('picker.d.fees', feesText(i18n, resource))}
      ${row(
        'picker.d.languages',
        resource.languages.length > 0 ? resource.languages.map((tag) => languageName(i18n, tag)).join(', ') : none,
      )}
      ${row('picker.d.capacity', capacityText(i18n, resource))}
    </dl>
  </section>`;
}

/** Opening hours, one line per rule, in the resource's time zone (named). */
function renderHours(i18n: PickerI18n, schedule: Schedule | undefined, now: Date): TemplateResult | string {
  if (!schedule) return i18n.term('picker.noHours');
  if (schedule.open24x7) return i18n.term('picker.open24');
  const zone = zoneName(i18n, schedule.timeZone, now);
  const rule = (days: Schedule['rules'][number]) =>
    i18n.term('picker.hoursRule', {
      days: daysText(i18n, days.byDay),
      from: timeOfDay(i18n, days.opensAt),
      to: timeOfDay(i18n, days.closesAt),
    });
  return html`${
    schedule.rules.length === 0
      ? i18n.term('picker.noHours')
      : html`<ul>
          ${schedule.rules.map((each) => html`<li>${rule(each)}</li>`)}
        </ul>`
  }
    <span class="hint">${i18n.term('picker.hoursIn', { zone })}</span>
    ${schedule.notes ? html`<span class="hint">${schedule.notes}</span>` : nothing}`;
}
