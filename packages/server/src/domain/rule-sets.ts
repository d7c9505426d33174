import { randomUUID } from 'node:crypto';
import type {
  AgencyRuleSet,
  CreateRuleSetRequest,
  CredentialStatus,
  RuleSet,
  RuleSetListQuery,
  SpecialistRole,
  UpdateRuleSetRequest,
} from '@peerlink/sdk';
import { RuleSetVersion, SpecialistRole as SpecialistRoleSchema } from '@peerlink/sdk';
import { credentialStatus, evaluate, statusSeverity } from '@peerlink/sdk/credentials';
import type { EvaluableCredential } from '@peerlink/sdk/credentials';
import * as z from 'zod/mini';
import type { Sql } from '../infra/db/database.js';
import { iso } from '../time.js';
import type { EmbedPrincipal } from './auth.js';
import { wholeAgency } from './auth.js';
import { nextCursor, page } from './pagination.js';
import { conflict, invalid, notFound } from './problems.js';
import { rowsOf } from './records.js';

/**
 * An agency's certification rule sets. Each change inserts a version (`rule_sets`, primary key
 * id and version) and none is ever rewritten; `rule_set_assignments` gives each peer role at most
 * one rule set. Writes lock the agency's row, so versions and assignments change one at a time.
 */

type Version = z.infer<typeof RuleSetVersion>;

/** Starts a change: the caller may make it, and the agency's row is locked until the transaction ends. */
async function beginChange(tx: Sql, caller: EmbedPrincipal): Promise<void> {
  wholeAgency(caller);
  await tx.query('select 1 from agencies where id = $1 for update', [caller.agencyId]);
}

/** A changed rule set, with the names of the fields the change touched for the audit trail. */
interface Changed {
  ruleSet: AgencyRuleSet;
  fields: string[];
}

async function currentVersion(tx: Sql, agencyId: string, id: string): Promise<Version> {
  const rows = await tx.query<{ doc: unknown }>(
    'select doc from rule_sets where agency_id = $1 and id = $2 order by version desc limit 1',
    [agencyId, id],
  );
  if (!rows[0]) throw notFound();
  return RuleSetVersion.parse(rows[0].doc);
}

/** The roles each rule set of the agency is assigned to, in the contract's order. */
async function rolesByRuleSet(tx: Sql, agencyId: string): Promise<Map<string, SpecialistRole[]>> {
  const rows = await tx.query<{ role: string; rule_set_id: string }>(
    'select role, rule_set_id from rule_set_assignments where agency_id = $1',
    [agencyId],
  );
  const roles = new Map<string, SpecialistRole[]>();
  for (const role of SpecialistRoleSchema.options) {
    const row = rows.find((candidate) => candidate.role === role);
    if (row) roles.set(row.rule_set_id, [...(roles.get(row.rule_set_id) ?? []), role]);
  }
  return roles;
}

const withRoles = (version: Version, roles: Map<string, SpecialistRole[]>): AgencyRuleSet => ({
  ...version,
  roles: roles.get(version.id) ?? [],
});

/** The rule set in its current version, with its roles; 404 for another agency's. */
export async function readRuleSet(tx: Sql, agencyId: string, id: string): Promise<AgencyRuleSet> {
  return withRoles(await currentVersion(tx, agencyId, id), await rolesByRuleSet(tx, agencyId));
}

/** A rule set's `rules.id` names it to hosts and credentials (`ruleSetId`), so two current ones never share it. */
async function checkCodeFree(tx: Sql, agencyId: string, rules: RuleSet, except?: string): Promise<void> {
  const rows = await tx.query<{ id: string }>(
    `select id from (select distinct on (id) id, doc from rule_sets where agency_id = $1 order by id, version desc) current
      where doc->'rules'->>'id' = $2`,
    [agencyId, rules.id],
  );
  if (rows.some((row) => row.id !== except)) {
    throw invalid([{ path: 'rules.id', message: 'Another rule set of this agency has this id', code: 'duplicate' }]);
  }
}

async function insertVersion(tx: Sql, version: Version): Promise<void> {
  await tx.query(
    'insert into rule_sets (id, agency_id, version, doc, created_at) values ($1, $2, $3, $4::text::jsonb, $5)',
    [version.id, version.agencyId, version.version, JSON.stringify(version), version.createdAt],
  );
}

