// The filter chips above the results: services and availability always in view; language,
// distance, setting and intercept stage, rarely used, folded under "More filters".
import { html, nothing, type TemplateResult } from 'lit';
import { ResourceCategory, ResourceSetting, type GeoPoint } from '@peerlink/sdk';
import { km, languageName, type PickerI18n } from './format.js';
import { icon } from './icons.js';
import { NO_FILTERS, filtering, toggled, type PickerFilters } from './referral-model.js';
import type { ReferralPickerMessageKey } from './referral-picker.messages.js';

const STAGES = [0, 1, 2, 3, 4, 5] as const;
const FLAGS = ['openNow', 'medicaid', 'free', 'capacity'] as const;

/** What the chips show, and what pressing them does. */
export interface FiltersView {
  readonly i18n: PickerI18n;
  readonly filters: PickerFilters;
  /** Whether "More filters" is unfolded. */
  readonly more: boolean;
  /** Language chips, as BCP 47 tags. */
  readonly languages: readonly string[];
  /** Where distances are measured from; no distance chips without it. */
  readonly near?: GeoPoint;
  /** Distance chips, in kilometers. */
  readonly radiusOptions: readonly number[];
  /** Sets the filters to `next` (given the filters as they are when a chip is pressed). */
  change(next: PickerFilters): void;
  toggleMore(): void;
  /** The filters as they are now: two presses before a render both count. */
  current(): PickerFilters;
}

function chip(label: string, pressed: boolean, toggle: () => void): TemplateResult {
  return html`<button
    type="button"
    part="chip"
    class="chip"
    aria-pressed=${pressed ? 'true' : 'false'}
    @click=${toggle}
  >
    ${pressed ? icon('check') : nothing}${label}
  </button>`;
}

function group(
  view: FiltersView,
  legend: ReferralPickerMessageKey,
  chips: readonly TemplateResult[],
  kind = '',
): TemplateResult {
  return html`<fieldset class=${kind}>
    <legend>${view.i18n.term(legend)}</legend>
    <div class="chips">${chips}</div>
  </fieldset>`;
}

/** Sets the filters to what `change` makes of them as they are when a chip is pressed. */
type SetFilters = (change: (now: PickerFilters) => Partial<PickerFilters>) => void;

/** The filters that are lists of values, each value a chip. */
type ListFilter = 'categories' | 'languages' | 'settings' | 'stages';

/** A chip per value of the list filter `key`, pressed while the list holds it; pressing it adds or takes it out. */
function listChips<K extends ListFilter, V extends PickerFilters[K][number]>(
  view: FiltersView,
  set: SetFilters,
  key: K,
  values: readonly V[],
  label: (value: V) => string,
): TemplateResult[] {
  const list: readonly PickerFilters[K][number][] = view.filters[key];
  return values.map((value) =>
    chip(label(value), list.includes(value), () => {
      set((now) => ({ [key]: toggled<PickerFilters[K][number]>(now[key], value) }));
    }),
  );
}

/**
 * The chips, each pressed or not; "More filters" says how many of the folded ones are on, and
 * "Clear filters" shows while any is.
 */
export function renderFilters(view: FiltersView): TemplateResult {
  const { i18n, filters: f } = view;
  // Read when pressed, not when rendered: two presses before a render both count.
  const set: SetFilters = (change) => {
    const now = view.current();
    view.change({ ...now, ...change(now) });
  };
  const folded = f.languages.length + f.settings.length + f.stages.length + (f.radiusKm === undefined ? 0 : 1);
  return html`<div part="filters" class="filters">
    ${group(
      view,
      'picker.group.categories',
      listChips(view, set, 'categories', ResourceCategory.options, (code) => i18n.term(`picker.category.${code}`)),
      'categories',
    )}
    ${group(
      view,
      'picker.group.availability',
      FLAGS.map((flag) =>
        chip(i18n.term(`picker.filter.${flag}`), f[flag], () => {
          set((now) => ({ [flag]: !now[flag] }));
        }),
      ),
    )}
    <div class="filter-actions">
      <button
        type="button"
        class="link"
        aria-expanded=${view.more ? 'true' : 'false'}
        aria-controls="more-filters"
        @click=${() => {
          view.toggleMore();
        }}
      >
        ${
          !view.more && folded > 0
            ? i18n.term('picker.moreFiltersOn', { count: folded })
            : i18n.term('picker.moreFilters')
        }
      </button>
      ${
        filtering(f)
          ? html`<button
            type="button"
            class="link"
            @click=${() => {
              view.change(NO_FILTERS);
            }}
          >
            ${i18n.term('picker.clearFilters')}
          </button>`
          : nothing
      }
    </div>
    <div id="more-filters" class="more-filters" ?hidden=${!view.more}>${renderFolded(view, set)}</div>
  </div>`;
}

function renderFolded(view: FiltersView, set: SetFilters) {
  const { i18n, filters: f, near } = view;
  return html`${
    view.languages.length > 0
      ? group(
          view,
          'picker.group.languages',
          listChips(view, set, 'languages', view.languages, (tag) => languageName(i18n, tag)),
        )
      : nothing
  }
    ${
      near
        ? group(
            view,
            'picker.group.distance',
            view.radiusOptions.map((radius) =>
              chip(i18n.term('picker.filter.within', { distance: km(i18n, radius) }), f.radiusKm === radius, () => {
                set((now) => ({ radiusKm: now.radiusKm === radius ? undefined : radius }));
              }),
            ),
          )
        : nothing
    }
    ${group(
      view,
      'picker.group.settings',
      listChips(view, set, 'settings', ResourceSetting.options, (setting) => i18n.term(`picker.setting.${setting}`)),
    )}
    ${group(
      view,
      'picker.group.stages',
      listChips(view, set, 'stages', STAGES, (stage) => i18n.term(`picker.stage.${stage}`)),
    )}`;
}
