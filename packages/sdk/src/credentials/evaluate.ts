import type { Credential, RequirementEvidence } from '../schema/credential.js';
import type { CredentialEvaluation, RuleSet, RuleSetRequirement } from '../schema/rule-set.js';
import { addMonths, laterOf, todayOf } from './dates.js';
import { ceEthicsKey, defaultLabel, isContinuingEducation, requirementKey } from './evidence.js';
import { credentialStatus } from './status.js';

/** What `evaluate()` reads of a credential: a stored `Credential` or a request to create one. */
export type EvaluableCredential = Pick<
  Credential,
  'type' | 'administrativeStatus' | 'issuedOn' | 'expiresOn' | 'evidence'
>;

type ChecklistItem = CredentialEvaluation['checklist'][number];

const maxReasons = 60;

/**
 * Measures a credential against a rule set at `now`.
 *
 * Status, first rule that applies wins:
 * 1. the issuer's administrative status: `revoked`, `suspended`, `pending` (not yet issued);
 * 2. `expired` after the expiry date (the credential's own, else issue date + renewal period);
 * 3. `pending` while a requirement is unmet or the rule set is for another credential type;
 * 4. `expiring` when the expiry date is at most 60 days away, else `active`.
 *
 * Unmet requirements outrank `expiring` so that a credential missing, say, its exam does not
 * become usable in its last 60 days. Continuing education is due by renewal: a shortfall is
 * reported in `ce` and `reasons` but does not change the status of a credential still in force.
 */
export function evaluate(credential: EvaluableCredential, ruleSet: RuleSet, now: Date): CredentialEvaluation {
  const today = todayOf(now);
  const relevant = new Set(ruleSet.requirements.map(requirementKey));
  const notes: string[] = [];
  const counted: RequirementEvidence[] = [];
  for (const entry of credential.evidence) {
    const matters = relevant.has(entry.requirement) || (ruleSet.renewal !== undefined && isContinuingEducation(entry));
    if (entry.completedOn !== undefined && entry.completedOn > today) {
      if (matters) notes.push(`${entry.requirement}: completed on ${entry.completedOn}, after today; not counted`);
    } else {
      counted.push(entry);
    }
  }

  const checklist = ruleSet.requirements.map((requirement) => measure(requirement, counted, notes));
  const ce = continuingEducation(credential, ruleSet, counted);
  const expiresOn = credential.expiresOn ?? ce?.dueOn;
  const base = credentialStatus({ administrativeStatus: credential.administrativeStatus, expiresOn }, now);

  const mismatch = credential.type !== ruleSet.credentialType;
  const unmet = checklist.filter((item) => !item.met);
  const status =
    (base.status === 'active' || base.status === 'expiring') && (mismatch || unmet.length > 0)
      ? 'pending'
      : base.status;

  const reasons = [
    ...(mismatch
      ? [`Rule set ${ruleSet.id} is for ${ruleSet.credentialType} credentials, not ${credential.type}`]
      : []),
    ...base.reasons,
    ...unmet.map(shortfall),
    ...(ce ? ceShortfall(ce) : []),
    ...notes,
  ];
  return { status, reasons: reasons.slice(0, maxReasons), checklist, ce };
}

function measure(
  requirement: RuleSetRequirement,
  evidence: readonly RequirementEvidence[],
  notes: string[],
): ChecklistItem {
  const key = requirementKey(requirement);
  const entries = evidence.filter((entry) => entry.requirement === key);
  const base = { requirement: key, kind: requirement.kind, label: requirement.label ?? defaultLabel(requirement) };
  const target = quantityOf(requirement);
  if (!target) {
    return { ...base, unit: null, required: null, actual: null, met: entries.some((entry) => entry.met === true) };
  }
  const values: number[] = [];
  for (const entry of entries) {
    if (entry.value === undefined) continue;
    if (entry.unit !== undefined && entry.unit !== target.unit) {
      notes.push(`${key}: recorded in ${entry.unit}, expected ${target.unit}; not counted`);
    } else {
      values.push(entry.value);
    }
  }
  // Time in recovery is a span as attested, not something that adds up across entries.
  const actual = requirement.kind === 'time-in-recovery' ? Math.max(0, ...values) : sum(values);
  return { ...base, unit: target.unit, required: target.amount, actual, met: actual >= target.amount };
}

function quantityOf(requirement: RuleSetRequirement): { unit: 'hours' | 'months'; amount: number } | undefined {
  switch (requirement.kind) {
    case 'training-hours':
    case 'experience-hours':
    case 'supervised-hours':
      return { unit: 'hours', amount: requirement.hours };
    case 'time-in-recovery':
      return { unit: 'months', amount: requirement.months };
    case 'background-check':
    case 'ethics-code-signed':
    case 'exam':
      return undefined;
  }
}

function continuingEducation(
  credential: EvaluableCredential,
  ruleSet: RuleSet,
  evidence: readonly RequirementEvidence[],
): CredentialEvaluation['ce'] {
  const renewal = ruleSet.renewal;
  if (!renewal) return null;
  const dueOn = credential.expiresOn ?? addMonths(credential.issuedOn, renewal.periodMonths);
  // A renewed record may keep its first issue date; only this cycle's hours count.
  const cycleStartsOn = laterOf(credential.issuedOn, addMonths(dueOn, -renewal.periodMonths));
  const hours = evidence.filter(
    (entry) =>
      isContinuingEducation(entry) &&
      (entry.unit === undefined || entry.unit === 'hours') &&
      (entry.completedOn === undefined || entry.completedOn >= cycleStartsOn),
  );
  const completed = sum(hours.map((entry) => entry.value ?? 0));
  const ethicsCompleted = sum(
    hours.filter((entry) => entry.requirement === ceEthicsKey).map((entry) => entry.value ?? 0),
  );
  return {
    required: renewal.ceHours,
    completed,
    ethicsRequired: renewal.ceEthicsHours,
    ethicsCompleted,
    met: completed >= renewal.ceHours && ethicsCompleted >= renewal.ceEthicsHours,
    cycleStartsOn,
    dueOn,
  };
}

function shortfall(item: ChecklistItem): string {
  if (item.unit === null || item.required === null) return `${item.label}: not met`;
  return `${item.label}: ${amount(item.actual ?? 0)} of ${amount(item.required)} ${item.unit}`;
}

function ceShortfall(ce: NonNullable<CredentialEvaluation['ce']>): string[] {
  const reasons: string[] = [];
  if (ce.completed < ce.required) {
    reasons.push(
      `Continuing education for renewal by ${ce.dueOn}: ${amount(ce.completed)} of ${amount(ce.required)} hours`,
    );
  }
  if (ce.ethicsCompleted < ce.ethicsRequired) {
    reasons.push(
      `Continuing education in ethics for renewal by ${ce.dueOn}: ${amount(ce.ethicsCompleted)} of ${amount(ce.ethicsRequired)} hours`,
    );
  }
  return reasons;
}

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);
const amount = (value: number) => String(Math.round(value * 100) / 100);
