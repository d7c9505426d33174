// Canned data for the program-staff elements' stories and benchmarks, shaped by the contract: peers, a
// resolved schedule with gaps and conflicts, and clients that answer from them after a short delay (as a
// round trip would). Nothing here is real: names are invented, numbers are in the 555 range.
import {
  PeerNetworkError,
  PeerValidationError,
  type Credential,
  type MyShifts,
  type OutboxItem,
  type Override,
  type ResolvedSchedule,
  type Rotation,
  type RosterImportReport,
  type ScheduleGap,
  type ScheduleSegment,
  type Specialist,
  type Watch,
} from '@peerlink/sdk';
import type { OnCallScheduleClient, RosterClient } from '../packages/elements/src/index.js';

const DAY = 86_400_000;
const AGENCY = '7a0c5f7e-1111-4c1e-9a51-000000000001';
const FIRST = ['Alex', 'Blair', 'Casey', 'Dana', 'Emery', 'Finley', 'Gray', 'Harper', 'Indy', 'Jordan', 'Kai', 'Lee'];
const LAST = ['Rivera', 'Nguyen', 'Okafor', 'Smith', 'García', 'Kowalski', 'Haddad', 'Chen', 'Moreau', 'Park'];

const idOf = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const fallbackPeer: Specialist = {
  id: idOf(1),
  agencyId: AGENCY,
  displayName: 'Alex Rivera',
  roles: ['crisis-interventionist'],
  languages: ['en'],
  supervisorId: null,
  active: true,
};

/** `count` invented peers: every seventh deactivated, languages and roles varied. */
export function cannedPeers(count: number): Specialist[] {
  return Array.from({ length: count }, (_, index) => ({
    id: idOf(index + 1),
    agencyId: AGENCY,
    displayName: `${FIRST[index % FIRST.length] ?? 'Alex'} ${LAST[Math.floor(index / FIRST.length) % LAST.length] ?? 'Park'}${index >= FIRST.length * LAST.length ? ` ${String(index)}` : ''}`,
    roles: index % 3 === 0 ? ['crisis-interventionist', 'recovery-coach'] : ['crisis-interventionist'],
    languages: index % 2 === 0 ? ['en', 'es'] : ['en'],
    contacts: [{ kind: 'sms', address: `+1312555${String(index % 10_000).padStart(4, '0')}` }],
    supervisorId: null,
    active: index % 7 !== 6,
    areas: [index % 2 === 0 ? 'north' : 'south'],
  }));
}

/** Credentials of the first peers: one expiring in 23 days, one expired, the rest active. */
export function cannedCredentials(peers: readonly Specialist[]): Credential[] {
  const at = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);
  return peers.slice(0, 6).map((peer, index) => ({
    id: idOf(900_000 + index),
    agencyId: AGENCY,
    specialistId: peer.id,
    type: 'peer-recovery',
    name: 'Peer Recovery Specialist',
    issuer: { name: 'Example Certification Board' },
    issuedOn: '2025-01-15',
    expiresOn: index === 1 ? at(23) : index === 2 ? at(-3) : at(400),
    evidence: [],
    administrativeStatus: 'active',
    status: index === 1 ? 'expiring' : index === 2 ? 'expired' : 'active',
    statusReasons: [],
    createdAt: '2025-01-15T00:00:00.000Z',
    updatedAt: '2025-01-15T00:00:00.000Z',
  }));
}

/**
 * A schedule of `areas` areas over `days` days from the start of today (UTC): daily turns handing off at
 * 08:00 UTC; with `troubles`, the backup of the first area is uncovered on the second day (a gap) and one
 * peer holds two places on the third (a conflict).
 */
