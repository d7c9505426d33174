import { Timestamp } from '../schema/primitives.js';
import type { Capacity, Fees } from '../schema/resource.js';
import { isCategoryTaxonomy, isFieldTaxonomy } from './extensions.js';
import { clip, fieldValues, flag, readDate, readNumber, readText, rowsOf, warn } from './read.js';
import type { Context, Term } from './read.js';
import { at } from './required.js';
import { normalizeWords } from './taxonomy.js';
import type { Json } from './required.js';

// Payment and capacity. HSDS 3.0 describes fees in free text and cost options; Peerlink needs
// yes/no answers, so it reads the text conservatively and prefers its own attributes when present.

const negation = /\b(no|not|never|without|cannot|can't|won't|doesn't|don't|isn't|aren't)\b/i;

const negatedAfter = /^\W*(?:is |are )?(?:not|no longer) (?:accepted|taken|covered|available)/i;

/**
 * true when some clause mentions `word` plainly, false when it is only mentioned negated
 * ("we do not take Medicaid", "Medicaid not accepted"), undefined when it is not mentioned.
 */
function mentioned(texts: readonly string[], word: RegExp): boolean | undefined {
  let result: boolean | undefined;
  for (const text of texts) {
    for (const clause of text.split(/[.;!?\n,]+|\bbut\b/i)) {
      const match = word.exec(clause);
      if (!match) continue;
      const before = clause.slice(0, match.index);
      const after = clause.slice(match.index + match[0].length);
      if (!negation.test(before) && !negatedAfter.test(after)) return true;
      result = false;
    }
  }
  return result;
}

const medicaid = /\b(medicaid|medi[\s-]?cal|masshealth|tenncare|soonercare|badgercare|ahcccs)\b/i;
const medicare = /\bmedicare\b/i;
const slidingScale = /\bsliding[\s-]*(fee|scale)|\bincome[\s-]*based\s+(fee|rate|pric)/i;
const paymentWords = /\b(accepts?|accepted|insurance|payments?|payers?|coverage|covered|plans?)\b/g;
// "Toll-free", "drug-free", "free of alcohol" say nothing about cost.
const freeOfCost =
  /(?<![\w-])(?<!\b(?:toll|drug|alcohol|smoke|tobacco|substance|sugar|gluten|scent|barrier|hands)\s)(free|no cost|no charge|without charge)(?![\w-])(?!\s+of\s+(?:drugs?|alcohol|substances?|tobacco|smoke))/i;

