import * as z from 'zod/mini';
import { Id, Timestamp } from '../schema/primitives.js';
import { toFieldErrors } from '../schema/problem.js';
import type { FieldError } from '../schema/problem.js';
import type { ReferralStatus } from '../schema/referral.js';
import { hl7, peerlinkSystems } from './codes.js';
import type { FhirSystems } from './codes.js';
import { FhirImportError } from './errors.js';
import { scheduledOutputCode } from './referral.js';

export interface FromTaskOptions {
  /** The systems the Task was exported with, over `peerlinkSystems`. */
  systems?: Partial<FhirSystems>;
}

/** What a returned Task says about the referral it was made from. */
export interface ReferralTaskUpdate {
  /** From the Task's (or its focus's) Peerlink referral identifier, when it has one. */
  referralId?: string;
  status: ReferralStatus;
  /** When the Task reached its status: `executionPeriod.end` for a completed Task, else `lastModified`, else `meta.lastUpdated`. */
  at?: string;
  /** The appointment: Peerlink's `scheduled-at` output, or a contained Appointment an output points at. */
  scheduledAt?: string;
  /** `statusReason` as the other side wrote it. Free text: it may name people; store it as such. */
  reason?: string;
}

const taskStatusCodes = [
  'draft',
  'requested',
  'received',
  'accepted',
  'rejected',
  'ready',
  'cancelled',
  'in-progress',
  'on-hold',
  'failed',
  'completed',
  'entered-in-error',
] as const;

// Only the parts of a Task this reader uses, checked for shape; everything else passes untouched.
const Coding = z.looseObject({
  system: z.optional(z.string()),
  code: z.optional(z.string()),
  display: z.optional(z.string()),
});
const Concept = z.looseObject({ coding: z.optional(z.array(Coding)), text: z.optional(z.string()) });
const Identifier = z.looseObject({ system: z.optional(z.string()), value: z.optional(z.string()) });
const Reference = z.looseObject({ reference: z.optional(z.string()), identifier: z.optional(Identifier) });
const Period = z.looseObject({ start: z.optional(z.string()), end: z.optional(z.string()) });
const TaskReading = z.looseObject({
  resourceType: z.literal('Task'),
  identifier: z.optional(z.array(Identifier)),
  status: z.enum(taskStatusCodes),
  intent: z.string(),
  code: z.optional(Concept),
  businessStatus: z.optional(Concept),
  statusReason: z.optional(Concept),
  focus: z.optional(Reference),
  executionPeriod: z.optional(Period),
  lastModified: z.optional(z.string()),
  meta: z.optional(z.looseObject({ lastUpdated: z.optional(z.string()) })),
  output: z.optional(
    z.array(
      z.looseObject({
        type: Concept,
        valueDateTime: z.optional(z.string()),
        valueInstant: z.optional(z.string()),
        valuePeriod: z.optional(Period),
        valueReference: z.optional(Reference),
      }),
    ),
  ),
  contained: z.optional(
    z.array(z.looseObject({ resourceType: z.string(), id: z.optional(z.string()), start: z.optional(z.string()) })),
  ),
});
type TaskReading = z.infer<typeof TaskReading>;
type Concept = z.infer<typeof Concept>;

const noShowWords = /^no[\s-]?show$/i;

function saysNoShow(concept: Concept | undefined, systems: FhirSystems): boolean {
  if (!concept) return false;
  const codings = concept.coding ?? [];
  if (codings.some((coding) => coding.system === systems.referralStatus && coding.code === 'no-show')) return true;
  return [concept.text, ...codings.flatMap((coding) => [coding.code, coding.display])].some(
    (word) => word !== undefined && noShowWords.test(word.trim()),
  );
}

/**
 * Reads a Task sent back by the other side of a referral (a hospital, a coordination platform)
 * into the referral's status, closing the loop:
 *
 * | Task.status                 | referral status                                   |
 * | --------------------------- | ------------------------------------------------- |
 * | draft                       | proposed                                          |
 * | requested, received         | sent                                              |
 * | accepted, ready             | accepted                                          |
 * | in-progress                 | scheduled                                         |
 * | on-hold                     | no-show, when `businessStatus` says "no-show"     |
 * | failed                      | no-show with that business status, else declined  |
 * | completed                   | completed                                         |
 * | rejected                    | declined                                          |
 * | cancelled                   | cancelled                                         |
 *
 * Any other on-hold Task and `entered-in-error` have no referral status and are refused. A Task
 * whose `code` is not `fulfill` is not a referral Task and is refused too. Times must state their
 * UTC offset. Send the result with `client.referrals.transition(referralId, { to: status, scheduledAt })`
 * when the status differs from the referral's.
 *
 * Throws `FhirImportError` listing every problem with its path in the Task.
 */
