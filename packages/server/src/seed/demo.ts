import type {
  Agency,
  AgencyKind,
  CreateCredentialRequest,
  NotificationSettings,
  OnCallShift,
  ShiftPosition,
  Specialist,
  SpecialistRole,
} from '@peerlink/sdk';
import { stableId } from './random.js';

/** An agency as the seed inserts it; the store sets `createdAt`. */
export type DemoAgency = Omit<Agency, 'createdAt'>;

/**
 * A credential as `POST /v1/credentials` takes it (`request`), plus the id and agency the seed
 * stores it under, so reseeding updates the same rows.
 */
export interface DemoCredential {
  id: string;
  agencyId: string;
  request: CreateCredentialRequest;
}

export interface DemoProgram {
  seed: number;
  /** The moment the shifts and credential dates were laid out from. */
  now: string;
  program: DemoAgency;
  /** Police, sheriff, EMS, coroner, court and hospital, all pointing at the program. */
  partners: DemoAgency[];
  /** Supervisors first; every specialist belongs to the program agency. */
  specialists: Specialist[];
  /** Local 07:00–19:00 and 19:00–07:00 shifts from the one under way at `now` to a week later. */
  shifts: OnCallShift[];
  credentials: DemoCredential[];
  areas: readonly DemoArea[];
  /** Development default: call-outs are printed, not sent. */
  notification: NotificationSettings;
}

export type DemoArea = (typeof areas)[number];

export const DEMO_TIME_ZONE = 'America/Chicago';
/** The example host pages are served from here. */
export const DEMO_ORIGINS = ['http://localhost:4173', 'http://127.0.0.1:4173'] as const;

const areas = ['north', 'south', 'county'] as const;

const partnerAgencies: readonly (readonly [AgencyKind, string])[] = [
  ['police', 'Lakeside Police Department (fictional demo)'],
  ['sheriff', "Lakeside County Sheriff's Office (fictional demo)"],
  ['ems', 'Lakeside County EMS (fictional demo)'],
  ['coroner', 'Lakeside County Medical Examiner-Coroner (fictional demo)'],
  ['court', 'Lakeside County Treatment Court (fictional demo)'],
  ['hospital', 'Lakeside General Hospital Emergency Department (fictional demo)'],
];

interface CredentialPlan {
  /** Negative for a credential that has already expired. */
  expiresInDays: number;
  suspended?: boolean;
  continuingEducationDue?: boolean;
}

interface PersonPlan {
  key: string;
  displayName: string;
  roles: readonly SpecialistRole[];
  languages: readonly string[];
  /** Key of the supervisor; null for supervisors. */
  supervisor: string | null;
  peerRecovery: CredentialPlan;
  crisisTraining: CredentialPlan;
}

/**
 * A person as one row: key, display name, roles, languages, the supervisor's key (null for
 * supervisors), then the days until the peer-recovery and the crisis-training credentials expire
 * (negative: already expired) and what else holds for the peer-recovery one (`ce-due`: its
 * continuing education is due).
 */
type PersonRow = readonly [
  key: string,
  displayName: string,
  roles: readonly SpecialistRole[],
  languages: readonly string[],
  supervisor: string | null,
  peerRecoveryDays: number,
  crisisTrainingDays: number,
  peerRecoveryNote?: 'ce-due' | 'suspended',
];

// Names are a first name and an initial, and contacts use reserved example values (555-01xx
// numbers, example.org), so nothing here can reach or describe a real person.
const personRows: readonly PersonRow[] = [
  ['morgan', 'Morgan T.', ['crisis-interventionist', 'recovery-coach'], ['en'], null, 310, 205],
  ['luz', 'Luz M.', ['crisis-interventionist', 'court-peer-specialist'], ['en', 'es'], null, 520, 150],
  ['dana', 'Dana R.', ['crisis-interventionist', 'recovery-coach'], ['en'], 'morgan', 38, 260, 'ce-due'],
  ['andre', 'Andre W.', ['crisis-interventionist', 'reentry-advocate'], ['en'], 'morgan', 610, 24],
  ['rosa', 'Rosa G.', ['crisis-interventionist'], ['en', 'es'], 'luz', 200, 330],
  ['minh', 'Minh N.', ['crisis-interventionist', 'recovery-coach'], ['en', 'vi'], 'morgan', 55, 110, 'ce-due'],
  ['hodan', 'Hodan A.', ['crisis-interventionist'], ['en', 'so'], 'luz', 430, 185],
  ['sam', 'Sam K.', ['crisis-interventionist', 'recovery-coach'], ['en', 'es'], 'luz', 150, 345],
  // Expired: shows how hosts present a peer who is not currently qualified.
  ['jordan', 'Jordan P.', ['court-peer-specialist', 'recovery-coach'], ['en'], 'luz', -15, 90, 'ce-due'],
  ['terry', 'Terry B.', ['reentry-advocate'], ['en', 'ht'], 'morgan', 380, 75, 'suspended'],
];