/** Sets the roles a rule set applies to: listed roles move here, its other roles are unassigned. */
async function setRoles(tx: Sql, agencyId: string, id: string, roles: readonly SpecialistRole[]): Promise<void> {
  await tx.query('delete from rule_set_assignments where agency_id = $1 and rule_set_id = $2', [agencyId, id]);
  for (const role of roles) {
    await tx.query(
      `insert into rule_set_assignments (agency_id, role, rule_set_id) values ($1, $2, $3)
       on conflict (agency_id, role) do update set rule_set_id = excluded.rule_set_id`,
      [agencyId, role, id],
    );
  }
}

/** The names of the rules' fields set, for the audit trail (never their values). */
const fieldsOf = (rules: RuleSet) => Object.keys(rules).map((key) => `rules.${key}`);

export async function createRuleSet(
  tx: Sql,
  caller: EmbedPrincipal,
  body: CreateRuleSetRequest,
  now: Date,
): Promise<Changed> {
  await beginChange(tx, caller);
  await checkCodeFree(tx, caller.agencyId, body.rules);
  const version: Version = {
    id: randomUUID(),
    agencyId: caller.agencyId,
    version: 1,
    rules: body.rules,
    createdAt: iso(now),
  };
  await insertVersion(tx, version);
  if (body.roles) await setRoles(tx, caller.agencyId, version.id, body.roles);
  const ruleSet = withRoles(version, await rolesByRuleSet(tx, caller.agencyId));
  return { ruleSet, fields: [...fieldsOf(body.rules), ...(body.roles ? ['roles'] : [])] };
}

/** A new version over the one the caller read; the fields whose rules differ are named for the audit. */
export async function updateRuleSet(
  tx: Sql,
  caller: EmbedPrincipal,
  id: string,
  body: UpdateRuleSetRequest,
  now: Date,
): Promise<Changed> {
  await beginChange(tx, caller);
  const current = await currentVersion(tx, caller.agencyId, id);
  if (current.version !== body.expectedVersion) {
    throw conflict(
      `The rule set changed (version ${String(current.version)}, expected ${String(body.expectedVersion)})`,
    );
  }
  await checkCodeFree(tx, caller.agencyId, body.rules, id);
  const version: Version = { ...current, version: current.version + 1, rules: body.rules, createdAt: iso(now) };
  await insertVersion(tx, version);
  const before = current.rules as Record<string, unknown>;
  const after = body.rules as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  const fields = keys
    .filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]))
    .map((key) => `rules.${key}`);
  return { ruleSet: withRoles(version, await rolesByRuleSet(tx, caller.agencyId)), fields };
}

export async function assignRuleSet(
  tx: Sql,
  caller: EmbedPrincipal,
  id: string,
  roles: readonly SpecialistRole[],
): Promise<Changed> {
  await beginChange(tx, caller);
  const current = await currentVersion(tx, caller.agencyId, id);
  const before = (await rolesByRuleSet(tx, caller.agencyId)).get(id) ?? [];
  await setRoles(tx, caller.agencyId, id, roles);
  const ruleSet = withRoles(current, await rolesByRuleSet(tx, caller.agencyId));
  const same = before.length === ruleSet.roles.length && before.every((role) => ruleSet.roles.includes(role));
  return { ruleSet, fields: same ? [] : ['roles'] };
}

/** The agency's rule sets in their current versions, most recently changed first. */
export async function listRuleSets(tx: Sql, agencyId: string, query: RuleSetListQuery) {
  const { where, params } = rowsOf(agencyId);
  const table = {
    table:
      '(select distinct on (id) id, agency_id, created_at, doc from rule_sets where agency_id = $1 order by id, version desc) current',
    time: 'created_at',
    where,
    params,
    schema: RuleSetVersion,
  };
  const { docs, more } = await page(tx, table, query.limit ?? 50, query.cursor);
  const roles = await rolesByRuleSet(tx, agencyId);
  return {
    items: docs.map((doc) => withRoles(doc, roles)),
    nextCursor: nextCursor(docs, more, (doc) => doc.createdAt),
  };
}

