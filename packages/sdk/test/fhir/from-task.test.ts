import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Task } from '@medplum/fhirtypes';
import { PeerValidationError, referralStatuses } from '@peerlink/sdk';
import { FhirImportError, fromTask, toTask } from '@peerlink/sdk/fhir';
import { appointment, exampleResource, referralAt } from './support.js';
import { thrown } from '../support/thrown.js';

const resources = [exampleResource];
const referral = referralAt('sent');
/** The Task Peerlink sent, as the other side would send it back after changing it. */
const sent = (): Task => JSON.parse(JSON.stringify(toTask(referral, { resources }))) as Task;

function importErrors(input: unknown): Record<string, string> {
  const error = thrown(FhirImportError, () => fromTask(input), 'fromTask accepted it');
  assert.ok(error instanceof PeerValidationError);
  assert.equal(error.code, 'fhir_invalid');
  return { ...error.fieldErrors };
}

describe('fromTask round trip', () => {
  for (const status of referralStatuses) {
    it(`reads a ${status} referral's Task back to ${status}, with its time and appointment`, () => {
      const source = referralAt(status);
      const update = fromTask(JSON.parse(JSON.stringify(toTask(source, { resources }))));
      assert.deepEqual(update, {
        referralId: source.id,
        status,
        at: source.updatedAt,
        ...(source.scheduledAt ? { scheduledAt: source.scheduledAt } : {}),
        ...(['declined', 'no-show', 'cancelled'].includes(status) ? { reason: update.reason } : {}),
      });
    });
  }

  it('reads back with the systems it was exported with', () => {
    const systems = {
      referral: 'https://program.example.org/fhir/id/referral',
      referralStatus: 'https://program.example.org/fhir/referral-status',
    };
    const task = toTask(referralAt('no-show'), { resources, systems });
    assert.deepEqual(fromTask(task, { systems }).status, 'no-show');
    assert.equal(fromTask(task, { systems }).referralId, referral.id);
    // Read with the default systems, the referral id is not recognized.
    assert.equal(fromTask(task).referralId, undefined);
  });
});

describe('fromTask reads what the other side changed', () => {
  const update = (changes: Partial<Task>): Task => ({ ...sent(), businessStatus: undefined, ...changes });

  it('takes received as sent and ready as accepted', () => {
    assert.equal(fromTask(update({ status: 'received' })).status, 'sent');
    assert.equal(fromTask(update({ status: 'ready' })).status, 'accepted');
  });

  it('reads an accepted Task with its time', () => {
    assert.deepEqual(fromTask(update({ status: 'accepted', lastModified: '2026-11-23T08:15:00-06:00' })), {
      referralId: referral.id,
      status: 'accepted',
      at: '2026-11-23T08:15:00-06:00',
    });
  });

  it('falls back to meta.lastUpdated, and takes a completed Task at the end of its execution', () => {
    const { lastModified: _lastModified, ...task } = update({ status: 'in-progress' });
    assert.equal(fromTask({ ...task, meta: { lastUpdated: '2026-11-24T10:00:00Z' } }).at, '2026-11-24T10:00:00Z');
    const done = update({
      status: 'completed',
      executionPeriod: { start: '2026-11-25T09:00:00-06:00', end: '2026-11-25T10:30:00-06:00' },
    });
    assert.equal(fromTask(done).at, '2026-11-25T10:30:00-06:00');
  });

  it('reads the appointment from a contained Appointment an output points at', () => {
    const task = update({
      status: 'in-progress',
      contained: [
        {
          resourceType: 'Appointment',
          id: 'appt',
          status: 'booked',
          start: appointment,
          participant: [{ status: 'accepted' }],
        },
      ],
      output: [{ type: { text: 'Appointment' }, valueReference: { reference: '#appt' } }],
    });
    assert.equal(fromTask(task).scheduledAt, appointment);
  });

  it('takes no-show from businessStatus on an on-hold or failed Task, and a plain failure as declined', () => {
    assert.equal(fromTask(update({ status: 'on-hold', businessStatus: { text: 'No show' } })).status, 'no-show');
    assert.equal(
      fromTask(
        update({ status: 'failed', businessStatus: { coding: [{ system: 'urn:example:status', code: 'NO-SHOW' }] } }),
      ).status,
      'no-show',
    );
    assert.equal(fromTask(update({ status: 'failed' })).status, 'declined');
  });

  it('keeps the reason the other side gave, as written', () => {
    const declined = fromTask(update({ status: 'rejected', statusReason: { text: 'No beds until next week' } }));
    assert.equal(declined.status, 'declined');
    assert.equal(declined.reason, 'No beds until next week');
    const coded = fromTask(
      update({
        status: 'cancelled',
        statusReason: { coding: [{ system: 'urn:example:reason', code: 'moved', display: 'Person moved away' }] },
      }),
    );
    assert.equal(coded.reason, 'Person moved away');
  });

  it('finds the referral id on the focus when the Task lost its identifier', () => {
    const task = update({
      identifier: [{ system: 'urn:example:hospital-task', value: 'T-99' }],
      focus: {
        reference: 'ServiceRequest/abc',
        identifier: { system: 'urn:peerlink:referral', value: referral.id.toUpperCase() },
      },
    });
    assert.equal(fromTask(task).referralId, referral.id);
    assert.equal(
      fromTask(update({ identifier: undefined, focus: { reference: 'ServiceRequest/abc' } })).referralId,
      undefined,
    );
  });
});

