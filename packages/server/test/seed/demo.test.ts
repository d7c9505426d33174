import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Agency, CreateCredentialRequest, OnCallShift, Specialist } from '@peerlink/sdk';
import { credentialStatus } from '@peerlink/sdk/credentials';
import { DEMO_ORIGINS, DEMO_TIME_ZONE, demoProgram } from '../../src/seed/index.js';

const now = new Date('2026-11-22T20:05:00Z');
const DAY_MS = 86_400_000;

describe('demoProgram', () => {
  const demo = demoProgram({ now, seed: 42 });

  it('is the same for the same seed and time, and ids do not depend on the time', () => {
    assert.deepEqual(demoProgram({ now, seed: 42 }), demo);
    const other = demoProgram({ now, seed: 43 });
    assert.notEqual(other.program.id, demo.program.id);
    const later = demoProgram({ now: new Date(now.getTime() + 3 * DAY_MS), seed: 42 });
    assert.equal(later.program.id, demo.program.id);
    assert.deepEqual(later.specialists, demo.specialists);
    assert.deepEqual(
      later.credentials.map((c) => c.id),
      demo.credentials.map((c) => c.id),
    );
  });

  it('passes the contract everywhere', () => {
    const createdAt = now.toISOString();
    for (const agency of [demo.program, ...demo.partners]) Agency.parse({ ...agency, createdAt });
    for (const specialist of demo.specialists) Specialist.parse(specialist);
    for (const shift of demo.shifts) OnCallShift.parse(shift);
    // Strict schema: the request carries no extra keys.
    for (const credential of demo.credentials) CreateCredentialRequest.parse(credential.request);
  });

  it('uses distinct, UUID-shaped ids', () => {
    const ids = [
      demo.program.id,
      ...demo.partners.map((a) => a.id),
      ...demo.specialists.map((s) => s.id),
      ...demo.shifts.map((s) => s.id),
      ...demo.credentials.map((c) => c.id),
    ];
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('is a clearly fictional program with partner agencies of every kind', () => {
    assert.equal(demo.program.kind, 'peer-program');
    assert.equal(demo.program.name, 'Lakeside County Peer Response (fictional demo)');
    assert.equal(demo.program.timeZone, DEMO_TIME_ZONE);
    assert.deepEqual(demo.program.allowedOrigins, [...DEMO_ORIGINS]);
    assert.deepEqual(demo.partners.map((a) => a.kind).sort(), [
      'coroner',
      'court',
      'ems',
      'hospital',
      'police',
      'sheriff',
    ]);
    for (const agency of [demo.program, ...demo.partners]) assert.match(agency.name, /\(fictional demo\)$/);
    for (const partner of demo.partners) assert.equal(partner.programId, demo.program.id);
  });

  it('has 8–10 specialists with fictional names, reserved contacts and real supervisors', () => {
    assert.ok(demo.specialists.length >= 8 && demo.specialists.length <= 10);
    const ids = new Set(demo.specialists.map((s) => s.id));
    const roles = new Set(demo.specialists.flatMap((s) => s.roles));
    assert.equal(roles.size, 4, 'every specialist role appears');
    assert.ok(demo.specialists.some((s) => s.languages.includes('es')));
    assert.ok(demo.specialists.some((s) => s.languages.some((l) => l !== 'en' && l !== 'es')));
    for (const s of demo.specialists) {
      assert.match(s.displayName, /^[A-Z][a-z]+ [A-Z]\.$/);
      assert.equal(s.agencyId, demo.program.id);
      if (s.supervisorId !== null) assert.ok(ids.has(s.supervisorId));
      for (const contact of s.contacts ?? []) {
        if (contact.kind === 'sms') assert.match(contact.address, /^\+1-555-01\d\d$/);
        else assert.match(contact.address, /@example\.org$/);
      }
    }
    assert.ok(demo.specialists.some((s) => s.supervisorId === null));
  });

  it('staffs every area and position without gaps from now until a week from now', () => {
    const end = now.getTime() + 7 * DAY_MS;
    for (const area of ['north', 'south', 'county']) {
      for (const position of ['primary', 'backup', 'supervisor'] as const) {
        const shifts = demo.shifts
          .filter((s) => s.area === area && s.position === position)
          .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
        const [first] = shifts;
        assert.ok(
          first !== undefined && Date.parse(first.startsAt) <= now.getTime(),
          `${area} ${position} is staffed now`,
        );
        for (let i = 1; i < shifts.length; i++) assert.equal(shifts[i]?.startsAt, shifts[i - 1]?.endsAt, 'no gap');
        assert.ok(Date.parse(shifts.at(-1)?.endsAt ?? '') >= end);
        for (const s of shifts) {
          const hours = (Date.parse(s.endsAt) - Date.parse(s.startsAt)) / 3_600_000;
          assert.ok(hours >= 11 && hours <= 13, `12-hour shifts (±1 h at DST changes), got ${hours}`);
        }
      }
    }
    // Nobody holds two positions in one area at once.
    const byArea = new Map<string, Set<string>>();
    for (const s of demo.shifts) {
      const key = `${s.area}@${s.startsAt}`;
      byArea.set(key, (byArea.get(key) ?? new Set()).add(s.specialistId));
    }
    for (const [key, people] of byArea) assert.equal(people.size, 3, key);
  });

  it('starts shifts at 07:00 and 19:00 Chicago time, across a DST change too', () => {
    const spring = demoProgram({ now: new Date('2026-03-07T12:00:00Z') });
    const hour = new Intl.DateTimeFormat('en-US', { timeZone: DEMO_TIME_ZONE, hour: 'numeric', hourCycle: 'h23' });
    for (const s of [...demo.shifts, ...spring.shifts])
      assert.ok(['7', '07', '19'].includes(hour.format(new Date(s.startsAt))), s.startsAt);
  });

  const statusOf = (c: (typeof demo.credentials)[number]) =>
    credentialStatus({ ...c.request, administrativeStatus: c.request.administrativeStatus ?? 'active' }, now).status;

  it('puts on call only crisis interventionists whose credentials are in force', () => {
    const notQualified = new Set(
      demo.credentials.filter((c) => !['active', 'expiring'].includes(statusOf(c))).map((c) => c.request.specialistId),
    );
    assert.ok(notQualified.size > 0);
    const byId = new Map(demo.specialists.map((s) => [s.id, s]));
    for (const shift of demo.shifts) {
      assert.ok(!notQualified.has(shift.specialistId));
      assert.ok(byId.get(shift.specialistId)?.roles.includes('crisis-interventionist'));
    }
  });

  it('gives each specialist a peer-recovery credential and the 72-hour training, in every state', () => {
    for (const s of demo.specialists) {
      const types = demo.credentials.filter((c) => c.request.specialistId === s.id).map((c) => c.request.type);
      assert.deepEqual(types.sort(), ['crisis-response-72h', 'peer-recovery']);
    }
    const statuses = demo.credentials.map(statusOf);
    const count = (status: string) => statuses.filter((s) => s === status).length;
    assert.equal(count('expired'), 1);
    assert.equal(count('suspended'), 1);
    assert.ok(count('expiring') >= 2, 'some expire within 60 days');
    assert.ok(count('active') >= 10);
    const requests = demo.credentials.map((c) => c.request);
    const training = requests.find((r) => r.type === 'crisis-response-72h');
    assert.ok(training?.evidence.some((e) => e.value === 72 && e.unit === 'hours'));
  });
});