export function mapFees(ctx: Context, service: Json, path: string, terms: readonly Term[]): Fees {
  const notes = clip(ctx, readText(ctx, service, 'fees_description', path), 500, at(path, 'fees_description'));
  const withNotes = (fees: Fees): Fees => (notes === undefined ? fees : { ...fees, notes });
  const stated = {
    acceptsMedicaid: flag(ctx, terms, 'accepts-medicaid'),
    acceptsMedicare: flag(ctx, terms, 'accepts-medicare'),
    free: flag(ctx, terms, 'free'),
    slidingScale: flag(ctx, terms, 'sliding-scale'),
  };
  if (Object.values(stated).some((value) => value !== undefined)) {
    // Peerlink's own attributes are exact; reading the text as well would only add guesses.
    return withNotes({
      acceptsMedicaid: stated.acceptsMedicaid ?? false,
      ...(stated.acceptsMedicare === undefined ? {} : { acceptsMedicare: stated.acceptsMedicare }),
      ...(stated.free === undefined ? {} : { free: stated.free }),
      ...(stated.slidingScale === undefined ? {} : { slidingScale: stated.slidingScale }),
    });
  }
  const texts: string[] = [];
  const add = (value: string | undefined) => {
    if (value !== undefined) texts.push(value);
  };
  add(notes);
  add(readText(ctx, service, 'fees', path));
  let zero = false;
  let paid = false;
  for (const { row, path: optionPath } of rowsOf(service, 'cost_options', path)) {
    const from = readDate(ctx, row, 'valid_from', optionPath);
    const to = readDate(ctx, row, 'valid_to', optionPath);
    if ((from !== undefined && from > ctx.today) || (to !== undefined && to < ctx.today)) continue;
    add(readText(ctx, row, 'option', optionPath));
    add(readText(ctx, row, 'amount_description', optionPath));
    const amount = readNumber(ctx, row, 'amount', optionPath);
    if (amount === 0) zero = true;
    else if (amount !== undefined && amount > 0) paid = true;
  }
  for (const term of terms) {
    if (isFieldTaxonomy(term.taxonomy) || isCategoryTaxonomy(term.taxonomy)) continue;
    // A term counts only when it names a payment and nothing more ("Medicaid", "Accepts
    // Medicare", "Sliding Scale"): "Medicaid Enrollment Help" is a service, not a payer.
    const payment = normalizeWords(term.name ?? '')
      .replace(paymentWords, ' ')
      .replace(/\s+/g, ' ')
      .trim();
    if (payment === '' || payment.split(' ').length > 2) continue;
    add(term.value !== undefined && /^(false|no)$/i.test(term.value) ? `not ${payment}` : payment);
  }
  const freeText = mentioned(texts, freeOfCost);
  const free = freeText === true || zero ? true : freeText === false || paid ? false : undefined;
  const acceptsMedicare = mentioned(texts, medicare);
  return withNotes({
    acceptsMedicaid: mentioned(texts, medicaid) ?? false,
    ...(acceptsMedicare === undefined ? {} : { acceptsMedicare }),
    ...(free === undefined ? {} : { free }),
    ...(texts.some((text) => slidingScale.test(text)) ? { slidingScale: true } : {}),
  });
}

// ---------------------------------------------------------------------------------------------
// Capacity

function count(ctx: Context, term: Term | undefined): number | null | undefined {
  if (!term) return undefined;
  const value = term.value ?? '';
  if (value === '' || /^(null|unknown)$/i.test(value)) return null;
  const parsed = Number(value);
  if (Number.isInteger(parsed) && parsed >= 0 && parsed <= 100000) return parsed;
  warn(ctx, term.path, 'invalid_value', 'Expected a whole number of places (0-100000); ignored');
  return undefined;
}

export function mapCapacity(
  ctx: Context,
  owners: readonly { owner: Json; path: string; terms: readonly Term[] }[],
): Capacity | undefined {
  for (const { owner, path, terms } of owners) {
    const available = count(ctx, fieldValues(terms, 'capacity-available')[0]);
    const total = count(ctx, fieldValues(terms, 'capacity-total')[0]);
    const updatedTerm = fieldValues(terms, 'capacity-updated-at')[0];
    let updatedAt = updatedTerm?.value;
    if (updatedTerm && !Timestamp.safeParse(updatedAt).success) {
      warn(ctx, updatedTerm.path, 'invalid_value', 'Expected an ISO 8601 date-time with offset; ignored');
      updatedAt = undefined;
    }
    if (available !== undefined || typeof total === 'number' || updatedAt !== undefined) {
      return {
        available: available ?? null,
        ...(typeof total === 'number' ? { total } : {}),
        ...(updatedAt === undefined ? {} : { updatedAt }),
      };
    }
    // HSDS 3.1 adds `capacities` (service_capacity); read it when a 3.0 feed already carries it.
    const first = rowsOf(owner, 'capacities', path)[0];
    if (first) {
      const availableNow = readNumber(ctx, first.row, 'available', first.path);
      const maximum = readNumber(ctx, first.row, 'maximum', first.path);
      const updated = readText(ctx, first.row, 'updated', first.path);
      const whole = (value: number | undefined) =>
        value !== undefined && Number.isInteger(value) && value >= 0 && value <= 100000 ? value : undefined;
      return {
        available: whole(availableNow) ?? null,
        ...(whole(maximum) === undefined ? {} : { total: whole(maximum) }),
        ...(updated !== undefined && Timestamp.safeParse(updated).success ? { updatedAt: updated } : {}),
      };
    }
  }
  return undefined;
}