describe('fromTask refuses malformed input', () => {
  it('names the field at fault', () => {
    const cases: [string, unknown, Record<string, string>][] = [
      ['not a resource', 'Task', { '': 'Expected object, received string' }],
      [
        'another resource type',
        { ...sent(), resourceType: 'ServiceRequest' },
        { resourceType: 'Expected one of: "Task"' },
      ],
      ['no status', { ...sent(), status: undefined }, { status: expect('Expected one of: "draft", "requested"') }],
      [
        'an unknown status',
        { ...sent(), status: 'waiting' },
        { status: expect('Expected one of: "draft", "requested"') },
      ],
      [
        'a business status of the wrong type',
        { ...sent(), businessStatus: 'scheduled' },
        { businessStatus: 'Expected object, received string' },
      ],
      [
        'a date without time',
        { ...sent(), lastModified: '2026-11-23' },
        { lastModified: 'Expected an ISO 8601 date-time with its UTC offset' },
      ],
      [
        'a date-time without offset',
        { ...sent(), lastModified: '2026-11-23T10:00:00' },
        { lastModified: 'Expected an ISO 8601 date-time with its UTC offset' },
      ],
      ['an output without a type', { ...sent(), output: [{ valueString: 'x' }] }, { 'output.0.type': 'Required' }],
      [
        'a bad appointment time',
        {
          ...sent(),
          status: 'in-progress',
          output: [
            {
              type: { coding: [{ system: 'urn:peerlink:task-output', code: 'scheduled-at' }] },
              valueDateTime: 'Tuesday 9am',
            },
          ],
        },
        { 'output.0.valueDateTime': 'Expected an ISO 8601 date-time with its UTC offset' },
      ],
      [
        'an appointment output without a value',
        {
          ...sent(),
          output: [
            { type: { coding: [{ system: 'urn:peerlink:task-output', code: 'scheduled-at' }] }, valueString: 'soon' },
          ],
        },
        { 'output.0': 'Expected the appointment time as valueDateTime' },
      ],
      [
        'a referral id that is not one',
        { ...sent(), identifier: [{ system: 'urn:peerlink:referral', value: 'R-1' }] },
        { 'identifier.0.value': 'Expected a Peerlink referral id (UUID)' },
      ],
      [
        'a Task that is not a referral fulfilment',
        { ...sent(), code: { coding: [{ system: 'http://hl7.org/fhir/CodeSystem/task-code', code: 'approve' }] } },
        { code: expect('Expected the task code "fulfill"') },
      ],
      [
        'an on-hold Task for another reason',
        { ...sent(), status: 'on-hold', businessStatus: { text: 'Waiting for paperwork' } },
        { businessStatus: expect('An on-hold Task is read only as a no-show') },
      ],
      [
        'a Task entered in error',
        { ...sent(), status: 'entered-in-error' },
        { status: 'A Task entered in error carries no referral status' },
      ],
    ];
    for (const [what, input, expected] of cases) {
      const errors = importErrors(input);
      assert.deepEqual(Object.keys(errors).sort(), Object.keys(expected).sort(), what);
      for (const [path, message] of Object.entries(expected)) {
        const actual = errors[path] ?? '';
        if (message.startsWith(prefixMark))
          assert.ok(actual.startsWith(message.slice(prefixMark.length)), `${what}: ${actual}`);
        else assert.equal(actual, message, what);
      }
    }
  });

  it('reports every problem at once, and says where the first is', () => {
    const input = {
      ...sent(),
      lastModified: 'yesterday',
      identifier: [{ system: 'urn:peerlink:referral', value: 'R-1' }],
      code: { text: 'call the person' },
    };
    assert.throws(
      () => fromTask(input),
      (error: unknown) => {
        assert.ok(error instanceof FhirImportError);
        assert.deepEqual(error.errors.map((problem) => problem.path).sort(), [
          'code',
          'identifier.0.value',
          'lastModified',
        ]);
        assert.match(error.message, /^The FHIR Task cannot be read as a referral update \(3 problems; first at "code"/);
        return true;
      },
    );
  });
});

const prefixMark = '\u0000starts:';
/** An expected message given by its start. */
function expect(start: string): string {
  return `${prefixMark}${start}`;
}