const people: readonly PersonPlan[] = personRows.map(
  ([key, displayName, roles, languages, supervisor, peerRecoveryDays, crisisTrainingDays, note]) => ({
    key,
    displayName,
    roles,
    languages,
    supervisor,
    peerRecovery: {
      expiresInDays: peerRecoveryDays,
      ...(note === 'ce-due' ? { continuingEducationDue: true } : {}),
      ...(note === 'suspended' ? { suspended: true } : {}),
    },
    crisisTraining: { expiresInDays: crisisTrainingDays },
  }),
);

/** Who may be primary or backup: crisis-trained peers whose credentials are in force. */
const rotation = ['dana', 'andre', 'rosa', 'minh', 'hodan', 'sam'] as const;
const supervisors = ['morgan', 'luz'] as const;

const DAY_MS = 86_400_000;
const RENEWAL_DAYS = 730;

/**
 * A complete, clearly fictional peer-response program as plain data (no storage access). Ids are
 * derived from `seed` and each record's role, so reseeding yields the same ids; dates are laid
 * out from `now`, so someone is on call right away and some credentials are about to expire.
 */
export function demoProgram(options: { now?: Date; seed?: number } = {}): DemoProgram {
  const now = options.now ?? new Date();
  const seed = options.seed ?? 1;
  const id = (label: string) => stableId(seed, label);
  const programId = id('agency:program');

  const program: DemoAgency = {
    id: programId,
    name: 'Lakeside County Peer Response (fictional demo)',
    kind: 'peer-program',
    programId: null,
    timeZone: DEMO_TIME_ZONE,
    allowedOrigins: [...DEMO_ORIGINS],
  };
  const partners = partnerAgencies.map(([kind, name]): DemoAgency => ({
    id: id(`agency:${kind}`),
    name,
    kind,
    programId,
    timeZone: DEMO_TIME_ZONE,
    allowedOrigins: [...DEMO_ORIGINS],
  }));

  const specialistId = (key: string) => id(`specialist:${key}`);
  const specialists = people.map((person, index): Specialist => ({
    id: specialistId(person.key),
    agencyId: programId,
    displayName: person.displayName,
    roles: [...person.roles],
    languages: [...person.languages],
    contacts: [
      { kind: 'sms', address: `+1-555-01${String(index + 10).padStart(2, '0')}` },
      {
        kind: 'email',
        address: `${person.displayName
          .toLowerCase()
          .replace(/[^a-z]+/g, '.')
          .replace(/\.$/, '')}@example.org`,
      },
    ],
    supervisorId: person.supervisor === null ? null : specialistId(person.supervisor),
    active: true,
  }));

  const shifts: OnCallShift[] = [];
  const until = now.getTime() + 7 * DAY_MS;
  let boundary = shiftStartAtOrBefore(now, DEMO_TIME_ZONE);
  for (let index = 0; boundary.start.getTime() < until; index++) {
    const next = nextBoundary(boundary, DEMO_TIME_ZONE);
    const startsAt = boundary.start.toISOString();
    const endsAt = next.start.toISOString();
    const supervisor = supervisors[Math.floor(index / 2) % supervisors.length] ?? 'morgan';
    // Five of the six rotate through primary and backup; north's backup also backs up the county.
    const member = (offset: number) => rotation[(index + offset) % rotation.length] ?? 'dana';
    const staffing: Record<DemoArea, Record<ShiftPosition, string>> = {
      north: { primary: member(0), backup: member(1), supervisor },
      south: { primary: member(2), backup: member(3), supervisor },
      county: { primary: member(4), backup: member(1), supervisor },
    };
    for (const area of areas) {
      for (const position of ['primary', 'backup', 'supervisor'] as const) {
        shifts.push({
          id: id(`shift:${startsAt}:${area}:${position}`),
          agencyId: programId,
          area,
          position,
          specialistId: specialistId(staffing[area][position]),
          startsAt,
          endsAt,
        });
      }
    }
    boundary = next;
  }

  const credentials = people.flatMap((person, index): DemoCredential[] => [
    {
      id: id(`credential:${person.key}:peer-recovery`),
      agencyId: programId,
      request: peerRecoveryCredential(specialistId(person.key), index, person.peerRecovery, now),
    },
    {
      id: id(`credential:${person.key}:crisis-response-72h`),
      agencyId: programId,
      request: crisisTrainingCredential(specialistId(person.key), program, person.crisisTraining, now),
    },
  ]);

  return {
    seed,
    now: now.toISOString(),
    program,
    partners,
    specialists,
    shifts,
    credentials,
    areas,
    notification: { transport: 'console' },
  };
}

