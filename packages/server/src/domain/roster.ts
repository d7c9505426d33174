import { randomUUID } from 'node:crypto';
import type { ContactChannel, FieldError, RosterImportLine, RosterImportReport, Specialist } from '@peerlink/sdk';
import {
  AreaCode,
  LanguageTag,
  Specialist as SpecialistSchema,
  SpecialistRole,
  problemTypes,
  rosterLimits,
} from '@peerlink/sdk';
import type { Sql } from '../infra/db/database.js';
import type { RequestMeta } from './audit.js';
import { auditEach } from './audit.js';
import type { Principal } from './auth.js';
import { isEmail, toE164 } from './contacts.js';
import { CsvSyntaxError, parseCsv } from './csv.js';
import { HttpProblem } from './problems.js';
import type { SpecialistField } from './specialists.js';
import { changedFields, specialistFields, writeSpecialist } from './specialists.js';

/** The roster CSV programs keep, imported all or nothing after a dry run that names every bad line. */

const columns = ['name', 'phone', 'email', 'languages', 'roles', 'supervisor', 'area'] as const;
type Column = (typeof columns)[number];

/** Header spellings spreadsheets use for each column. */
const aliases: Record<string, Column> = {
  name: 'name',
  'display name': 'name',
  displayname: 'name',
  phone: 'phone',
  mobile: 'phone',
  sms: 'phone',
  email: 'email',
  'e-mail': 'email',
  languages: 'languages',
  language: 'languages',
  roles: 'roles',
  role: 'roles',
  supervisor: 'supervisor',
  area: 'area',
  areas: 'area',
};

const lineOf = (error: FieldError) => Number(/^line (\d+)/.exec(error.path)?.[1] ?? 0);

/** Every row of a roster at fault, answered at once; unlike other problems, none is left unlisted. */
export class RosterProblem extends HttpProblem {
  constructor(unsorted: FieldError[]) {
    // Listed in the order of the file, so a person fixes it top to bottom.
    const errors = unsorted.toSorted((a, b) => lineOf(a) - lineOf(b));
    const lines = new Set(errors.map((error) => error.path.split(',')[0])).size;
    super(
      400,
      problemTypes.validation,
      'The roster has errors; nothing was imported',
      `${String(errors.length)} error${errors.length === 1 ? '' : 's'} on ${String(lines)} line${lines === 1 ? '' : 's'}`,
      errors,
    );
  }

  override toProblem(requestId: string, instance?: string) {
    return { ...super.toProblem(requestId, instance), errors: this.errors ?? [] };
  }
}

interface Row {
  line: number;
  name: string;
  phone?: string;
  email?: string;
  languages?: string[];
  roles?: Specialist['roles'];
  canSupervise?: boolean;
  supervisor?: string;
  areas?: string[];
  /** The peer this row updates, or a new id. */
  id: string;
  existing?: Specialist;
}

const at = (line: number, column: string) => `line ${String(line)}, column ${column}`;
const list = (cell: string) =>
  cell
    .split(/[;|]/)
    .map((item) => item.trim())
    .filter((item) => item !== '');

function readHeader(fields: string[], errors: FieldError[]): (Column | undefined)[] {
  const header = fields.map((name) => aliases[name.trim().toLowerCase()]);
  header.forEach((column, index) => {
    if (column === undefined) {
      const name = fields[index]?.trim().slice(0, 40) ?? '';
      errors.push({
        path: at(1, name === '' ? String(index + 1) : name),
        message: `Unknown column; expected ${columns.join(', ')}`,
        code: 'unknown_column',
      });
    } else if (header.indexOf(column) !== index) {
      errors.push({ path: at(1, column), message: 'The column appears twice', code: 'duplicate_column' });
    }
  });
  if (!header.includes('name'))
    errors.push({ path: at(1, 'name'), message: 'The header must name a "name" column', code: 'missing_column' });
  return header;
}

