import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RequirementEvidence } from '@peerlink/sdk';
import {
  credentialStatus,
  evaluate,
  exampleIcrcPeerRecovery as peerRecovery,
  exampleProgramCrisisResponse as crisisResponse,
  requirementKey,
} from '@peerlink/sdk/credentials';
import type { EvaluableCredential } from '@peerlink/sdk/credentials';
import { CredentialEvaluation } from '../../src/schema/rule-set.js';

const now = new Date('2026-11-22T15:00:00Z');

/** Everything the IC&RC-modeled example asks for, recorded the way the convention says. */
const complete: RequirementEvidence[] = [
  { requirement: 'training:advocacy', value: 10, unit: 'hours', completedOn: '2024-09-10' },
  { requirement: 'training:mentoring-education', value: 10, unit: 'hours', completedOn: '2024-09-17' },
  { requirement: 'training:recovery-wellness', value: 10, unit: 'hours', completedOn: '2024-09-24' },
  { requirement: 'training:ethics', value: 16, unit: 'hours', completedOn: '2024-10-01' },
  { requirement: 'experience', value: 520, unit: 'hours', completedOn: '2025-02-28' },
  { requirement: 'supervised', value: 25, unit: 'hours', completedOn: '2025-02-28' },
  { requirement: 'ethics-code', met: true, completedOn: '2025-03-03' },
  { requirement: 'exam', met: true, completedOn: '2025-03-15' },
  { requirement: 'ce:ethics', value: 6, unit: 'hours', completedOn: '2025-11-05' },
  { requirement: 'ce:harm-reduction', value: 8, unit: 'hours', completedOn: '2026-02-11' },
  { requirement: 'ce', value: 6, unit: 'hours', completedOn: '2026-06-20' },
];

function credential(overrides: Partial<EvaluableCredential> = {}): EvaluableCredential {
  return {
    type: 'peer-recovery',
    administrativeStatus: 'active',
    issuedOn: '2025-04-01',
    expiresOn: '2027-04-01',
    evidence: complete,
    ...overrides,
  };
}

const without = (name: string) => complete.filter((entry) => entry.requirement !== name);
const at = (iso: string) => new Date(iso);

describe('evaluate: status', () => {
  const rows: [name: string, input: EvaluableCredential, when: Date, status: string, reason?: RegExp][] = [
    ['all requirements met, far from expiry', credential(), now, 'active'],
    ['revoked by the issuer', credential({ administrativeStatus: 'revoked' }), now, 'revoked', /Revoked/],
    ['suspended by the issuer', credential({ administrativeStatus: 'suspended' }), now, 'suspended', /Suspended/],
    ['not yet issued', credential({ administrativeStatus: 'pending' }), now, 'pending', /Not yet issued/],
    [
      'revoked outranks expired',
      credential({ administrativeStatus: 'revoked', expiresOn: '2026-01-01' }),
      now,
      'revoked',
    ],
    ['the day after expiry', credential(), at('2027-04-02T00:00:00Z'), 'expired', /Expired on 2027-04-01/],
    ['the expiry day itself, to its last moment', credential(), at('2027-04-01T23:59:59.999Z'), 'expiring', /today/],
    ['one day before expiry', credential(), at('2027-03-31T08:00:00Z'), 'expiring', /in 1 day\)/],
    ['exactly 60 days before expiry', credential(), at('2027-01-31T00:00:00Z'), 'expiring', /in 60 days/],
    ['60 days before expiry, late in the day', credential(), at('2027-01-31T23:59:00Z'), 'expiring', /in 60 days/],
    ['61 days before expiry', credential(), at('2027-01-30T23:59:00Z'), 'active'],
    ['expired outranks unmet requirements', credential({ evidence: [] }), at('2027-05-01T00:00:00Z'), 'expired'],
    [
      'unmet requirements outrank expiring',
      credential({ evidence: without('exam') }),
      at('2027-03-01T00:00:00Z'),
      'pending',
      /Peer recovery exam: not met/,
    ],
    [
      'a rule set for another credential type',
      credential({ type: 'crisis-response-72h' }),
      now,
      'pending',
      /is for peer-recovery credentials, not crisis-response-72h/,
    ],
    [
      'no expiry recorded: issue date plus the renewal period',
      credential({ expiresOn: undefined }),
      at('2027-04-02T12:00:00Z'),
      'expired',
      /Expired on 2027-04-01/,
    ],
    [
      'no expiry recorded, within the period',
      credential({ expiresOn: undefined }),
      at('2026-06-01T12:00:00Z'),
      'active',
    ],
  ];
  for (const [name, input, when, status, reason] of rows) {
    it(`${name} → ${status}`, () => {
      const result = evaluate(input, peerRecovery, when);
      assert.equal(result.status, status, JSON.stringify(result.reasons));
      if (reason)
        assert.ok(
          result.reasons.some((text) => reason.test(text)),
          JSON.stringify(result.reasons),
        );
      const parsed = CredentialEvaluation.safeParse(result);
      assert.ok(parsed.success, JSON.stringify(parsed.error?.issues));
    });
  }

  it('credentialStatus keeps working on its own, with the same day boundaries', () => {
    assert.deepEqual(credentialStatus({ administrativeStatus: 'active', expiresOn: '2027-01-21' }, now), {
      status: 'expiring',
      reasons: ['Expires on 2027-01-21 (in 60 days)'],
    });
    assert.equal(credentialStatus({ administrativeStatus: 'active', expiresOn: '2027-01-22' }, now).status, 'active');
    assert.equal(credentialStatus({ administrativeStatus: 'active', expiresOn: '2026-11-22' }, now).status, 'expiring');
    assert.equal(credentialStatus({ administrativeStatus: 'active', expiresOn: '2026-11-21' }, now).status, 'expired');
    assert.equal(credentialStatus({ administrativeStatus: 'active' }, now).status, 'active');
  });

  it('reads a day boundary in UTC, whatever the offset of the instant given', () => {
    // 19:30 on the expiry day in Chicago is already the next UTC day.
    assert.equal(evaluate(credential(), peerRecovery, at('2027-04-01T19:30:00-05:00')).status, 'expired');
    assert.equal(evaluate(credential(), peerRecovery, at('2027-04-01T18:30:00-05:00')).status, 'expiring');
  });
});

