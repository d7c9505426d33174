// The `specialists` endpoints: who is on call, and the roster supervisors keep.
import { ById, endpoint, everyone } from '../endpoint.js';
import { OnCallNow, OnCallQuery, Specialist } from '../agency.js';
import { page } from '../primitives.js';
import {
  CreateSpecialistRequest,
  OwnContactsRequest,
  RosterImportQuery,
  RosterImportReport,
  RosterImportRequest,
  SpecialistListQuery,
  SpecialistView,
  UpdateSpecialistRequest,
} from '../specialist.js';

export const getOnCall = endpoint({
  operationId: 'getOnCall',
  method: 'GET',
  path: '/v1/specialists/on-call',
  summary: 'Who would be called now (primary, backup, supervisor) for an area',
  description:
    'Resolves the on-call schedule for an area, now or at the time given: the primary, the backup and the supervisor a call-out would notify. A position nobody covers comes back empty.',
  tag: 'specialists',
  roles: ['dispatcher', 'specialist', 'supervisor'],
  query: OnCallQuery,
  response: OnCallNow,
});

export const createSpecialist = endpoint({
  operationId: 'createSpecialist',
  method: 'POST',
  path: '/v1/specialists',
  summary: 'Add a peer to the roster',
  description:
    'Adds a peer with their contacts (text numbers are stored in E.164), languages, roles, areas and supervisor. The supervisor must be an active peer of the agency who may supervise. Supervisors only.',
  tag: 'specialists',
  roles: ['supervisor'],
  body: CreateSpecialistRequest,
  response: Specialist,
  status: 201,
});

export const listSpecialists = endpoint({
  operationId: 'listSpecialists',
  method: 'GET',
  path: '/v1/specialists',
  summary: 'List the peers of the agency',
  description:
    'Peers one page at a time, filtered by active state, area or role. Supervisors (and a peer for their own record) see full records with contacts; every other role sees summaries.',
  tag: 'specialists',
  roles: everyone,
  query: SpecialistListQuery,
  response: page(SpecialistView),
});

export const getSpecialist = endpoint({
  operationId: 'getSpecialist',
  method: 'GET',
  path: '/v1/specialists/{id}',
  summary: 'Read one peer',
  description:
    'The full record for supervisors and for the peer themself; a summary without contacts or supervisor for every other role.',
  tag: 'specialists',
  roles: everyone,
  params: ById,
  response: SpecialistView,
});

export const updateSpecialist = endpoint({
  operationId: 'updateSpecialist',
  method: 'PATCH',
  path: '/v1/specialists/{id}',
  summary: "Change a peer's record",
  description:
    'Changes the fields sent and keeps the others. Contacts are validated as on creation; a supervisor cannot be the peer themself or someone who reports to them. Supervisors only.',
  tag: 'specialists',
  roles: ['supervisor'],
  params: ById,
  body: UpdateSpecialistRequest,
  response: Specialist,
});

export const deactivateSpecialist = endpoint({
  operationId: 'deactivateSpecialist',
  method: 'POST',
  path: '/v1/specialists/{id}/deactivate',
  summary: 'Deactivate a peer (history keeps them; they are notified of nothing more)',
  description:
    'Takes a peer off every roster: they are no longer on call or notified. Nothing is deleted: call-outs, logs and credentials keep naming them. Supervisors only; deactivating twice changes nothing.',
  tag: 'specialists',
  roles: ['supervisor'],
  params: ById,
  response: Specialist,
});

export const reactivateSpecialist = endpoint({
  operationId: 'reactivateSpecialist',
  method: 'POST',
  path: '/v1/specialists/{id}/reactivate',
  summary: 'Reactivate a deactivated peer',
  description: 'Brings a deactivated peer back: they can be on call and notified again. Supervisors only.',
  tag: 'specialists',
  roles: ['supervisor'],
  params: ById,
  response: Specialist,
});

export const updateOwnContacts = endpoint({
  operationId: 'updateOwnContacts',
  method: 'PATCH',
  path: '/v1/specialists/me/contacts',
  summary: 'Replace my own contact channels',
  description:
    "A peer (the embed token's subject) replaces their own text and e-mail contacts; nothing else of their record. Text numbers are stored in E.164.",
  tag: 'specialists',
  roles: ['specialist', 'supervisor'],
  body: OwnContactsRequest,
  response: Specialist,
});

export const importRoster = endpoint({
  operationId: 'importRoster',
  method: 'POST',
  path: '/v1/specialists/import',
  summary: 'Import the roster from CSV (dry run, then all or nothing)',
  description:
    'Reads the roster a program keeps as CSV (columns name, phone, email, languages, roles, supervisor, area). A peer already on the roster with the same e-mail or phone is updated, anyone else is created. Every bad row is reported at once by line and column (`line 7, column phone`) and nothing is written; `dryRun=true` checks and reports without writing. At most 5,000 rows. Supervisors only.',
  tag: 'specialists',
  roles: ['supervisor'],
  query: RosterImportQuery,
  body: RosterImportRequest,
  response: RosterImportReport,
});
