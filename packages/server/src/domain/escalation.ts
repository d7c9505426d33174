import { randomUUID } from 'node:crypto';
import type {
  EscalationPolicy,
  EscalationPolicyVersionsQuery,
  EscalationTarget,
  FieldError,
  ShiftPosition,
  Specialist,
  UpdateEscalationPolicyRequest,
} from '@peerlink/sdk';
import { EscalationPolicy as PolicySchema, defaultEscalationPolicy } from '@peerlink/sdk';
import type { Sql } from '../infra/db/database.js';
import { iso } from '../time.js';
import { conflict, invalid } from './problems.js';

// The escalation policy as data: who a call-out reaches, level after level. Every version an
// agency saves is kept, since each call-out follows the version it started with to its end.

/** The version an agency follows until it saves a policy of its own. */
export const builtInVersion = 0;

/** The longest a whole walk may last (every level's timeout, every round): a call-out is not left waiting longer. */
export const maxWalkSeconds = 4 * 3600;

/**
 * The built-in default: today's primary, backup, supervisor, each for the service's
 * acknowledgement timeout (shown within the contract's 30 s to 1 h), the supervisor copied.
 */
export function builtInPolicy(agencyId: string, ackTimeoutMs: number): EscalationPolicy {
  const timeoutSeconds = Math.min(3600, Math.max(30, Math.round(ackTimeoutMs / 1000)));
  return {
    agencyId,
    ...defaultEscalationPolicy,
    levels: defaultEscalationPolicy.levels.map((level) => ({ ...level, timeoutSeconds })),
    version: builtInVersion,
  };
}

/**
 * How long a level of a policy waits for an acknowledgement. The built-in default waits the
 * service's acknowledgement timeout itself, as call-outs did before policies.
 */
export function levelTimeoutMs(policy: EscalationPolicy, level: number, ackTimeoutMs: number): number {
  if (policy.version === builtInVersion) return ackTimeoutMs;
  return (policy.levels[level]?.timeoutSeconds ?? 0) * 1000;
}

async function stored(tx: Sql, agencyId: string, version?: number): Promise<EscalationPolicy | undefined> {
  const rows =
    version === undefined
      ? await tx.query<{ doc: unknown }>(
          'select doc from escalation_policies where agency_id = $1 order by version desc limit 1',
          [agencyId],
        )
      : await tx.query<{ doc: unknown }>('select doc from escalation_policies where agency_id = $1 and version = $2', [
          agencyId,
          version,
        ]);
  return rows[0] ? PolicySchema.parse(rows[0].doc) : undefined;
}

/** The policy new call-outs of the agency follow. */
export async function currentPolicy(tx: Sql, agencyId: string, ackTimeoutMs: number): Promise<EscalationPolicy> {
  return (await stored(tx, agencyId)) ?? builtInPolicy(agencyId, ackTimeoutMs);
}

/**
 * What a new call-out of the agency follows, in one statement: the policy it starts on and the
 * acknowledgement timeout the built-in default waits (the agency's own, else `fallbackMs`).
 */
export async function policyForNewCallout(
  tx: Sql,
  agencyId: string,
  fallbackMs: number,
): Promise<{ policy: EscalationPolicy; defaultTimeoutMs: number }> {
  const [row] = await tx.query<{ ack_timeout_seconds: number | null; policy: unknown }>(
    `select a.ack_timeout_seconds,
       (select doc from escalation_policies where agency_id = a.id order by version desc limit 1) as policy
     from agencies a where a.id = $1`,
    [agencyId],
  );
  const seconds = row?.ack_timeout_seconds;
  const defaultTimeoutMs = seconds === null || seconds === undefined ? fallbackMs : seconds * 1000;
  const policy = row?.policy ? PolicySchema.parse(row.policy) : builtInPolicy(agencyId, defaultTimeoutMs);
  return { policy, defaultTimeoutMs };
}

/** One version, as a call-out that recorded it follows it; the built-in default for version 0 (or none recorded). */
export async function policyVersion(
  tx: Sql,
  agencyId: string,
  version: number | undefined,
  ackTimeoutMs: number,
): Promise<EscalationPolicy> {
  if (version === undefined || version === builtInVersion) return builtInPolicy(agencyId, ackTimeoutMs);
  // Versions are never deleted; a missing one would be a damaged database, and the default is the safe walk.
  return (await stored(tx, agencyId, version)) ?? builtInPolicy(agencyId, ackTimeoutMs);
}

async function activeSpecialists(tx: Sql, agencyId: string, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await tx.query<{ id: string }>(
    'select id from specialists where agency_id = $1 and active and id = any($2::uuid[])',
    [agencyId, [...new Set(ids)]],
  );
  return new Set(rows.map((row) => row.id));
}

const targetKey = (target: EscalationTarget) =>
  target.kind === 'position'
    ? `position:${target.position}`
    : target.kind === 'specialist'
      ? `specialist:${target.specialistId}`
      : 'area-peers';

