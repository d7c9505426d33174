import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PeerValidationError } from '@peerlink/sdk';
import { exampleIcrcPeerRecovery, exampleRuleSets, parseRuleSet, requirementKey } from '@peerlink/sdk/credentials';
import { RuleSet } from '../../src/schema/rule-set.js';
import { problemsOf, thrown } from '../support/thrown.js';

/** A rule set as it arrives from a JSON file, so each case can break one part of it. */
const json = (): Record<string, unknown> =>
  JSON.parse(JSON.stringify(exampleIcrcPeerRecovery)) as Record<string, unknown>;
const requirements = (value: Record<string, unknown>) => value.requirements as Record<string, unknown>[];
/** The rule set with one field of its `index`th requirement set to `value`. */
function withRequirement(
  ruleSet: Record<string, unknown>,
  index: number,
  field: string,
  value: unknown,
): Record<string, unknown> {
  return {
    ...ruleSet,
    requirements: requirements(ruleSet).map((requirement, i) =>
      i === index ? { ...requirement, [field]: value } : requirement,
    ),
  };
}

const errorsOf = (input: unknown) =>
  problemsOf(thrown(PeerValidationError, () => parseRuleSet(input), 'expected the rule set to be rejected'));

describe('rule sets', () => {
  it('ships examples that validate against the RuleSet contract and say they are examples', () => {
    assert.deepEqual(
      exampleRuleSets.map((ruleSet) => ruleSet.id),
      ['example-icrc-peer-recovery', 'example-program-crisis-response'],
    );
    for (const ruleSet of exampleRuleSets) {
      assert.ok(RuleSet.safeParse(ruleSet).success, ruleSet.id);
      assert.deepEqual(parseRuleSet(JSON.parse(JSON.stringify(ruleSet))), ruleSet);
      assert.match(ruleSet.disclaimer ?? '', /not a legal source/);
      assert.match(ruleSet.name, /example/i);
    }
  });

  it('models the IC&RC Peer Recovery numbers: 46 training hours, 500 experience, 25 supervised, 20 CE with 6 ethics every 2 years', () => {
    const hoursOf = (kind: string) =>
      exampleIcrcPeerRecovery.requirements
        .filter((requirement) => requirement.kind === kind)
        .reduce((total, requirement) => total + ('hours' in requirement ? requirement.hours : 0), 0);
    assert.equal(hoursOf('training-hours'), 46);
    assert.deepEqual(
      exampleIcrcPeerRecovery.requirements
        .filter((r) => r.kind === 'training-hours')
        .map((r) => [requirementKey(r), 'hours' in r ? r.hours : 0]),
      [
        ['training:advocacy', 10],
        ['training:mentoring-education', 10],
        ['training:recovery-wellness', 10],
        ['training:ethics', 16],
      ],
    );
    assert.equal(hoursOf('experience-hours'), 500);
    assert.equal(hoursOf('supervised-hours'), 25);
    assert.ok(exampleIcrcPeerRecovery.requirements.some((r) => r.kind === 'exam'));
    assert.deepEqual(exampleIcrcPeerRecovery.renewal, { periodMonths: 24, ceHours: 20, ceEthicsHours: 6 });
    assert.deepEqual(exampleIcrcPeerRecovery.roleAdditions, { 'crisis-interventionist': ['crisis-response-72h'] });
  });

  const cases: [name: string, mutate: (ruleSet: Record<string, unknown>) => unknown, path: string, message: RegExp][] =
    [
      ['zero hours', (r) => withRequirement(r, 0, 'hours', 0), 'requirements.0.hours', /greater than 0/],
      [
        'an unknown requirement kind',
        (r) => withRequirement(r, 1, 'kind', 'yoga'),
        'requirements.1.kind',
        /one of: "training-hours"/,
      ],
      [
        'a topic that is not a code',
        (r) => withRequirement(r, 0, 'topic', 'Advocacy & Rights'),
        'requirements.0.topic',
        /lowercase code/,
      ],
      ['a field another kind has', (r) => withRequirement(r, 7, 'hours', 3), 'requirements.7.hours', /Unknown field/],
      [
        'months that are not whole',
        (r) => ({ ...r, requirements: [{ kind: 'time-in-recovery', months: 1.5 }] }),
        'requirements.0.months',
        /int/,
      ],
      [
        'the same requirement twice',
        (r) => ({ ...r, requirements: [...requirements(r), { kind: 'exam' }] }),
        'requirements.8',
        /Repeats an earlier requirement/,
      ],
      [
        'more ethics CE than CE',
        (r) => ({ ...r, renewal: { periodMonths: 24, ceHours: 4, ceEthicsHours: 6 } }),
        'renewal.ceEthicsHours',
        /Must not exceed ceHours/,
      ],
      [
        'a renewal period of zero months',
        (r) => ({ ...r, renewal: { periodMonths: 0, ceHours: 20, ceEthicsHours: 6 } }),
        'renewal.periodMonths',
        /at least 1/,
      ],
      [
        'a role that does not exist',
        (r) => ({ ...r, roleAdditions: { firefighter: ['crisis-response-72h'] } }),
        'roleAdditions.firefighter',
        /Unknown field/,
      ],
      [
        'a credential required in addition to itself',
        (r) => ({ ...r, roleAdditions: { 'recovery-coach': ['peer-recovery'] } }),
        'roleAdditions.recovery-coach',
        /addition to itself/,
      ],
      [
        'an empty addition list',
        (r) => ({ ...r, roleAdditions: { 'recovery-coach': [] } }),
        'roleAdditions.recovery-coach',
        /at least 1 item/,
      ],
      [
        'no credential type',
        (r) => {
          delete r.credentialType;
          return r;
        },
        'credentialType',
        /Required/,
      ],
      ['an unknown top-level field', (r) => ({ ...r, source: 'statute' }), 'source', /Unknown field/],
      [
        'a disclaimer that is too long',
        (r) => ({ ...r, disclaimer: 'x'.repeat(501) }),
        'disclaimer',
        /at most 500 characters/,
      ],
    ];
  for (const [name, mutate, path, message] of cases) {
    it(`rejects ${name}, naming ${path}`, () => {
      const errors = errorsOf(mutate(json()));
      const error = errors.find((candidate) => candidate.path === path);
      assert.ok(error, `no error at ${path}: ${JSON.stringify(errors)}`);
      assert.match(error.message, message);
    });
  }

  it('rejects what is not a rule set at all', () => {
    assert.deepEqual(errorsOf([]), [{ path: '', message: 'Expected object, received array' }]);
  });
});