describe('evaluate: requirements', () => {
  for (const requirement of peerRecovery.requirements) {
    const key = requirementKey(requirement);
    it(`missing ${key} → pending, naming it`, () => {
      const result = evaluate(credential({ evidence: without(key) }), peerRecovery, now);
      assert.equal(result.status, 'pending');
      const item = result.checklist.find((entry) => entry.requirement === key);
      assert.ok(item && !item.met);
      assert.equal(result.checklist.filter((entry) => !entry.met).length, 1);
      assert.ok(
        result.reasons.some((text) => text.startsWith(`${item.label}:`)),
        JSON.stringify(result.reasons),
      );
    });
  }

  it('reports hours short of the requirement with what was counted', () => {
    const evidence = [
      ...without('training:advocacy'),
      { requirement: 'training:advocacy', value: 6, unit: 'hours' } as const,
    ];
    const result = evaluate(credential({ evidence }), peerRecovery, now);
    assert.equal(result.status, 'pending');
    assert.deepEqual(result.checklist[0], {
      requirement: 'training:advocacy',
      kind: 'training-hours',
      label: 'Training: advocacy',
      unit: 'hours',
      required: 10,
      actual: 6,
      met: false,
    });
    assert.ok(result.reasons.includes('Training: advocacy: 6 of 10 hours'));
  });

  it('adds up several entries of one requirement', () => {
    const evidence = [
      ...without('training:advocacy'),
      { requirement: 'training:advocacy', value: 4, unit: 'hours' },
      { requirement: 'training:advocacy', value: 6.5, unit: 'hours' },
    ] as const;
    const result = evaluate(credential({ evidence: [...evidence] }), peerRecovery, now);
    assert.equal(result.status, 'active');
    assert.equal(result.checklist[0]?.actual, 10.5);
  });

  it('does not count evidence in another unit, or dated after today', () => {
    const evidence: RequirementEvidence[] = [
      ...without('supervised').filter((entry) => entry.requirement !== 'experience'),
      { requirement: 'supervised', value: 25, unit: 'months' },
      { requirement: 'experience', value: 520, unit: 'hours', completedOn: '2026-11-23' },
    ];
    const result = evaluate(credential({ evidence }), peerRecovery, now);
    assert.equal(result.status, 'pending');
    assert.equal(result.checklist.find((item) => item.requirement === 'supervised')?.actual, 0);
    assert.equal(result.checklist.find((item) => item.requirement === 'experience')?.actual, 0);
    assert.ok(result.reasons.includes('supervised: recorded in months, expected hours; not counted'));
    assert.ok(result.reasons.includes('experience: completed on 2026-11-23, after today; not counted'));
  });

  it('does not take a met flag for hours', () => {
    const evidence = [...without('experience'), { requirement: 'experience', met: true } as const];
    assert.equal(evaluate(credential({ evidence }), peerRecovery, now).status, 'pending');
  });

  it('needs met: true for a yes/no requirement', () => {
    const failed = [...without('exam'), { requirement: 'exam', met: false, completedOn: '2025-03-15' } as const];
    assert.equal(evaluate(credential({ evidence: failed }), peerRecovery, now).status, 'pending');
    const retaken = [...failed, { requirement: 'exam', met: true, completedOn: '2025-05-02' } as const];
    assert.equal(evaluate(credential({ evidence: retaken }), peerRecovery, now).status, 'active');
  });

  it('reads time in recovery as the longest span attested, not a sum', () => {
    const crisis = (evidence: RequirementEvidence[]) =>
      evaluate(
        { ...credential({ type: 'crisis-response-72h', evidence }), expiresOn: '2027-06-01' },
        crisisResponse,
        now,
      );
    const base: RequirementEvidence[] = [
      { requirement: 'training:crisis-response', value: 72, unit: 'hours' },
      { requirement: 'background-check', met: true },
    ];
    const short = crisis([
      ...base,
      { requirement: 'recovery-months', value: 14, unit: 'months' },
      { requirement: 'recovery-months', value: 12, unit: 'months' },
    ]);
    assert.equal(short.status, 'pending');
    assert.ok(short.reasons.includes('Time in recovery: 14 of 24 months'));
    assert.equal(crisis([...base, { requirement: 'recovery-months', value: 30, unit: 'months' }]).status, 'active');
    assert.equal(crisis([...base, { requirement: 'recovery-months', value: 30, unit: 'months' }]).ce, null);
  });

  it('falls back to generated labels when a rule set gives none', () => {
    const bare = { ...peerRecovery, requirements: peerRecovery.requirements.map(({ label: _label, ...rest }) => rest) };
    const result = evaluate(credential({ evidence: [] }), bare, now);
    assert.deepEqual(
      result.checklist.map((item) => item.label),
      [
        'Training: advocacy',
        'Training: mentoring education',
        'Training: recovery wellness',
        'Training: ethics',
        'Experience',
        'Supervised hours',
        'Signed code of ethics',
        'Exam',
      ],
    );
  });
});

