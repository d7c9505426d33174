import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exampleRuleSets, qualifiesFor, requiredCredentialTypes } from '@peerlink/sdk/credentials';
import type { CredentialHolder, HeldCredential } from '@peerlink/sdk/credentials';
import { RoleQualification } from '../../src/schema/rule-set.js';
import { icrcInitialEvidence as peerRecoveryEvidence } from '../fixtures/credentials.js';

const now = new Date('2026-11-22T15:00:00Z');
const dana = '5d2e8a41-7c3b-4f6a-8e19-2b7c4d9f1a03';
const someoneElse = '5d2e8a41-7c3b-4f6a-8e19-2b7c4d9f1a04';

const peerRecovery: HeldCredential = {
  id: '4a5b6c7d-8e9f-4a0b-9c1d-2e3f4a5b6c11',
  specialistId: dana,
  type: 'peer-recovery',
  ruleSetId: 'example-icrc-peer-recovery',
  administrativeStatus: 'active',
  issuedOn: '2025-04-01',
  expiresOn: '2027-04-01',
  evidence: peerRecoveryEvidence,
};
const crisisTraining: HeldCredential = {
  id: '4a5b6c7d-8e9f-4a0b-9c1d-2e3f4a5b6c12',
  specialistId: dana,
  type: 'crisis-response-72h',
  ruleSetId: 'example-program-crisis-response',
  administrativeStatus: 'active',
  issuedOn: '2026-02-01',
  expiresOn: '2028-02-01',
  evidence: [
    { requirement: 'training:crisis-response', value: 72, unit: 'hours' },
    { requirement: 'background-check', met: true },
    { requirement: 'recovery-months', value: 40, unit: 'months' },
  ],
};

const holder = (
  credentials: HeldCredential[],
  roles: CredentialHolder['roles'] = ['crisis-interventionist', 'recovery-coach'],
): CredentialHolder => ({
  id: dana,
  roles,
  credentials,
});

describe('qualifiesFor', () => {
  it('lists the credential types each role needs under the example rule sets', () => {
    assert.deepEqual(requiredCredentialTypes('recovery-coach', exampleRuleSets), ['peer-recovery']);
    assert.deepEqual(requiredCredentialTypes('crisis-interventionist', exampleRuleSets), [
      'peer-recovery',
      'crisis-response-72h',
    ]);
    assert.deepEqual(requiredCredentialTypes('recovery-coach', []), []);
  });

  const rows: [
    name: string,
    specialist: CredentialHolder,
    role: CredentialHolder['roles'][number],
    qualified: boolean,
    reason?: RegExp,
  ][] = [
    ['a recovery coach needs no role addition', holder([peerRecovery]), 'recovery-coach', true],
    [
      'a crisis interventionist without the 72-hour training',
      holder([peerRecovery]),
      'crisis-interventionist',
      false,
      /^No crisis-response-72h credential$/,
    ],
    ['a crisis interventionist with it', holder([peerRecovery, crisisTraining]), 'crisis-interventionist', true],
    [
      'a role not assigned',
      holder([peerRecovery, crisisTraining], ['recovery-coach']),
      'crisis-interventionist',
      false,
      /^Not assigned the crisis-interventionist role$/,
    ],
    [
      'the 72-hour training expired',
      holder([peerRecovery, { ...crisisTraining, expiresOn: '2026-11-01' }]),
      'crisis-interventionist',
      false,
      /^crisis-response-72h: Expired on 2026-11-01$/,
    ],
    [
      'the base credential suspended',
      holder([{ ...peerRecovery, administrativeStatus: 'suspended' }, crisisTraining]),
      'recovery-coach',
      false,
      /^peer-recovery credential is suspended$/,
    ],
    [
      'the base credential missing a requirement',
      holder([{ ...peerRecovery, evidence: peerRecoveryEvidence.filter((e) => e.requirement !== 'exam') }]),
      'recovery-coach',
      false,
      /^peer-recovery: Peer recovery exam: not met$/,
    ],
    [
      'an expired credential beside its renewal',
      holder([{ ...peerRecovery, id: undefined, issuedOn: '2023-04-01', expiresOn: '2025-04-01' }, peerRecovery]),
      'recovery-coach',
      true,
    ],
    [
      'a credential that belongs to someone else',
      holder([{ ...peerRecovery, specialistId: someoneElse }]),
      'recovery-coach',
      false,
      /^No peer-recovery credential$/,
    ],
    [
      'an expiring credential, with a warning',
      holder([{ ...peerRecovery, expiresOn: '2027-01-10' }]),
      'recovery-coach',
      true,
      /^peer-recovery: Expires on 2027-01-10 \(in 49 days\)$/,
    ],
  ];
  for (const [name, specialist, role, qualified, reason] of rows) {
    it(`${name} → ${qualified ? 'qualified' : 'not qualified'}`, () => {
      const result = qualifiesFor(specialist, role, now, exampleRuleSets);
      assert.equal(result.qualified, qualified, JSON.stringify(result.reasons));
      if (reason)
        assert.ok(
          result.reasons.some((text) => reason.test(text)),
          JSON.stringify(result.reasons),
        );
      if (qualified && !reason) assert.deepEqual(result.reasons, []);
      const parsed = RoleQualification.safeParse(result);
      assert.ok(parsed.success, JSON.stringify(parsed.error?.issues));
    });
  }

  it('reports the best credential held of each type, and missing ones', () => {
    const result = qualifiesFor(holder([peerRecovery]), 'crisis-interventionist', now, exampleRuleSets);
    assert.deepEqual(result.credentials, [
      { type: 'peer-recovery', status: 'active', credentialId: peerRecovery.id },
      { type: 'crisis-response-72h', status: 'missing' },
    ]);
  });

  it('uses issuer status and expiry alone for a credential type without a rule set', () => {
    const ruleSets = exampleRuleSets.map((ruleSet) =>
      ruleSet.credentialType === 'peer-recovery'
        ? { ...ruleSet, roleAdditions: { ...ruleSet.roleAdditions, 'recovery-coach': ['naloxone-trainer'] } }
        : ruleSet,
    );
    const trainer: HeldCredential = {
      type: 'naloxone-trainer',
      administrativeStatus: 'active',
      issuedOn: '2026-01-01',
      evidence: [],
    };
    assert.equal(qualifiesFor(holder([peerRecovery, trainer]), 'recovery-coach', now, ruleSets).qualified, true);
    assert.equal(
      qualifiesFor(
        holder([peerRecovery, { ...trainer, administrativeStatus: 'revoked' }]),
        'recovery-coach',
        now,
        ruleSets,
      ).qualified,
      false,
    );
  });
});