/** One row's cells as the contract wants them; errors name the line and column. */
function readRow(line: number, cells: Partial<Record<Column, string>>, errors: FieldError[]): Row {
  const error = (column: Column, message: string, code: string) =>
    errors.push({ path: at(line, column), message, code });
  const row: Row = { line, name: (cells.name ?? '').trim(), id: randomUUID() };
  if (row.name === '') error('name', 'A name is required', 'required');
  else if (row.name.length > 80) error('name', 'At most 80 characters', 'too_big');
  const phone = cells.phone?.trim();
  if (phone) {
    const number = toE164(phone);
    if (number) row.phone = number;
    else error('phone', 'Expected a phone number with its country code, such as +1 312 555 0100', 'invalid_phone');
  }
  const email = cells.email?.trim();
  if (email) {
    if (isEmail(email)) row.email = email.toLowerCase();
    else error('email', 'Expected an e-mail address such as name@example.org', 'invalid_email');
  }
  if (!phone && !email) error('phone', 'A peer needs a phone number or an e-mail address', 'required');
  const languages = list(cells.languages ?? '');
  if (languages.length > 0) {
    const bad = languages.filter((tag) => !LanguageTag.safeParse(tag).success);
    if (bad.length > 0) error('languages', 'Expected language tags such as "en" or "es-MX"', 'invalid_language');
    else if (new Set(languages).size !== languages.length) error('languages', 'A language repeats', 'duplicate');
    else if (languages.length > 20) error('languages', 'At most 20 languages', 'too_big');
    else row.languages = languages;
  }
  const roles = list(cells.roles ?? '').map((role) => role.toLowerCase());
  if (roles.length > 0) {
    const peerRoles = roles.filter((role) => role !== 'supervisor');
    const bad = peerRoles.filter((role) => !SpecialistRole.safeParse(role).success);
    if (bad.length > 0)
      error('roles', `Expected roles among ${[...SpecialistRole.options, 'supervisor'].join(', ')}`, 'invalid_role');
    else if (new Set(roles).size !== roles.length) error('roles', 'A role repeats', 'duplicate');
    else if (peerRoles.length === 0) error('roles', 'Name at least one peer role besides supervisor', 'required');
    else {
      row.roles = peerRoles as Specialist['roles'];
      row.canSupervise = roles.includes('supervisor');
    }
  }
  const supervisor = cells.supervisor?.trim();
  if (supervisor) row.supervisor = supervisor;
  const areas = list(cells.area ?? '').map((area) => area.toLowerCase());
  if (areas.length > 0) {
    if (areas.some((area) => !AreaCode.safeParse(area).success))
      error('area', 'Expected area codes such as "north" or "county"', 'invalid_area');
    else if (new Set(areas).size !== areas.length) error('area', 'An area repeats', 'duplicate');
    else row.areas = areas;
  }
  return row;
}

/** E.164 numbers and lowercased e-mail addresses of a stored peer. */
function keysOf(peer: Specialist): string[] {
  return (peer.contacts ?? []).flatMap((contact) => {
    if (contact.kind === 'email') return [`email:${contact.address.trim().toLowerCase()}`];
    const number = toE164(contact.address);
    return number ? [`phone:${number}`] : [];
  });
}

const rowKeys = (row: Row) => [
  ...(row.phone ? [`phone:${row.phone}`] : []),
  ...(row.email ? [`email:${row.email}`] : []),
];

/** Matches rows to the peers they update: the same e-mail or phone; no two rows may name one peer. */
function matchExisting(rows: Row[], peers: Specialist[], errors: FieldError[]): void {
  const byKey = new Map<string, Specialist>();
  for (const peer of peers) for (const key of keysOf(peer)) byKey.set(key, peer);
  const seenKey = new Map<string, number>();
  const seenPeer = new Map<string, number>();
  for (const row of rows) {
    for (const key of rowKeys(row)) {
      const earlier = seenKey.get(key);
      const column = key.startsWith('phone:') ? 'phone' : 'email';
      if (earlier !== undefined)
        errors.push({
          path: at(row.line, column),
          message: `The same ${column} as line ${String(earlier)}`,
          code: 'duplicate',
        });
      else seenKey.set(key, row.line);
    }
    const matches = [...new Set(rowKeys(row).flatMap((key) => byKey.get(key) ?? []))];
    if (matches.length > 1) {
      errors.push({
        path: at(row.line, 'email'),
        message: 'The phone and the e-mail belong to two different peers',
        code: 'ambiguous_match',
      });
      continue;
    }
    const match = matches[0];
    if (!match) continue;
    const earlier = seenPeer.get(match.id);
    if (earlier !== undefined) {
      errors.push({
        path: at(row.line, row.email ? 'email' : 'phone'),
        message: `Names the same peer as line ${String(earlier)}`,
        code: 'duplicate',
      });
      continue;
    }
    seenPeer.set(match.id, row.line);
    row.existing = match;
    row.id = match.id;
  }
}

/**
 * Resolves each row's supervisor, by the name or e-mail of another row or of a peer already on the
 * roster. A supervisor must be able to supervise (`supervisor` among their roles, or a peer who
 * already supervises someone), be active, not be the row's own peer, and not close a loop.
 */