export function fromTask(task: unknown, options: FromTaskOptions = {}): ReferralTaskUpdate {
  const systems: FhirSystems = { ...peerlinkSystems, ...options.systems };
  const parsed = TaskReading.safeParse(task);
  if (!parsed.success) throw new FhirImportError(toFieldErrors(parsed.error.issues, task));
  const read = parsed.data;
  const errors: FieldError[] = [];

  const codes = read.code?.coding ?? [];
  if (read.code && !codes.some((coding) => coding.system === hl7.taskCode && coding.code === 'fulfill')) {
    errors.push({
      path: 'code',
      message: `Expected the task code "fulfill" (${hl7.taskCode}): only a referral's fulfilment Task carries its status`,
      code: 'not_a_referral_task',
    });
  }

  const status = referralStatusOf(read, systems, errors);
  const referralId = referralIdOf(read, systems, errors);
  const scheduledAt = scheduledAtOf(read, systems, errors);
  const at =
    status === 'completed' && read.executionPeriod?.end !== undefined
      ? timestamp(read.executionPeriod.end, 'executionPeriod.end', errors)
      : read.lastModified !== undefined
        ? timestamp(read.lastModified, 'lastModified', errors)
        : read.meta?.lastUpdated !== undefined
          ? timestamp(read.meta.lastUpdated, 'meta.lastUpdated', errors)
          : undefined;
  const reasonText = read.statusReason?.text?.trim();
  const reason =
    reasonText !== undefined && reasonText !== ''
      ? reasonText
      : read.statusReason?.coding?.find((coding) => coding.display)?.display;

  if (errors.length > 0 || status === undefined) throw new FhirImportError(errors);
  return {
    ...(referralId === undefined ? {} : { referralId }),
    status,
    ...(at === undefined ? {} : { at }),
    ...(scheduledAt === undefined ? {} : { scheduledAt }),
    ...(reason ? { reason } : {}),
  };
}

function referralStatusOf(task: TaskReading, systems: FhirSystems, errors: FieldError[]): ReferralStatus | undefined {
  const noShow = saysNoShow(task.businessStatus, systems);
  switch (task.status) {
    case 'draft':
      return 'proposed';
    case 'requested':
    case 'received':
      return 'sent';
    case 'accepted':
    case 'ready':
      return 'accepted';
    case 'in-progress':
      return 'scheduled';
    case 'on-hold':
      if (noShow) return 'no-show';
      errors.push({
        path: 'businessStatus',
        message: 'An on-hold Task is read only as a no-show: expected businessStatus "no-show"',
        code: 'unmapped_status',
      });
      return undefined;
    case 'failed':
      return noShow ? 'no-show' : 'declined';
    case 'completed':
      return 'completed';
    case 'rejected':
      return 'declined';
    case 'cancelled':
      return 'cancelled';
    case 'entered-in-error':
      errors.push({
        path: 'status',
        message: 'A Task entered in error carries no referral status',
        code: 'unmapped_status',
      });
      return undefined;
  }
}

function referralIdOf(task: TaskReading, systems: FhirSystems, errors: FieldError[]): string | undefined {
  const candidates = [
    ...(task.identifier ?? []).map((identifier, index) => ({ identifier, path: `identifier.${String(index)}.value` })),
    ...(task.focus?.identifier ? [{ identifier: task.focus.identifier, path: 'focus.identifier.value' }] : []),
  ];
  const ours = candidates.find(({ identifier }) => identifier.system === systems.referral);
  if (!ours) return undefined;
  const value = ours.identifier.value?.trim() ?? '';
  if (Id.safeParse(value).success) return value.toLowerCase();
  errors.push({ path: ours.path, message: 'Expected a Peerlink referral id (UUID)', code: 'invalid_format' });
  return undefined;
}

function scheduledAtOf(task: TaskReading, systems: FhirSystems, errors: FieldError[]): string | undefined {
  const outputs = task.output ?? [];
  for (const [index, output] of outputs.entries()) {
    const path = `output.${String(index)}`;
    const ours = (output.type.coding ?? []).some(
      (coding) => coding.system === systems.taskOutput && coding.code === scheduledOutputCode,
    );
    if (!ours) continue;
    if (output.valueDateTime !== undefined) return timestamp(output.valueDateTime, `${path}.valueDateTime`, errors);
    if (output.valueInstant !== undefined) return timestamp(output.valueInstant, `${path}.valueInstant`, errors);
    if (output.valuePeriod?.start !== undefined)
      return timestamp(output.valuePeriod.start, `${path}.valuePeriod.start`, errors);
    errors.push({ path, message: 'Expected the appointment time as valueDateTime', code: 'required' });
    return undefined;
  }
  // A receiving system may book an Appointment and point an output at it.
  const contained = task.contained ?? [];
  for (const output of outputs) {
    const target = output.valueReference?.reference;
    if (!target?.startsWith('#')) continue;
    const index = contained.findIndex(
      (resource) => resource.resourceType === 'Appointment' && resource.id === target.slice(1),
    );
    const appointment = contained[index];
    if (appointment?.start !== undefined)
      return timestamp(appointment.start, `contained.${String(index)}.start`, errors);
  }
  return undefined;
}

function timestamp(value: string, path: string, errors: FieldError[]): string | undefined {
  if (Timestamp.safeParse(value).success) return value;
  errors.push({ path, message: 'Expected an ISO 8601 date-time with its UTC offset', code: 'invalid_format' });
  return undefined;
}
