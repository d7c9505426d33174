import * as z from 'zod/mini';
import { SpecialistRole } from './agency.js';
import { CredentialStatus } from './credential-status.js';
import { agencyRecord, version } from './fields.js';
import { Id, PageQuery, Timestamp, list, set, text } from './primitives.js';

// Written out rather than built by a local helper: the bundler drops unused schemas only when
// every call that builds one is a `z.…` or contract-helper call.
const codePattern = /^[a-z0-9][a-z0-9-]*$/;
const codeMessage = 'Expected a lowercase code';

/** The same code `Credential.type` carries, e.g. `peer-recovery` or `crisis-response-72h`. */
const credentialType = z.string().check(z.minLength(1), z.maxLength(64), z.regex(codePattern, codeMessage));

const hours = z.number().check(z.gt(0), z.lte(10000));
const ceHours = z.number().check(z.gte(0), z.lte(1000));
const months = z.number().check(z.int(), z.gte(1), z.lte(600));
/** Overrides the generated English label in checklists. */
const label = z.optional(text(1, 200));

/**
 * One requirement of a rule set. Its evidence is found in `Credential.evidence` by name:
 * `training:<topic>`, `experience`, `supervised`, `recovery-months`, `background-check`,
 * `ethics-code` and `exam` (see `requirementKey()` in `@peerlink/sdk/credentials`).
 */
export const RuleSetRequirement = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('training-hours'),
    topic: z.string().check(z.minLength(1), z.maxLength(40), z.regex(codePattern, codeMessage)),
    hours,
    label,
  }),
  z.strictObject({ kind: z.literal('experience-hours'), hours, label }),
  z.strictObject({ kind: z.literal('supervised-hours'), hours, label }),
  z.strictObject({ kind: z.literal('time-in-recovery'), months, label }),
  z.strictObject({ kind: z.literal('background-check'), label }),
  z.strictObject({ kind: z.literal('ethics-code-signed'), label }),
  z.strictObject({ kind: z.literal('exam'), label }),
]);
export type RuleSetRequirement = z.infer<typeof RuleSetRequirement>;

const renewal = z
  .strictObject({
    /** Length of one certification cycle; also the expiry when a credential records none. */
    periodMonths: z.number().check(z.int(), z.gte(1), z.lte(120)),
    /** Continuing-education hours due each cycle, ethics hours included. */
    ceHours,
    /** The part of `ceHours` that must be in ethics. */
    ceEthicsHours: ceHours,
  })
  .check(
    z.refine((value: { ceHours: number; ceEthicsHours: number }) => value.ceEthicsHours <= value.ceHours, {
      message: 'Must not exceed ceHours (ethics hours count toward the total)',
      path: ['ceEthicsHours'],
    }),
  );

const additions = z.optional(set(credentialType, 10, 1));

/**
 * Requirements for one credential type, as data a program can load from JSON. Shipped examples
 * are modeled on published credentials and say so in `disclaimer`; they are not legal sources.
 */
export const RuleSet = z
  .strictObject({
    id: z.string().check(z.minLength(1), z.maxLength(100), z.regex(codePattern, codeMessage)),
    name: text(1, 200),
    /** Where the rules come from and what they are not, shown wherever the rule set is. */
    disclaimer: z.optional(text(1, 500)),
    credentialType,
    requirements: list(RuleSetRequirement, 50),
    /** Absent when the credential has no renewal cycle of its own. */
    renewal: z.optional(renewal),
    /** Extra credential types a role needs on top of this one (a program's own additions). */
    roleAdditions: z.optional(
      z.strictObject({
        'crisis-interventionist': additions,
        'recovery-coach': additions,
        'court-peer-specialist': additions,
        'reentry-advocate': additions,
      } satisfies Record<SpecialistRole, typeof additions>),
    ),
  })
  .check(
    z.superRefine((ruleSet, ctx) => {
      // Two requirements reading the same evidence would count it twice.
      const seen = new Set<string>();
      ruleSet.requirements.forEach((requirement, index) => {
        const key = requirement.kind === 'training-hours' ? `training:${requirement.topic}` : requirement.kind;
        if (seen.has(key)) {
          ctx.addIssue({
            code: 'custom',
            message: 'Repeats an earlier requirement',
            path: ['requirements', index],
            input: requirement,
          });
        }
        seen.add(key);
      });
      for (const role of SpecialistRole.options) {
        if (ruleSet.roleAdditions?.[role]?.includes(ruleSet.credentialType)) {
          ctx.addIssue({
            code: 'custom',
            message: 'A credential cannot be an addition to itself',
            path: ['roleAdditions', role],
            input: ruleSet.roleAdditions,
          });
        }
      }
    }),
  );