async function resolveSupervisors(
  tx: Sql,
  agencyId: string,
  rows: Row[],
  peers: Specialist[],
  errors: FieldError[],
): Promise<Map<number, string>> {
  const supervising = new Set(
    (
      await tx.query<{ id: string }>(
        'select distinct supervisor_id::text as id from specialists where agency_id = $1 and supervisor_id is not null',
        [agencyId],
      )
    ).map((row) => row.id),
  );
  const candidates = new Map<string, { id: string; capable: boolean; active: boolean }[]>();
  const add = (key: string, candidate: { id: string; capable: boolean; active: boolean }) => {
    const found = candidates.get(key) ?? [];
    if (!found.some((c) => c.id === candidate.id)) found.push(candidate);
    candidates.set(key, found);
  };
  const inFile = new Set(rows.map((row) => row.id));
  for (const peer of peers) {
    if (inFile.has(peer.id)) continue;
    const candidate = {
      id: peer.id,
      capable: peer.canSupervise === true || supervising.has(peer.id),
      active: peer.active,
    };
    add(peer.displayName.trim().toLowerCase(), candidate);
    for (const contact of peer.contacts ?? [])
      if (contact.kind === 'email') add(contact.address.trim().toLowerCase(), candidate);
  }
  for (const row of rows) {
    const capable =
      row.canSupervise ??
      (row.existing ? row.existing.canSupervise === true || supervising.has(row.existing.id) : false);
    const candidate = { id: row.id, capable, active: row.existing?.active ?? true };
    add(row.name.toLowerCase(), candidate);
    if (row.email) add(row.email, candidate);
    // A re-import that changes someone's e-mail may still name them as supervisor by the old one.
    for (const contact of row.existing?.contacts ?? [])
      if (contact.kind === 'email') add(contact.address.trim().toLowerCase(), candidate);
  }
  const resolved = new Map<number, string>();
  for (const row of rows) {
    if (!row.supervisor) continue;
    const error = (message: string, code: string) => errors.push({ path: at(row.line, 'supervisor'), message, code });
    const found = candidates.get(row.supervisor.toLowerCase()) ?? [];
    const [only] = found;
    if (!only) error('No row or peer has this name or e-mail', 'unknown_supervisor');
    else if (found.length > 1) error('Several peers have this name; use their e-mail', 'ambiguous_supervisor');
    else if (only.id === row.id) error('A peer cannot be their own supervisor', 'invalid_supervisor');
    else if (!only.active) error('This supervisor is deactivated', 'invalid_supervisor');
    else if (!only.capable)
      error('This peer may not supervise (add "supervisor" to their roles)', 'invalid_supervisor');
    else resolved.set(row.line, only.id);
  }
  // The supervision chains the import would leave must end: no loop through any row.
  const supervisorOf = new Map(peers.map((peer) => [peer.id, peer.supervisorId]));
  for (const row of rows) supervisorOf.set(row.id, resolved.get(row.line) ?? row.existing?.supervisorId ?? null);
  for (const row of rows) {
    const seen = new Set([row.id]);
    for (let next = supervisorOf.get(row.id); next; next = supervisorOf.get(next)) {
      if (seen.has(next)) {
        if (next === row.id)
          errors.push({
            path: at(row.line, 'supervisor'),
            message: 'The supervisors named form a loop',
            code: 'supervision_loop',
          });
        break;
      }
      seen.add(next);
    }
  }
  return resolved;
}

/** The contacts of a row: a cell left empty keeps the peer's channels of that kind. */
function contactsOf(row: Row): ContactChannel[] {
  const kept = row.existing?.contacts ?? [];
  const sms = row.phone ? [{ kind: 'sms' as const, address: row.phone }] : kept.filter((c) => c.kind === 'sms');
  const email = row.email ? [{ kind: 'email' as const, address: row.email }] : kept.filter((c) => c.kind === 'email');
  return [...sms, ...email].slice(0, 5);
}

function documentOf(agencyId: string, row: Row, supervisorId: string | undefined): Specialist {
  const base: Specialist = row.existing ?? {
    id: row.id,
    agencyId,
    displayName: row.name,
    roles: row.roles ?? [],
    languages: [],
    contacts: [],
    supervisorId: null,
    active: true,
    areas: [],
  };
  return {
    ...base,
    displayName: row.name,
    contacts: contactsOf(row),
    ...(row.roles ? { roles: row.roles, canSupervise: row.canSupervise ?? false } : {}),
    ...(row.languages ? { languages: row.languages } : {}),
    ...(row.areas ? { areas: row.areas } : {}),
    ...(supervisorId ? { supervisorId } : {}),
  };
}

const fieldColumn: Record<SpecialistField, Column> = {
  displayName: 'name',
  roles: 'roles',
  languages: 'languages',
  contacts: 'phone',
  supervisorId: 'supervisor',
  canSupervise: 'roles',
  areas: 'area',
};

/**
 * Checks a roster and, unless `dryRun`, writes it in the caller's transaction: peers matched by
 * e-mail or phone are updated, the others created. Any bad row throws a `RosterProblem` listing
 * every error by line and column, and nothing is written.
 */