/** What the contract cannot check alone: named peers exist and are active, no target twice, a bounded walk. */
async function validate(tx: Sql, agencyId: string, body: UpdateEscalationPolicyRequest): Promise<void> {
  const errors: FieldError[] = [];
  const lists: [string, readonly EscalationTarget[]][] = [
    ...body.levels.map((level, n): [string, readonly EscalationTarget[]] => [
      `levels.${String(n)}.targets`,
      level.targets,
    ]),
    ['copies', body.copies],
  ];
  const named = lists.flatMap(([, targets]) =>
    targets.flatMap((target) => (target.kind === 'specialist' ? [target.specialistId] : [])),
  );
  const active = await activeSpecialists(tx, agencyId, named);
  for (const [path, targets] of lists) {
    const seen = new Set<string>();
    targets.forEach((target, n) => {
      const at = `${path}.${String(n)}`;
      if (seen.has(targetKey(target))) {
        errors.push({ path: at, message: 'This target is already listed here', code: 'duplicate_target' });
      }
      seen.add(targetKey(target));
      if (target.kind === 'specialist' && !active.has(target.specialistId)) {
        errors.push({
          path: `${at}.specialistId`,
          message: 'Not an active specialist of this agency',
          code: 'unknown_specialist',
        });
      }
    });
  }
  const round = body.levels.reduce((sum, level) => sum + level.timeoutSeconds, 0);
  const limit = `${String(maxWalkSeconds / 3600)} hours`;
  if (round > maxWalkSeconds) {
    let sum = 0;
    const over = body.levels.findIndex((level) => (sum += level.timeoutSeconds) > maxWalkSeconds);
    errors.push({
      path: `levels.${String(over)}.timeoutSeconds`,
      message: `The levels' timeouts add up to more than ${limit}`,
      code: 'too_big',
    });
  } else if (round * (body.repeat + 1) > maxWalkSeconds) {
    errors.push({
      path: 'repeat',
      message: `With its repeats the policy would run more than ${limit}`,
      code: 'too_big',
    });
  }
  if (errors.length > 0) throw invalid(errors);
}

const changeable = ['name', 'levels', 'repeat', 'copies'] as const;

/** Saves the body as the agency's next version; the names of the fields that changed come with it. */
export async function updatePolicy(
  tx: Sql,
  agencyId: string,
  body: UpdateEscalationPolicyRequest,
  now: Date,
  ackTimeoutMs: number,
): Promise<{ policy: EscalationPolicy; fields: string[] }> {
  // One writer at a time per agency: two changes from the same version cannot both win.
  await tx.query('select 1 from agencies where id = $1 for update', [agencyId]);
  const current = await currentPolicy(tx, agencyId, ackTimeoutMs);
  if (body.expectedVersion !== current.version) {
    throw conflict(
      `The escalation policy changed (version ${String(current.version)}, expected ${String(body.expectedVersion)})`,
    );
  }
  await validate(tx, agencyId, body);
  const { expectedVersion: _, ...input } = body;
  const policy: EscalationPolicy = {
    id: current.id ?? randomUUID(),
    agencyId,
    ...input,
    version: current.version + 1,
    updatedAt: iso(now),
  };
  await tx.query(
    'insert into escalation_policies (agency_id, version, doc, created_at) values ($1, $2, $3::text::jsonb, $4)',
    [agencyId, policy.version, JSON.stringify(policy), now],
  );
  const fields = changeable.filter((field) => JSON.stringify(current[field]) !== JSON.stringify(policy[field]));
  return { policy, fields };
}

/** Every saved version, newest first, then the built-in default; the cursor is the last version shown. */
export async function listPolicyVersions(
  tx: Sql,
  agencyId: string,
  query: EscalationPolicyVersionsQuery,
  ackTimeoutMs: number,
): Promise<{ items: EscalationPolicy[]; nextCursor: string | null }> {
  const limit = query.limit ?? 50;
  let before = 2 ** 31 - 1; // the largest `int`
  if (query.cursor !== undefined) {
    if (!/^\d{1,9}$/.test(query.cursor)) {
      throw invalid([{ path: 'cursor', message: 'Not a cursor this service issued', code: 'invalid_cursor' }]);
    }
    before = Number(query.cursor);
  }
  const rows = await tx.query<{ doc: unknown }>(
    'select doc from escalation_policies where agency_id = $1 and version < $2 order by version desc limit $3',
    [agencyId, before, limit + 1],
  );
  const items = rows.map((row) => PolicySchema.parse(row.doc));
  if (items.length <= limit && before > builtInVersion) items.push(builtInPolicy(agencyId, ackTimeoutMs));
  const shown = items.slice(0, limit);
  const last = shown.at(-1);
  return { items: shown, nextCursor: items.length > limit && last ? String(last.version) : null };
}

/** Someone a level reaches, and what the timeline calls them. */
export interface Reached {
  person: Specialist;
  label: string;
}

/**
 * The people a level's targets (or the copies) reach now: whoever holds a position in the call-out's
 * area, every active peer of the area, or a named active peer; each person once, in the order listed.
 */
export async function reach(
  tx: Sql,
  agencyId: string,
  area: string,
  targets: readonly EscalationTarget[],
  holder: (position: ShiftPosition) => Promise<Specialist | undefined>,
): Promise<Reached[]> {
  const reached = new Map<string, Reached>();
  const add = (person: Specialist | undefined, label: string) => {
    if (person?.active && !reached.has(person.id)) reached.set(person.id, { person, label });
  };
  for (const target of targets) {
    if (target.kind === 'position') {
      add(await holder(target.position), target.position);
    } else if (target.kind === 'specialist') {
      const rows = await tx.query<{ doc: Specialist }>(
        'select doc from specialists where agency_id = $1 and id = $2 and active',
        [agencyId, target.specialistId],
      );
      add(rows[0]?.doc, 'named peer');
    } else {
      // The peers who serve the area; a peer who names no area serves all of the agency's.
      const rows = await tx.query<{ doc: Specialist }>(
        "select doc from specialists where agency_id = $1 and active and ($2 = any(areas) or cardinality(areas) = 0) order by doc->>'displayName', id",
        [agencyId, area],
      );
      for (const row of rows) add(row.doc, 'peer of the area');
    }
  }
  return [...reached.values()];
}