export type RuleSet = z.infer<typeof RuleSet>;

export const RequirementKind = z.enum([
  'training-hours',
  'experience-hours',
  'supervised-hours',
  'time-in-recovery',
  'background-check',
  'ethics-code-signed',
  'exam',
]);
export type RequirementKind = z.infer<typeof RequirementKind>;

const quantity = z.nullable(z.number().check(z.gte(0)));

/** How one credential measures against its rule set, as `evaluate()` reports it. */
export const CredentialEvaluation = z.object({
  status: CredentialStatus,
  reasons: list(text(1, 300), 60),
  checklist: list(
    z.object({
      /** The evidence name the requirement reads, e.g. `training:advocacy`. */
      requirement: text(1, 100),
      kind: RequirementKind,
      label: text(1, 200),
      /** `null` for yes/no requirements (a check done, an exam passed). */
      unit: z.nullable(z.enum(['hours', 'months'])),
      required: quantity,
      actual: quantity,
      met: z.boolean(),
    }),
    50,
  ),
  /** Continuing education in the current cycle; `null` when the rule set has no renewal. */
  ce: z.nullable(
    z.object({
      required: z.number().check(z.gte(0)),
      completed: z.number().check(z.gte(0)),
      ethicsRequired: z.number().check(z.gte(0)),
      ethicsCompleted: z.number().check(z.gte(0)),
      met: z.boolean(),
      /** First day whose continuing education counts toward this cycle. */
      cycleStartsOn: z.iso.date(),
      dueOn: z.iso.date(),
    }),
  ),
});
export type CredentialEvaluation = z.infer<typeof CredentialEvaluation>;

/** Whether a specialist may work in a role now, as `qualifiesFor()` reports it. */
export const RoleQualification = z.object({
  role: SpecialistRole,
  qualified: z.boolean(),
  reasons: list(text(1, 300), 100),
  /** One row per credential type the role needs, with the best credential held of that type. */
  credentials: list(
    z.object({
      type: credentialType,
      status: z.union([CredentialStatus, z.literal('missing')]),
      credentialId: z.optional(Id),
    }),
    20,
  ),
});
export type RoleQualification = z.infer<typeof RoleQualification>;

/** One version of an agency's rule set, as kept forever: a change makes a new version. */
export const RuleSetVersion = z.object({
  ...agencyRecord,
  version,
  rules: RuleSet,
  /** When this version was made. */
  createdAt: Timestamp,
});
export type RuleSetVersion = z.infer<typeof RuleSetVersion>;

/** An agency's rule set in its current version, with the peer roles it is assigned to. */
export const AgencyRuleSet = z.object({
  ...RuleSetVersion.shape,
  /** Each role has at most one rule set: the credentials of its peers are measured by it. */
  roles: list(SpecialistRole, SpecialistRole.options.length),
});
export type AgencyRuleSet = z.infer<typeof AgencyRuleSet>;

/** Body of `POST /v1/rule-sets`. */
export const CreateRuleSetRequest = z.strictObject({
  rules: RuleSet,
  /** Roles to assign it to at once (each moves from the rule set it had). */
  roles: z.optional(set(SpecialistRole, SpecialistRole.options.length)),
});
export type CreateRuleSetRequest = z.infer<typeof CreateRuleSetRequest>;

/** Body of `PATCH /v1/rule-sets/{id}`: the whole new version, made only over the version the caller read. */
export const UpdateRuleSetRequest = z.strictObject({
  rules: RuleSet,
  /** The current version the change was made from; another answers 409. */
  expectedVersion: version,
});
export type UpdateRuleSetRequest = z.infer<typeof UpdateRuleSetRequest>;

/** Body of `POST /v1/rule-sets/{id}/assign`: the roles the rule set is assigned to from now on (none to unassign it). */
export const AssignRuleSetRequest = z.strictObject({
  roles: set(SpecialistRole, SpecialistRole.options.length),
});
export type AssignRuleSetRequest = z.infer<typeof AssignRuleSetRequest>;

export const RuleSetListQuery = z.strictObject({ ...PageQuery });
export type RuleSetListQuery = z.infer<typeof RuleSetListQuery>;
