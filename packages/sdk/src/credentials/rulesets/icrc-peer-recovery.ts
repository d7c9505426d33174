import type { RuleSet } from '../../schema/rule-set.js';

/**
 * Example modeled on the IC&RC Peer Recovery (PR) credential as published: 46 training hours in
 * four domains, 500 hours of experience, 25 hours of supervision, a signed code of ethics, an exam,
 * and renewal every 2 years with 20 continuing-education hours, 6 of them in ethics. The role
 * addition is an example program's own. Not a legal source: certification boards set and change
 * their own requirements (many add a background check or a minimum time in recovery).
 */
export const exampleIcrcPeerRecovery: RuleSet = {
  id: 'example-icrc-peer-recovery',
  name: 'Peer Recovery credential (example modeled on IC&RC Peer Recovery)',
  disclaimer:
    'Example modeled on the published IC&RC Peer Recovery requirements; not a legal source. Use your certification board’s current rules.',
  credentialType: 'peer-recovery',
  requirements: [
    { kind: 'training-hours', topic: 'advocacy', hours: 10, label: 'Training: advocacy' },
    { kind: 'training-hours', topic: 'mentoring-education', hours: 10, label: 'Training: mentoring and education' },
    { kind: 'training-hours', topic: 'recovery-wellness', hours: 10, label: 'Training: recovery and wellness support' },
    { kind: 'training-hours', topic: 'ethics', hours: 16, label: 'Training: ethical responsibility' },
    { kind: 'experience-hours', hours: 500, label: 'Peer recovery experience (paid or volunteer)' },
    { kind: 'supervised-hours', hours: 25, label: 'Supervised hours' },
    { kind: 'ethics-code-signed', label: 'Signed code of ethics' },
    { kind: 'exam', label: 'Peer recovery exam' },
  ],
  renewal: { periodMonths: 24, ceHours: 20, ceEthicsHours: 6 },
  roleAdditions: { 'crisis-interventionist': ['crisis-response-72h'] },
};