export async function importRoster(
  tx: Sql,
  agencyId: string,
  csv: string,
  options: { dryRun: boolean; now: Date },
): Promise<RosterImportReport> {
  const errors: FieldError[] = [];
  let records;
  try {
    records = parseCsv(csv);
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    throw new RosterProblem([{ path: `line ${String(error.line)}`, message: error.message, code: 'invalid_csv' }]);
  }
  const [head, ...body] = records;
  if (!head) throw new RosterProblem([{ path: 'line 1', message: 'The file is empty', code: 'required' }]);
  if (body.length > rosterLimits.rows)
    throw new RosterProblem([
      {
        path: `line ${String(body[rosterLimits.rows]?.line ?? 1)}`,
        message: `A roster holds at most ${String(rosterLimits.rows)} rows; split the file`,
        code: 'too_big',
      },
    ]);
  const header = readHeader(head.fields, errors);
  if (errors.length > 0) throw new RosterProblem(errors);
  if (body.length === 0) errors.push({ path: 'line 2', message: 'The roster has no rows', code: 'required' });

  const rows = body.map((record) => {
    if (record.fields.length > header.length)
      errors.push({
        path: `line ${String(record.line)}`,
        message: `The row has ${String(record.fields.length)} fields, the header ${String(header.length)}`,
        code: 'extra_fields',
      });
    const cells: Partial<Record<Column, string>> = {};
    header.forEach((column, index) => {
      if (column) cells[column] = record.fields[index] ?? '';
    });
    return readRow(record.line, cells, errors);
  });

  const peers = (
    await tx.query<{ doc: Specialist }>('select doc from specialists where agency_id = $1 order by created_at, id', [
      agencyId,
    ])
  ).map((row) => row.doc);
  matchExisting(rows, peers, errors);
  for (const row of rows)
    if (!row.existing && !row.roles && !errors.some((error) => error.path === at(row.line, 'roles')))
      errors.push({ path: at(row.line, 'roles'), message: 'A new peer needs at least one role', code: 'required' });
  const supervisors = await resolveSupervisors(tx, agencyId, rows, peers, errors);

  const lines: (RosterImportLine & { doc: Specialist; created: boolean })[] = [];
  for (const row of rows) {
    if (errors.some((error) => error.path.startsWith(`line ${String(row.line)},`))) continue;
    const doc = documentOf(agencyId, row, supervisors.get(row.line));
    const parsed = SpecialistSchema.safeParse(doc);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = specialistFields.find((name) => name === issue.path[0]);
        errors.push({
          path: at(row.line, field ? fieldColumn[field] : 'name'),
          message: issue.message,
          code: issue.code,
        });
      }
      continue;
    }
    const fields = row.existing ? changedFields(row.existing, doc) : [];
    const outcome = !row.existing ? 'created' : fields.length > 0 ? 'updated' : 'unchanged';
    lines.push({
      line: row.line,
      outcome,
      specialistId: doc.id,
      displayName: doc.displayName,
      ...(outcome === 'updated' ? { fields } : {}),
      doc,
      created: !row.existing,
    });
  }
  if (errors.length > 0) throw new RosterProblem(errors);

  if (!options.dryRun) {
    // Creations first, so nothing is ever written that names a supervisor not stored yet.
    for (const line of lines) if (line.outcome === 'created') await writeSpecialist(tx, line.doc, true, options.now);
    for (const line of lines) if (line.outcome === 'updated') await writeSpecialist(tx, line.doc, false, options.now);
  }
  const count = (outcome: RosterImportLine['outcome']) => lines.filter((line) => line.outcome === outcome).length;
  return {
    dryRun: options.dryRun,
    created: count('created'),
    updated: count('updated'),
    unchanged: count('unchanged'),
    lines: lines.map(({ doc: _doc, created: _created, ...line }) => line),
  };
}

/** One `import` event per peer an import created or updated, with the names of the fields it changed. */
export async function auditImport(tx: Sql, principal: Principal, meta: RequestMeta, report: RosterImportReport) {
  if (report.dryRun) return;
  const groups = new Map<string, { fields: string[] | undefined; ids: string[] }>();
  for (const line of report.lines) {
    if (line.outcome === 'unchanged') continue;
    const fields = line.outcome === 'created' ? undefined : line.fields;
    const key = JSON.stringify(fields ?? null);
    const group = groups.get(key) ?? { fields, ids: [] };
    group.ids.push(line.specialistId);
    groups.set(key, group);
  }
  for (const { fields, ids } of groups.values()) {
    for (let start = 0; start < ids.length; start += 500)
      await auditEach(tx, principal, meta, 'import', 'specialist', ids.slice(start, start + 500), fields);
  }
}