export function cannedSchedule(
  peers: readonly Specialist[],
  options: { areas?: number; days?: number; troubles?: boolean; from?: number } = {},
): ResolvedSchedule {
  const areas = options.areas ?? 1;
  const days = options.days ?? 8;
  const from = options.from ?? Math.floor(Date.now() / DAY) * DAY - DAY;
  const segments: ScheduleSegment[] = [];
  const gaps: ScheduleGap[] = [];
  const iso = (ms: number) => new Date(ms).toISOString();
  for (let area = 0; area < areas; area += 1) {
    const code = area === 0 ? 'north' : `area-${String(area)}`;
    (['primary', 'backup', 'supervisor'] as const).forEach((position, p) => {
      for (let day = 0; day < days; day += 1) {
        const startsAt = from + day * DAY + 8 * 3_600_000;
        if (options.troubles && area === 0 && position === 'backup' && day === 1) {
          gaps.push({ area: code, position, startsAt: iso(startsAt), endsAt: iso(startsAt + DAY) });
          continue;
        }
        const peer = peers[(area * 7 + p * 3 + day) % Math.max(peers.length, 1)];
        if (!peer) continue;
        segments.push({
          area: code,
          position,
          specialistId: peer.id,
          startsAt: iso(startsAt),
          endsAt: iso(startsAt + DAY),
          source: day === 3 && p === 0 ? 'override' : 'rotation',
          sourceId: idOf(500_000 + area * 3 + p),
        });
      }
    });
  }
  const clash = segments.find((segment) => segment.area === 'north' && segment.position === 'primary');
  const conflicts =
    options.troubles && clash
      ? [
          {
            specialistId: clash.specialistId,
            startsAt: clash.startsAt,
            endsAt: clash.endsAt,
            slots: [
              { area: 'north', position: 'primary' as const },
              { area: 'south', position: 'backup' as const },
            ],
          },
        ]
      : [];
  return { timeZone: 'America/Chicago', from: iso(from), to: iso(from + days * DAY), segments, gaps, conflicts };
}

const later = <T>(value: T, ms = 120): Promise<T> =>
  new Promise((resolve) => {
    setTimeout(() => {
      resolve(value);
    }, ms);
  });
const never = <T>(): Promise<T> => new Promise<T>(() => undefined);
const unreachable = () => Promise.reject(new PeerNetworkError('Peerlink could not be reached', { code: 'network' }));

/** A watch that never reports a change (the stories have no stream). */
function quietWatch<T>(): Watch<T> {
  return {
    mode: 'stream',
    subscribe: () => () => undefined,
    close: () => undefined,
    async *[Symbol.asyncIterator]() {
      yield await never<T>();
    },
  };
}

export interface CannedOptions {
  /** `loading`: never answers; `offline`: every call fails as without a network. */
  readonly state?: 'loading' | 'offline';
  readonly peers?: readonly Specialist[];
  readonly schedule?: ResolvedSchedule;
}

const page = <T>(items: readonly T[]) => ({ items: [...items], nextCursor: null });

/** The schedule's canned client. */
export function cannedScheduleClient(options: CannedOptions = {}): OnCallScheduleClient {
  const peers = options.peers ?? cannedPeers(12);
  const schedule = options.schedule ?? cannedSchedule(peers, { troubles: true });
  const answer = <T>(value: T): Promise<T> =>
    options.state === 'loading' ? never() : options.state === 'offline' ? unreachable() : later(value);
  const rotation: Rotation = {
    id: idOf(500_000),
    agencyId: AGENCY,
    area: 'north',
    position: 'primary',
    members: peers.slice(0, 3).map((peer) => peer.id),
    turnDays: 1,
    handoffTime: '08:00',
    startsOn: '2026-01-05',
    version: 3,
    updatedAt: '2026-01-05T14:00:00.000Z',
  };
  const mine: MyShifts = {
    specialistId: peers[0]?.id ?? idOf(1),
    timeZone: schedule.timeZone,
    from: schedule.from,
    to: schedule.to,
    shifts: schedule.segments.filter((segment) => segment.specialistId === peers[0]?.id),
  };
  const overrideOf = (body: Omit<Override, 'id' | 'agencyId' | 'createdAt'>): Override => ({
    ...body,
    id: idOf(700_000),
    agencyId: AGENCY,
    createdAt: new Date().toISOString(),
  });
  return {
    schedule: {
      resolve: () => answer(schedule),
      mine: () => answer(mine),
      watch: () => quietWatch(),
      rotations: {
        list: () => answer(page([rotation])),
        create: (body) => answer({ ...rotation, ...body }),
        update: (_id, body) => answer({ ...rotation, ...body, version: rotation.version + 1 }),
        end: (_id, body) => answer({ ...rotation, endsOn: body.endsOn }),
      },
      overrides: {
        list: () => answer(page([])),
        create: (body) => answer(overrideOf(body)),
        cancel: () =>
          answer({
            ...overrideOf({
              ...rotation,
              specialistId: rotation.members[0] ?? '',
              startsAt: schedule.from,
              endsAt: schedule.to,
            }),
            cancelledAt: new Date().toISOString(),
          }),
      },
    },
    specialists: { list: () => answer(page(peers)) },
  };
}

