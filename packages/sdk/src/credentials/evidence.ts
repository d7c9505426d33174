import type { RequirementEvidence } from '../schema/credential.js';
import type { RuleSetRequirement } from '../schema/rule-set.js';

/**
 * Names of `RequirementEvidence.requirement`, the convention between whoever records evidence
 * and the rule sets that read it:
 *
 * | requirement kind     | evidence name       | read as                                   |
 * | -------------------- | ------------------- | ----------------------------------------- |
 * | `training-hours`     | `training:<topic>`  | sum of `value` in hours                   |
 * | `experience-hours`   | `experience`        | sum of `value` in hours                   |
 * | `supervised-hours`   | `supervised`        | sum of `value` in hours                   |
 * | `time-in-recovery`   | `recovery-months`   | largest `value` in months, as attested    |
 * | `background-check`   | `background-check`  | `met: true`                               |
 * | `ethics-code-signed` | `ethics-code`       | `met: true`                               |
 * | `exam`               | `exam`              | `met: true`                               |
 * | continuing education | `ce` or `ce:<topic>`| sum of `value` in hours this cycle        |
 * | …in ethics           | `ce:ethics`         | counts toward the total and the ethics minimum |
 *
 * Record each course or period once; several entries of one name add up. Hours and months are
 * measured by `value` (a `met` flag alone is not a number of hours). An entry whose `unit` is not
 * the one expected, or whose `completedOn` is after today, is not counted.
 */
export function requirementKey(requirement: RuleSetRequirement): string {
  switch (requirement.kind) {
    case 'training-hours':
      return `training:${requirement.topic}`;
    case 'experience-hours':
      return 'experience';
    case 'supervised-hours':
      return 'supervised';
    case 'time-in-recovery':
      return 'recovery-months';
    case 'background-check':
      return 'background-check';
    case 'ethics-code-signed':
      return 'ethics-code';
    case 'exam':
      return 'exam';
  }
}

/** Evidence name of continuing education in ethics; any `ce` or `ce:<topic>` counts toward the total. */
export const ceEthicsKey = 'ce:ethics';

export const isContinuingEducation = (evidence: Pick<RequirementEvidence, 'requirement'>): boolean =>
  evidence.requirement === 'ce' || evidence.requirement.startsWith('ce:');

export function defaultLabel(requirement: RuleSetRequirement): string {
  switch (requirement.kind) {
    case 'training-hours':
      return `Training: ${requirement.topic.replaceAll('-', ' ')}`;
    case 'experience-hours':
      return 'Experience';
    case 'supervised-hours':
      return 'Supervised hours';
    case 'time-in-recovery':
      return 'Time in recovery';
    case 'background-check':
      return 'Background check';
    case 'ethics-code-signed':
      return 'Signed code of ethics';
    case 'exam':
      return 'Exam';
  }
}
