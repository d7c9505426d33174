import type { PiiKind } from '../schema/callout-log.js';
import {
  ageWithDate,
  appositionName,
  dobCue,
  dobContextName,
  email,
  emailSpelledOut,
  lowercaseAddress,
  lowercaseName,
  cuedPhone,
  directionAddress,
  nicknameCue,
  phone,
  plateCued,
  platePattern,
  poBox,
  relationName,
  spanishAddress,
  spanishAddressNumberFirst,
  ssn,
  ssnCued,
  streetAddress,
  strongNameCue,
  titledName,
  vehicleCue,
  weakNameCue,
} from './patterns.js';
import { isLowercaseNameStop, isNameStop, isOrganizationWord, isPlatePrefixStop, isStreetWordStop } from './words.js';

/** One piece of personal information in a text: `[start, end)` are UTF-16 offsets into it. */
export interface PiiFinding {
  kind: PiiKind;
  start: number;
  end: number;
  text: string;
}

interface Span {
  kind: PiiKind;
  start: number;
  end: number;
}

type Add = (kind: PiiKind, start: number, end: number) => void;

/** Start of a capture that ends where its match ends (the patterns put the finding last). */
const tailStart = (match: RegExpExecArray, group: string): number => match.index + match[0].length - group.length;

// Toll-free numbers are programs and hotlines, not people.
const tollFree = new Set(['800', '833', '844', '855', '866', '877', '888']);

function findPhones(text: string, add: Add): void {
  for (const match of text.matchAll(phone)) {
    const digits = match[0].replace(/(?:x|ext\.?|extension)\s*\d+$/i, '').replace(/\D/g, '');
    const national = digits.length === 11 ? digits.slice(1) : digits;
    if (tollFree.has(national.slice(0, 3))) continue;
    add('phone', match.index, match.index + match[0].length);
  }
  for (const match of text.matchAll(cuedPhone)) {
    const number = match[1] ?? '';
    const start = tailStart(match, number);
    add('phone', start, start + number.length);
  }
}

function findEmails(text: string, add: Add): void {
  for (const pattern of [email, emailSpelledOut]) {
    for (const match of text.matchAll(pattern)) add('email', match.index, match.index + match[0].length);
  }
}

function findSsns(text: string, add: Add): void {
  for (const match of text.matchAll(ssn)) add('ssn', match.index, match.index + match[0].length);
  for (const match of text.matchAll(ssnCued)) {
    const number = match[1] ?? '';
    const start = tailStart(match, number);
    add('ssn', start, start + number.length);
  }
}

/** A numeric date must read as month/day or day/month. */
function plausibleDate(date: string): boolean {
  const numeric = /^(\d{1,2})[/.-](\d{1,2})(?:[/.-]\d{2,4})?$/.exec(date);
  if (!numeric) return true;
  const a = Number(numeric[1]);
  const b = Number(numeric[2]);
  return a >= 1 && b >= 1 && ((a <= 12 && b <= 31) || (a <= 31 && b <= 12));
}

function findDatesOfBirth(text: string, add: Add): void {
  for (const pattern of [dobCue, ageWithDate]) {
    for (const match of text.matchAll(pattern)) {
      const date = match.groups?.date ?? '';
      if (!date || !plausibleDate(date)) continue;
      const start = tailStart(match, date);
      add('date-of-birth', start, start + date.length);
    }
  }
}

function findAddresses(text: string, add: Add): void {
  // The full stop after `St.` belongs to the address only when more of it follows.
  const addAddress = (match: RegExpExecArray) => {
    add('street-address', match.index, match.index + match[0].replace(/\.$/, '').length);
  };
  for (const pattern of [streetAddress, directionAddress, poBox, spanishAddress, spanishAddressNumberFirst]) {
    for (const match of text.matchAll(pattern)) addAddress(match);
  }
  for (const match of text.matchAll(lowercaseAddress)) {
    const words = [match.groups?.first, match.groups?.second].filter((word): word is string => Boolean(word));
    if (!words.some(isStreetWordStop)) addAddress(match);
  }
}

/** A plate is 5–8 letters and digits with at least one digit; trailing words are trimmed off. */
function plateIn(token: string): string | undefined {
  const groups = token.split(' ');
  while (groups.length > 0) {
    const candidate = groups.join(' ');
    const alnum = candidate.replace(/[^A-Za-z0-9]/g, '');
    if (alnum.length >= 5 && alnum.length <= 8 && /\d/.test(alnum)) return candidate;
    groups.pop();
  }
  return undefined;
}

function findPlates(text: string, add: Add): void {
  for (const match of text.matchAll(plateCued)) {
    const token = match.groups?.plate ?? '';
    const plate = plateIn(token);
    if (!plate) continue;
    const start = tailStart(match, token);
    add('license-plate', start, start + plate.length);
  }
  const cues = [...text.matchAll(vehicleCue)].map((match) => [match.index, match.index + match[0].length] as const);
  if (cues.length === 0) return;
  const window = 40;
  for (const match of text.matchAll(platePattern)) {
    const start = match.index;
    const end = start + match[0].length;
    const letters = match[0].replace(/[^A-Z]/g, '');
    if (isPlatePrefixStop(letters)) continue;
    if (cues.some(([cueStart, cueEnd]) => cueEnd >= start - window && cueStart <= end + window))
      add('license-plate', start, end);
  }
}

/**
 * Trims words that cannot be part of a name off both ends of a candidate; drops it when a word
 * says it is an organization or a role rather than a person.
 */