function peerRecoveryCredential(
  specialistId: string,
  index: number,
  plan: CredentialPlan,
  now: Date,
): CreateCredentialRequest {
  const { issuedOn, expiresOn } = cycle(plan, now);
  const issued = Date.parse(issuedOn);
  const before = (days: number) => dateOnly(new Date(issued - days * DAY_MS));
  const ceDue = plan.continuingEducationDue === true;
  return {
    specialistId,
    type: 'peer-recovery',
    name: 'Peer Recovery Specialist (IC&RC-style example credential)',
    issuer: { name: 'Example State Peer Certification Board (fictional)', id: 'example-state-pcb' },
    number: `DEMO-PR-${String(1001 + index)}`,
    issuedOn,
    expiresOn,
    ruleSetId: 'example-icrc-peer-recovery',
    evidence: [
      // Evidence names follow @peerlink/sdk/credentials (`requirementKey`), so `evaluate()` reads them.
      { requirement: 'training:advocacy', value: 10, unit: 'hours', met: true, completedOn: before(120) },
      { requirement: 'training:mentoring-education', value: 10, unit: 'hours', met: true, completedOn: before(110) },
      { requirement: 'training:recovery-wellness', value: 10, unit: 'hours', met: true, completedOn: before(100) },
      { requirement: 'training:ethics', value: 16, unit: 'hours', met: true, completedOn: before(90) },
      { requirement: 'experience', value: 500, unit: 'hours', met: true, completedOn: before(30) },
      { requirement: 'supervised', value: 25, unit: 'hours', met: true, completedOn: before(30) },
      { requirement: 'exam', met: true, completedOn: before(14) },
      { requirement: 'ethics-code', met: true, completedOn: before(14) },
      // Renewal needs 20 hours of continuing education per two-year cycle, 6 of them in ethics.
      { requirement: 'ce', value: ceDue ? 8 : 14, unit: 'hours', met: !ceDue },
      { requirement: 'ce:ethics', value: 6, unit: 'hours', met: true },
    ],
    administrativeStatus: plan.suspended === true ? 'suspended' : 'active',
  };
}

function crisisTrainingCredential(
  specialistId: string,
  program: DemoAgency,
  plan: CredentialPlan,
  now: Date,
): CreateCredentialRequest {
  const { issuedOn, expiresOn } = cycle(plan, now);
  return {
    specialistId,
    type: 'crisis-response-72h',
    name: '72-Hour Crisis and Response Training',
    issuer: { name: program.name, id: program.id },
    issuedOn,
    expiresOn,
    ruleSetId: 'example-program-crisis-response',
    evidence: [
      { requirement: 'training:crisis-response', value: 72, unit: 'hours', met: true, completedOn: issuedOn },
      { requirement: 'background-check', met: true, completedOn: issuedOn },
      { requirement: 'recovery-months', value: 36, unit: 'months', met: true },
    ],
    administrativeStatus: plan.suspended === true ? 'suspended' : 'active',
  };
}

function cycle(plan: CredentialPlan, now: Date): { issuedOn: string; expiresOn: string } {
  const expires = now.getTime() + plan.expiresInDays * DAY_MS;
  return { issuedOn: dateOnly(new Date(expires - RENEWAL_DAYS * DAY_MS)), expiresOn: dateOnly(new Date(expires)) };
}

function dateOnly(date: Date): string {
  return date.toISOString().slice(0, 10);
}

// Shift boundaries are local 07:00 and 19:00 in the program's zone, so they follow DST the way
// the people working them do.

interface Boundary {
  /** Local calendar date as UTC midnight of that date. */
  day: number;
  hour: 7 | 19;
  start: Date;
}

function shiftStartAtOrBefore(now: Date, timeZone: string): Boundary {
  const local = wallClock(now, timeZone);
  const today = Date.UTC(local.year, local.month - 1, local.day);
  const candidates: Boundary[] = [
    boundaryAt(today, 19, timeZone),
    boundaryAt(today, 7, timeZone),
    boundaryAt(today - DAY_MS, 19, timeZone),
  ];
  return candidates.find((b) => b.start.getTime() <= now.getTime()) ?? boundaryAt(today - DAY_MS, 7, timeZone);
}

function nextBoundary(boundary: Boundary, timeZone: string): Boundary {
  return boundary.hour === 7 ? boundaryAt(boundary.day, 19, timeZone) : boundaryAt(boundary.day + DAY_MS, 7, timeZone);
}

function boundaryAt(day: number, hour: 7 | 19, timeZone: string): Boundary {
  const wall = day + hour * 3_600_000;
  // The zone's offset at the guessed instant, then once more in case the guess crossed a change.
  let instant = wall - offsetMs(new Date(wall), timeZone);
  instant = wall - offsetMs(new Date(instant), timeZone);
  return { day, hour, start: new Date(instant) };
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function wallClock(
  date: Date,
  timeZone: string,
): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  let format = formatters.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, number>> = {};
  for (const part of format.formatToParts(date)) parts[part.type] = Number(part.value);
  return {
    year: parts.year ?? 1970,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** Local time minus UTC at `date`, in milliseconds (−6 h for Chicago in winter). */
function offsetMs(date: Date, timeZone: string): number {
  const w = wallClock(date, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(date.getTime() / 1000) * 1000;
}
