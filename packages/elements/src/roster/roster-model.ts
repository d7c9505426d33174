// The roster as the list shows it: each peer with their credential standing and whether they are on call
// now, and the filter a supervisor types into (one pass over precomputed text, so 2,000 peers filter
// within a frame).
import type {
  Credential,
  CredentialStatus,
  FieldError,
  ResolvedSchedule,
  ShiftPosition,
  Specialist,
  SpecialistView,
} from '@peerlink/sdk';

/** A peer's credentials at a glance: the most pressing status and the soonest expiry. */
export interface CredentialStanding {
  readonly status: CredentialStatus;
  readonly expiresOn: string | undefined;
  readonly count: number;
}

export interface RosterEntry {
  readonly peer: Specialist;
  readonly credential: CredentialStanding | undefined;
  /** Where and as what the peer is on call now, if they are. */
  readonly onCall: readonly { readonly area: string; readonly position: ShiftPosition }[];
  /** Lower-case text the filter matches: name, languages, roles, areas, contacts. */
  readonly haystack: string;
}

// Which status a peer with several credentials shows: the one that needs attention first.
const URGENCY: Readonly<Record<CredentialStatus, number>> = {
  revoked: 0,
  suspended: 1,
  expired: 2,
  expiring: 3,
  pending: 4,
  active: 5,
};

/** Each peer's credential standing, by peer id. */
export function credentialStandings(credentials: readonly Credential[]): Map<string, CredentialStanding> {
  const standings = new Map<string, CredentialStanding>();
  for (const credential of credentials) {
    const before = standings.get(credential.specialistId);
    const status = before && URGENCY[before.status] <= URGENCY[credential.status] ? before.status : credential.status;
    const expiries = [before?.expiresOn, credential.expiresOn].filter((date): date is string => date !== undefined);
    standings.set(credential.specialistId, {
      status,
      expiresOn: expiries.sort()[0],
      count: (before?.count ?? 0) + 1,
    });
  }
  return standings;
}

/** Who is on call at `now`, by peer id, from a schedule resolved around it. */
export function onCallNow(
  schedule: Pick<ResolvedSchedule, 'segments'>,
  now: number,
): Map<string, { area: string; position: ShiftPosition }[]> {
  const found = new Map<string, { area: string; position: ShiftPosition }[]>();
  for (const segment of schedule.segments) {
    if (Date.parse(segment.startsAt) > now || Date.parse(segment.endsAt) <= now) continue;
    found.set(segment.specialistId, [
      ...(found.get(segment.specialistId) ?? []),
      { area: segment.area, position: segment.position },
    ]);
  }
  return found;
}

/** Full records only: a supervisor's list holds them; a summary (another role's view) is left out. */
export const isFull = (peer: SpecialistView): peer is Specialist => 'active' in peer;

export function rosterEntries(
  peers: readonly Specialist[],
  standings: ReadonlyMap<string, CredentialStanding>,
  onCall: ReadonlyMap<string, readonly { area: string; position: ShiftPosition }[]>,
): RosterEntry[] {
  return peers
    .map((peer) => ({
      peer,
      credential: standings.get(peer.id),
      onCall: onCall.get(peer.id) ?? [],
      haystack: [
        peer.displayName,
        ...peer.languages,
        ...peer.roles,
        ...(peer.areas ?? []),
        ...(peer.contacts ?? []).map((contact) => contact.address),
      ]
        .join('\u0000')
        .toLowerCase(),
    }))
    .sort((a, b) => a.peer.displayName.localeCompare(b.peer.displayName));
}

export const ACTIVE_FILTERS = ['all', 'active', 'inactive'] as const;
export type ActiveFilter = (typeof ACTIVE_FILTERS)[number];

/** The entries matching every word of `query` (any field) and the active filter, in order. */
export function filterRoster(entries: readonly RosterEntry[], query: string, active: ActiveFilter): RosterEntry[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return entries.filter(
    (entry) =>
      (active === 'all' || entry.peer.active === (active === 'active')) &&
      words.every((word) => entry.haystack.includes(word)),
  );
}

/** One problem of a roster import, as its report shows it. */
export interface ImportProblem {
  readonly line: number;
  readonly column: string | undefined;
  readonly message: string;
}

/** The problems of a refused import, from the field paths the service names (`line 7, column phone`). */
export function importProblems(errors: readonly FieldError[]): ImportProblem[] {
  return errors.map((error) => {
    const match = /^line (\d+)(?:, column (.+))?$/.exec(error.path);
    return { line: Number(match?.[1] ?? 0), column: match?.[2], message: error.message };
  });
}

/** Whole days from `now` to a local date (negative once past). */
export function daysUntil(date: string, now: number): number {
  return Math.ceil((Date.parse(`${date}T00:00:00Z`) - now) / 86_400_000);
}