function nameSpan(text: string, start: number, candidate: string): [number, number] | undefined {
  const words = [...candidate.matchAll(/\S+/g)].map((match) => ({
    word: match[0].replace(/[.,]+$/, ''),
    at: match.index,
    length: match[0].length,
  }));
  if (words.some((w) => isOrganizationWord(w.word))) return undefined;
  while (words.length > 0 && isNameStop(words[0]?.word ?? '')) words.shift();
  while (words.length > 0 && isNameStop(words.at(-1)?.word ?? '')) words.pop();
  const first = words[0];
  const last = words.at(-1);
  if (!first || !last) return undefined;
  const from = start + first.at;
  let to = start + last.at + last.length;
  // A full stop after a last name ends the sentence; after an initial it belongs to it.
  if (text[to - 1] === '.' && !/^\p{Lu}\.$/u.test(last.word + '.')) to -= 1;
  return [from, to];
}

function findNames(text: string, add: Add): void {
  for (const pattern of [
    strongNameCue,
    nicknameCue,
    weakNameCue,
    relationName,
    titledName,
    appositionName,
    dobContextName,
  ]) {
    for (const match of text.matchAll(pattern)) {
      const name = match.groups?.name ?? '';
      if (!name) continue;
      const start = pattern === dobContextName ? match.index : tailStart(match, name);
      const span = nameSpan(text, start, name);
      if (span) add('person-name', span[0], span[1]);
    }
  }
  for (const match of text.matchAll(lowercaseName)) {
    const name = match.groups?.name ?? '';
    const words = name.split(/\s+/);
    while (words.length > 0 && isLowercaseNameStop(words.at(-1) ?? '')) words.pop();
    if (words.length === 0 || isLowercaseNameStop(words[0] ?? '')) continue;
    const start = tailStart(match, name);
    add('person-name', start, start + words.join(' ').length);
  }
}

// When two candidates overlap the longer one wins; on a tie, the more certain kind.
const certainty: Record<PiiKind, number> = {
  email: 0,
  ssn: 1,
  phone: 2,
  'date-of-birth': 3,
  'street-address': 4,
  'license-plate': 5,
  'person-name': 6,
};

function resolve(spans: Span[]): Span[] {
  const ordered = [...spans].sort(
    (a, b) => b.end - b.start - (a.end - a.start) || certainty[a.kind] - certainty[b.kind] || a.start - b.start,
  );
  // Kept spans sorted by start: a binary search finds the only neighbours that could overlap.
  const kept: Span[] = [];
  for (const span of ordered) {
    let low = 0;
    let high = kept.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((kept[middle]?.start ?? 0) < span.start) low = middle + 1;
      else high = middle;
    }
    const before = kept[low - 1];
    const after = kept[low];
    if ((before && before.end > span.start) || (after && after.start < span.end)) continue;
    kept.splice(low, 0, span);
  }
  return kept;
}

/**
 * Finds US phone numbers, e-mail addresses, SSNs, dates of birth, street addresses, licence
 * plates and people's names in free text. Pure and linear in the text's length (every pattern
 * is bounded), so it can run on each keystroke. Findings are sorted by `start` and never overlap.
 */
export function detectPii(text: string): PiiFinding[] {
  if (text.length === 0) return [];
  const spans: Span[] = [];
  const add: Add = (kind, start, end) => {
    if (end > start) spans.push({ kind, start, end });
  };
  findEmails(text, add);
  findSsns(text, add);
  findPhones(text, add);
  findDatesOfBirth(text, add);
  findAddresses(text, add);
  findPlates(text, add);
  findNames(text, add);
  return resolve(spans).map((span) => ({ ...span, text: text.slice(span.start, span.end) }));
}

function normalized(kind: PiiKind, text: string): string {
  switch (kind) {
    case 'phone': {
      const extension = /(?:x|ext\.?|extension)\s*(\d+)$/i.exec(text);
      const main = (extension ? text.slice(0, extension.index) : text).replace(/\D/g, '');
      const national = main.length === 11 && main.startsWith('1') ? main.slice(1) : main;
      return extension ? `${national}x${extension[1] ?? ''}` : national;
    }
    case 'ssn':
      return text.replace(/\D/g, '');
    case 'license-plate':
      return text.toUpperCase().replace(/[^A-Z0-9]/g, '');
    case 'email':
      return text.toLowerCase().replace(/\s+/g, ' ').trim();
    default:
      return text
        .normalize('NFKC')
        .toLowerCase()
        .replace(/\s+/g, ' ')
        .replace(/[.,]+$/, '')
        .trim();
  }
}

/**
 * A stable id of a finding, independent of where it is: the same phone number written twice, or
 * written as `(217) 555-0143` and `217.555.0143`, has one key. "Keep" decisions are made by key.
 * The key carries the (normalized) personal information itself: treat it like the text.
 */
export function findingKey(finding: Pick<PiiFinding, 'kind' | 'text'>): string {
  return `${finding.kind}:${normalized(finding.kind, finding.text)}`.slice(0, 200);
}

/**
 * Replaces each finding's span by a bracketed label such as `[phone]`. Findings must come from
 * this text (their `text` is checked against the offsets) and must not overlap; otherwise this
 * throws a `RangeError` rather than leave personal information in place.
 */
export function redactPii(text: string, findings: readonly PiiFinding[]): string {
  const ordered = [...findings].sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const finding of ordered) {
    if (
      finding.start < at ||
      finding.end > text.length ||
      finding.end <= finding.start ||
      text.slice(finding.start, finding.end) !== finding.text
    ) {
      throw new RangeError(
        `A ${finding.kind} finding does not match the text at ${String(finding.start)}–${String(finding.end)} (stale or overlapping)`,
      );
    }
    out += `${text.slice(at, finding.start)}[${finding.kind}]`;
    at = finding.end;
  }
  return out + text.slice(at);
}
