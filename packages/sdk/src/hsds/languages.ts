import { normalizeWords } from './taxonomy.js';

// HSDS languages carry an ISO 639-1 or 639-3 `code` and/or a free `name`. BCP 47 wants the
// two-letter code where one exists, so common three-letter codes (both ISO 639-2 forms) are
// shortened, and common names in directories are looked up. Anything else is reported.

const shorter: Readonly<Record<string, string>> = {
  alb: 'sq',
  amh: 'am',
  ara: 'ar',
  arm: 'hy',
  ben: 'bn',
  bos: 'bs',
  bur: 'my',
  ces: 'cs',
  cha: 'ch',
  chi: 'zh',
  cym: 'cy',
  cze: 'cs',
  dan: 'da',
  deu: 'de',
  dut: 'nl',
  ell: 'el',
  eng: 'en',
  est: 'et',
  fas: 'fa',
  fin: 'fi',
  fra: 'fr',
  fre: 'fr',
  ful: 'ff',
  ger: 'de',
  gle: 'ga',
  gre: 'el',
  guj: 'gu',
  hat: 'ht',
  hau: 'ha',
  heb: 'he',
  hin: 'hi',
  hrv: 'hr',
  hun: 'hu',
  hye: 'hy',
  ibo: 'ig',
  ind: 'id',
  ita: 'it',
  jpn: 'ja',
  khm: 'km',
  kin: 'rw',
  kor: 'ko',
  kur: 'ku',
  lao: 'lo',
  lav: 'lv',
  lit: 'lt',
  mah: 'mh',
  may: 'ms',
  msa: 'ms',
  mya: 'my',
  nav: 'nv',
  nep: 'ne',
  nld: 'nl',
  nor: 'no',
  orm: 'om',
  pan: 'pa',
  per: 'fa',
  pol: 'pl',
  por: 'pt',
  pus: 'ps',
  ron: 'ro',
  rum: 'ro',
  run: 'rn',
  rus: 'ru',
  slk: 'sk',
  slo: 'sk',
  smo: 'sm',
  som: 'so',
  spa: 'es',
  sqi: 'sq',
  srp: 'sr',
  swa: 'sw',
  swe: 'sv',
  tam: 'ta',
  tel: 'te',
  tgl: 'tl',
  tha: 'th',
  tir: 'ti',
  ton: 'to',
  tur: 'tr',
  twi: 'tw',
  ukr: 'uk',
  urd: 'ur',
  vie: 'vi',
  wel: 'cy',
  wol: 'wo',
  yid: 'yi',
  yor: 'yo',
  zho: 'zh',
};

const byName: Readonly<Record<string, string>> = {
  albanian: 'sq',
  amharic: 'am',
  arabic: 'ar',
  armenian: 'hy',
  'american sign language': 'ase',
  asl: 'ase',
  bangla: 'bn',
  bengali: 'bn',
  bosnian: 'bs',
  burmese: 'my',
  cambodian: 'km',
  cantonese: 'yue',
  chamorro: 'ch',
  chinese: 'zh',
  chuukese: 'chk',
  croatian: 'hr',
  czech: 'cs',
  danish: 'da',
  dari: 'prs',
  dinka: 'din',
  dutch: 'nl',
  english: 'en',
  espanol: 'es',
  farsi: 'fa',
  filipino: 'fil',
  finnish: 'fi',
  francais: 'fr',
  french: 'fr',
  german: 'de',
  greek: 'el',
  gujarati: 'gu',
  'haitian creole': 'ht',
  haitian: 'ht',
  hausa: 'ha',
  hawaiian: 'haw',
  hebrew: 'he',
  hindi: 'hi',
  hmong: 'hmn',
  hungarian: 'hu',
  igbo: 'ig',
  ilocano: 'ilo',
  iloko: 'ilo',
  indonesian: 'id',
  irish: 'ga',
  italian: 'it',
  japanese: 'ja',
  karen: 'kar',
  khmer: 'km',
  kinyarwanda: 'rw',
  kirundi: 'rn',
  korean: 'ko',
  kreyol: 'ht',
  kurdish: 'ku',
  lao: 'lo',
  latvian: 'lv',
  lithuanian: 'lt',
  malay: 'ms',
  mandarin: 'zh',
  marshallese: 'mh',
  navajo: 'nv',
  nepali: 'ne',
  norwegian: 'no',
  nuer: 'nus',
  oromo: 'om',
  pashto: 'ps',
  persian: 'fa',
  polish: 'pl',
  portugues: 'pt',
  portuguese: 'pt',
  punjabi: 'pa',
  romanian: 'ro',
  russian: 'ru',
  samoan: 'sm',
  serbian: 'sr',
  slovak: 'sk',
  somali: 'so',
  spanish: 'es',
  swahili: 'sw',
  swedish: 'sv',
  tagalog: 'tl',
  tamil: 'ta',
  telugu: 'te',
  thai: 'th',
  tigrinya: 'ti',
  tongan: 'to',
  turkish: 'tr',
  twi: 'tw',
  ukrainian: 'uk',
  urdu: 'ur',
  vietnamese: 'vi',
  welsh: 'cy',
  wolof: 'wo',
  yiddish: 'yi',
  yoruba: 'yo',
};

const tagPattern = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/** `ENG-us` → `en-US`; undefined when `code` is not a language tag. */
export function languageFromCode(code: string): string | undefined {
  const trimmed = code.trim().replace(/_/g, '-');
  if (!tagPattern.test(trimmed) || trimmed.length > 35) return undefined;
  const [first = '', ...rest] = trimmed.split('-');
  const primary = first.toLowerCase();
  const subtags = rest.map((part) => {
    if (/^[A-Za-z]{4}$/.test(part)) return part.charAt(0).toUpperCase() + part.slice(1).toLowerCase();
    if (/^([A-Za-z]{2}|\d{3})$/.test(part)) return part.toUpperCase();
    return part.toLowerCase();
  });
  return [shorter[primary] ?? primary, ...subtags].join('-');
}

/** The ISO 639 code HSDS's `language.code` holds: a tag's primary language subtag, two letters where ISO 639-1 has them. */
export function languageCode(tag: string): string {
  const primary = (tag.split('-')[0] ?? tag).toLowerCase();
  return shorter[primary] ?? primary;
}

/** "Spanish", "Español", "Chinese (Cantonese)" → a BCP 47 tag. */
export function languageFromName(name: string): string | undefined {
  const whole = normalizeWords(name);
  const found = byName[whole];
  if (found) return found;
  // "Chinese (Cantonese)": the qualifier is the more precise part.
  const inner = /\(([^)]*)\)/.exec(name)?.[1];
  if (inner !== undefined) {
    const qualified = byName[normalizeWords(inner)] ?? byName[normalizeWords(name.replace(/\(.*\)/, ''))];
    if (qualified) return qualified;
  }
  return undefined;
}

let englishNames: Intl.DisplayNames | null | undefined;

/** English name of a tag for HSDS's `language.name`, when the runtime knows it. */
export function languageName(tag: string): string | undefined {
  englishNames ??=
    typeof Intl.DisplayNames === 'function'
      ? new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' })
      : null;
  try {
    return englishNames?.of(tag) ?? undefined;
  } catch {
    return undefined;
  }
}
