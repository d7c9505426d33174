// Words for the codes a referral carries, from the picker's own catalog, so that a host listing
// referrals beside the picker says what the picker says ("Sent, Routine", not "sent, routine").
import type { Referral, ReferralStatus, ResourceCategory } from '@peerlink/sdk';
import { resolveLang } from '../base/localize.js';
import { referralPickerMessages, type ReferralPickerMessageKey } from './referral-picker.messages.js';

/** `lang` as given, else the page's (`<html lang>`), else English. */
const declared = (lang: string | undefined): string =>
  lang ?? (typeof document === 'undefined' ? '' : document.documentElement.lang);

const term = (key: ReferralPickerMessageKey, lang: string | undefined): string =>
  referralPickerMessages[resolveLang(declared(lang)).locale][key];

/**
 * A referral status in words: `referralStatusLabel('no-show', 'es')` is "No se presentó".
 * `lang` is a BCP 47 tag (default: the page's); languages other than English and Spanish get English.
 *
 * @since 0.1.0
 */
export function referralStatusLabel(status: ReferralStatus, lang?: string): string {
  return term(`picker.status.${status}`, lang);
}

/**
 * A referral's urgency in words: `urgencyLabel('routine', 'es')` is "Ordinaria".
 *
 * @since 0.1.0
 */
export function urgencyLabel(urgency: Referral['urgency'], lang?: string): string {
  return term(`picker.urgency.${urgency}`, lang);
}

/**
 * A resource category (a referral's need) in words: `categoryLabel('moud')` is "Medication for
 * opioid use disorder".
 *
 * @since 0.1.0
 */
export function categoryLabel(category: ResourceCategory, lang?: string): string {
  return term(`picker.category.${category}`, lang);
}

const fallbackNames: Partial<Record<string, ReferralPickerMessageKey>> = {
  ase: 'picker.language.ase',
  ood: 'picker.language.ood',
  hmn: 'picker.language.hmn',
  nv: 'picker.language.nv',
  ik: 'picker.language.ik',
  ht: 'picker.language.ht',
  so: 'picker.language.so',
  om: 'picker.language.om',
  ti: 'picker.language.ti',
  sm: 'picker.language.sm',
  to: 'picker.language.to',
};

// Lists re-render as they scroll: each name is worked out once per language.
const languageNames = new Map<string, string>();

/**
 * The name of a language, in the viewer's language: `languageLabel('ase')` is "American Sign
 * Language", `languageLabel('es', 'es')` "español". The browser names it (`Intl.DisplayNames`);
 * where it only repeats the code, a short list of Peerlink's own takes over, else the code stays.
 *
 * @since 0.1.0
 */
export function languageLabel(tag: string, lang?: string): string {
  const { locale, tag: viewer } = resolveLang(declared(lang));
  const cacheKey = `${viewer}|${tag}`;
  let name = languageNames.get(cacheKey);
  if (name !== undefined) return name;
  try {
    name = new Intl.DisplayNames([viewer], { type: 'language' }).of(tag);
  } catch {
    name = undefined;
  }
  if (name === undefined || name.toLowerCase() === tag.toLowerCase()) {
    const key = fallbackNames[(tag.split('-')[0] ?? tag).toLowerCase()];
    name = key ? referralPickerMessages[locale][key] : tag;
  }
  languageNames.set(cacheKey, name);
  return name;
}