/**
 * An outbox holding one override a supervisor added offline, for the first peer in the second position of
 * `north` tomorrow; it never sends (the stories have no network).
 */
export function cannedOutbox(peers: readonly Specialist[]): NonNullable<OnCallScheduleClient['outbox']> {
  const startsAt = Math.floor(Date.now() / DAY) * DAY + DAY + 14 * 3_600_000;
  const item: OutboxItem = {
    key: idOf(900_000),
    seq: 1,
    operationId: 'createOverride',
    method: 'POST',
    path: '/v1/schedule/overrides',
    body: {
      specialistId: peers[0]?.id ?? idOf(1),
      area: 'north',
      position: 'backup',
      startsAt: new Date(startsAt).toISOString(),
      endsAt: new Date(startsAt + 8 * 3_600_000).toISOString(),
      reason: 'Sick leave',
    },
    queuedAt: new Date().toISOString(),
    attempts: 0,
  };
  return {
    subscribe: () => () => undefined,
    pending: () => Promise.resolve([item]),
    discard: () => Promise.resolve(),
  };
}

/** A dry run's answer for a file of `rows` good rows. */
const report = (rows: number, dryRun: boolean): RosterImportReport => ({
  dryRun,
  created: rows - 1,
  updated: 1,
  unchanged: 0,
  lines: Array.from({ length: rows }, (_, index) => ({
    line: index + 2,
    outcome: index === 0 ? 'updated' : 'created',
    specialistId: idOf(800_000 + index),
    displayName: `${FIRST[index % FIRST.length] ?? 'Alex'} Imported`,
    ...(index === 0 ? { fields: ['languages'] } : {}),
  })),
});

/** The roster's canned client; `importing: 'refused'` answers every import with bad lines, `'slow'` never finishes one. */
export function cannedRosterClient(options: CannedOptions & { importing?: 'refused' | 'slow' } = {}): RosterClient {
  const peers = options.peers ?? cannedPeers(12);
  const answer = <T>(value: T): Promise<T> =>
    options.state === 'loading' ? never() : options.state === 'offline' ? unreachable() : later(value);
  const [first = fallbackPeer] = peers;
  return {
    specialists: { list: () => answer(page(peers)) },
    credentials: { list: () => answer(page(cannedCredentials(peers))) },
    schedule: { resolve: () => answer(options.schedule ?? cannedSchedule(peers, { days: 2 })) },
    roster: {
      create: (body) =>
        answer({
          ...first,
          ...body,
          contacts: body.contacts ?? [],
          supervisorId: null,
          active: true,
          languages: body.languages ?? [],
        }),
      update: (id, body) => answer({ ...(peers.find((peer) => peer.id === id) ?? first), ...body }),
      deactivate: (id) => answer({ ...(peers.find((peer) => peer.id === id) ?? first), active: false }),
      reactivate: (id) => answer({ ...(peers.find((peer) => peer.id === id) ?? first), active: true }),
      importRoster: (_csv, importOptions) => {
        if (options.importing === 'refused')
          return Promise.reject(
            new PeerValidationError(
              '2 errors on 2 lines',
              [
                {
                  path: 'line 4, column phone',
                  message: 'Expected a phone number with its country code, such as +1 312 555 0100',
                  code: 'invalid_phone',
                },
                {
                  path: 'line 9, column roles',
                  message:
                    'Expected roles among crisis-interventionist, recovery-coach, court-peer-specialist, reentry-advocate, supervisor',
                  code: 'invalid_role',
                },
              ],
              { code: 'validation', status: 400 },
            ),
          );
        if (options.importing === 'slow' && !importOptions?.dryRun) return never();
        return answer(report(8, importOptions?.dryRun ?? false));
      },
    },
  };
}

/** A roster CSV as a supervisor would choose it. */
export const cannedCsv =
  'name,phone,email,languages,roles,supervisor,area\nAlex Imported,+1 312 555 0101,,en,recovery-coach,,north\n';