/** What a versions cursor holds: the last version shown. */
const VersionCursor = z.tuple([z.number().check(z.int(), z.gte(1))]);

function readVersionCursor(cursor: string | undefined): number | undefined {
  if (!cursor) return undefined;
  try {
    const value = z.safeParse(VersionCursor, JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    if (value.success) return value.data[0];
  } catch {
    // fall through
  }
  throw invalid([{ path: 'cursor', message: 'Not a cursor this service issued', code: 'invalid_cursor' }]);
}

/** Every version of one rule set, newest first. */
export async function listVersions(tx: Sql, agencyId: string, id: string, query: RuleSetListQuery) {
  await currentVersion(tx, agencyId, id);
  const before = readVersionCursor(query.cursor);
  const limit = query.limit ?? 50;
  const rows = await tx.query<{ doc: unknown }>(
    `select doc from rule_sets where agency_id = $1 and id = $2 and version < $3 order by version desc limit $4`,
    [agencyId, id, before ?? 2 ** 31 - 1, limit + 1],
  );
  const items = rows.slice(0, limit).map((row) => RuleSetVersion.parse(row.doc));
  const last = items.at(-1);
  const more = rows.length > limit && last !== undefined;
  return { items, nextCursor: more ? Buffer.from(JSON.stringify([last.version])).toString('base64url') : null };
}

// ── Evaluation ──────────────────────────────────────────────────────────────────────────

/** The current version of the rule set assigned to each peer role that has one. */
export async function assignedRuleSets(tx: Sql, agencyId: string): Promise<Map<SpecialistRole, Version>> {
  const rows = await tx.query<{ role: string; doc: unknown }>(
    `select a.role, r.doc from rule_set_assignments a
       join lateral (select doc from rule_sets where agency_id = a.agency_id and id = a.rule_set_id
                     order by version desc limit 1) r on true
      where a.agency_id = $1`,
    [agencyId],
  );
  const assigned = new Map<SpecialistRole, Version>();
  for (const row of rows) {
    const role = SpecialistRoleSchema.safeParse(row.role);
    if (role.success) assigned.set(role.data, RuleSetVersion.parse(row.doc));
  }
  return assigned;
}

/** Statuses carry at most this many reasons in the contract. */
const maxReasons = 50;

export interface Judgement {
  status: CredentialStatus;
  reasons: string[];
  evaluatedWith?: { ruleSetId: string; version: number; rules: RuleSet };
}

/**
 * A credential's status under the rule sets assigned to its holder's roles, for its type. The one
 * the credential names (`ruleSetId`, by id or by `rules.id`) wins; otherwise, when the holder's roles
 * have several, the strictest answer is given (the credential must satisfy each). With none, the
 * issuer's status and the expiry date alone, as before rule sets could be assigned.
 */
export function judge(
  credential: EvaluableCredential & { ruleSetId?: string | undefined },
  holderRoles: readonly SpecialistRole[],
  assigned: ReadonlyMap<SpecialistRole, Version>,
  now: Date,
): Judgement {
  const candidates = [
    ...new Map(
      holderRoles
        .map((role) => assigned.get(role))
        .filter((version): version is Version => version?.rules.credentialType === credential.type)
        .map((version) => [version.id, version]),
    ).values(),
  ].sort((a, b) => a.id.localeCompare(b.id));
  const named = candidates.find(
    (version) => credential.ruleSetId === version.id || credential.ruleSetId === version.rules.id,
  );
  const judged = (named ? [named] : candidates).map((version) => ({
    version,
    result: evaluate(credential, version.rules, now),
  }));
  const worst = judged.reduce<(typeof judged)[number] | undefined>(
    (found, next) =>
      !found || statusSeverity[next.result.status] > statusSeverity[found.result.status] ? next : found,
    undefined,
  );
  if (!worst) {
    const { status, reasons } = credentialStatus(credential, now);
    return { status, reasons };
  }
  const { version, result } = worst;
  return {
    status: result.status,
    reasons: result.reasons.slice(0, maxReasons),
    evaluatedWith: { ruleSetId: version.id, version: version.version, rules: version.rules },
  };
}
