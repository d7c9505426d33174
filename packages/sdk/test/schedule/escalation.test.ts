import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as z from 'zod/mini';
import { EscalationPolicyInput, defaultEscalationPolicy, toFieldErrors } from '@peerlink/sdk';

describe('escalation policy contract', () => {
  it('holds today’s behavior as the default: primary, backup, supervisor, five minutes each, supervisor copied', () => {
    assert.equal(z.safeParse(EscalationPolicyInput, defaultEscalationPolicy).success, true);
    assert.deepEqual(
      defaultEscalationPolicy.levels.map((level) => [level.targets, level.timeoutSeconds]),
      [
        [[{ kind: 'position', position: 'primary' }], 300],
        [[{ kind: 'position', position: 'backup' }], 300],
        [[{ kind: 'position', position: 'supervisor' }], 300],
      ],
    );
  });

  it('refuses no levels, an empty level, timeouts outside 30 s–1 h, too many repeats and unknown targets, naming the field', () => {
    const cases: [unknown, string][] = [
      [{ ...defaultEscalationPolicy, levels: [] }, 'levels'],
      [{ ...defaultEscalationPolicy, levels: [{ targets: [], timeoutSeconds: 300 }] }, 'levels.0.targets'],
      [
        { ...defaultEscalationPolicy, levels: [{ targets: [{ kind: 'area-peers' }], timeoutSeconds: 10 }] },
        'levels.0.timeoutSeconds',
      ],
      [
        { ...defaultEscalationPolicy, levels: [{ targets: [{ kind: 'area-peers' }], timeoutSeconds: 7200 }] },
        'levels.0.timeoutSeconds',
      ],
      [{ ...defaultEscalationPolicy, repeat: 4 }, 'repeat'],
      [{ ...defaultEscalationPolicy, copies: [{ kind: 'everyone' }] }, 'copies.0.kind'],
    ];
    for (const [input, path] of cases) {
      const errors = toFieldErrors(z.safeParse(EscalationPolicyInput, input).error?.issues ?? [], input);
      assert.ok(
        errors.some((error) => error.path === path),
        `${path}: ${JSON.stringify(errors)}`,
      );
    }
  });
});
