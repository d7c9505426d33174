import type { RuleSet } from '../../schema/rule-set.js';

/**
 * Example of a program's own requirement for peers it sends to overdose scenes and crises with
 * police, EMS or coroner investigators: a 72-hour crisis and response training, a background
 * check (they ride with law enforcement) and two years in recovery. Invented for illustration;
 * not a legal source.
 */
export const exampleProgramCrisisResponse: RuleSet = {
  id: 'example-program-crisis-response',
  name: '72-hour crisis and response training (example program requirement)',
  disclaimer: 'Example of a program’s own requirement, invented for illustration; not a legal source.',
  credentialType: 'crisis-response-72h',
  requirements: [
    { kind: 'training-hours', topic: 'crisis-response', hours: 72, label: 'Crisis and response training' },
    { kind: 'background-check', label: 'Background check' },
    { kind: 'time-in-recovery', months: 24, label: 'Time in recovery' },
  ],
};