describe('evaluate: continuing education', () => {
  const ce = (evidence: RequirementEvidence[], when = now) =>
    evaluate(
      credential({ evidence: [...complete.filter((entry) => !entry.requirement.startsWith('ce')), ...evidence] }),
      peerRecovery,
      when,
    );

  it('sums every ce entry of the cycle, ethics included, against 20 hours with 6 in ethics', () => {
    const result = evaluate(credential(), peerRecovery, now);
    assert.deepEqual(result.ce, {
      required: 20,
      completed: 20,
      ethicsRequired: 6,
      ethicsCompleted: 6,
      met: true,
      cycleStartsOn: '2025-04-01',
      dueOn: '2027-04-01',
    });
    assert.deepEqual(result.reasons, []);
  });

  it('enforces the ethics minimum even when the total is met', () => {
    const result = ce([
      { requirement: 'ce:ethics', value: 2, unit: 'hours' },
      { requirement: 'ce', value: 18, unit: 'hours' },
    ]);
    assert.ok(result.ce);
    assert.equal(result.ce.completed, 20);
    assert.equal(result.ce.met, false);
    assert.deepEqual(result.reasons, ['Continuing education in ethics for renewal by 2027-04-01: 2 of 6 hours']);
    // Still in force: continuing education is due by renewal.
    assert.equal(result.status, 'active');
  });

  it('reports a short total, and says so beside the expiry warning', () => {
    const result = ce([{ requirement: 'ce:ethics', value: 6, unit: 'hours' }], at('2027-03-01T12:00:00Z'));
    assert.equal(result.status, 'expiring');
    assert.deepEqual(result.reasons, [
      'Expires on 2027-04-01 (in 31 days)',
      'Continuing education for renewal by 2027-04-01: 6 of 20 hours',
    ]);
  });

  it('counts only hours of the current cycle', () => {
    // A record renewed in place keeps its first issue date; the cycle is the last 24 months.
    const renewed = evaluate(
      credential({
        issuedOn: '2021-04-01',
        evidence: [
          ...complete.filter((entry) => !entry.requirement.startsWith('ce')),
          { requirement: 'ce', value: 20, unit: 'hours', completedOn: '2024-05-01' },
          { requirement: 'ce:ethics', value: 6, unit: 'hours', completedOn: '2025-04-01' },
        ],
      }),
      peerRecovery,
      now,
    );
    assert.ok(renewed.ce);
    assert.equal(renewed.ce.cycleStartsOn, '2025-04-01');
    assert.equal(renewed.ce.completed, 6);
    assert.equal(renewed.ce.ethicsCompleted, 6);
  });
});
