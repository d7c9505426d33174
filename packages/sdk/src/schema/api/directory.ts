// The `directory` endpoints: managing the resource directory (HSDS import and export, changes,
// deactivation, capacity).
import { ById, endpoint } from '../endpoint.js';
import {
  CapacityUpdate,
  DirectoryImport,
  DirectoryImportQuery,
  HsdsExport,
  HsdsUpload,
  ResourceUpdate,
} from '../directory.js';
import { Resource } from '../resource.js';
import * as z from 'zod/mini';

const supervisors = ['supervisor'] as const;

export const importDirectory = endpoint({
  operationId: 'importDirectory',
  method: 'POST',
  path: '/v1/directory/imports',
  summary: 'Import an HSDS 3.0 directory (upsert by id)',
  description:
    "Reads an Open Referral HSDS 3.0 upload (an array of services, a service_list page or one service) as it arrives, checks every record, then writes them all in one transaction: a resource whose HSDS service (and service at location) id the agency already holds is updated, others are created. One bad record writes nothing; the answer's report names it by path. With `dryRun=true` nothing is written. Pass `id` (a UUID you choose) to read the job's progress from `GET /v1/directory/imports/{id}` while the upload runs. Schedules given as a UTC offset the agency's time zone has are read in that zone.",
  tag: 'directory',
  roles: supervisors,
  query: DirectoryImportQuery,
  body: HsdsUpload,
  response: DirectoryImport,
});

export const getDirectoryImport = endpoint({
  operationId: 'getDirectoryImport',
  method: 'GET',
  path: '/v1/directory/imports/{id}',
  summary: 'Read an import job and its progress',
  description:
    'The status of an HSDS import (queued, validating, writing, done, failed), records checked and resources written so far while it runs, and the per-record report once it ends.',
  tag: 'directory',
  roles: supervisors,
  params: ById,
  response: DirectoryImport,
});

export const cancelDirectoryImport = endpoint({
  operationId: 'cancelDirectoryImport',
  method: 'POST',
  path: '/v1/directory/imports/{id}/cancel',
  summary: 'Cancel a running import',
  description:
    'Stops an import (or dry run) that has not ended: the job becomes `cancelled`, its transaction is rolled back and nothing is written; the upload itself is answered with a conflict. An import that already ended is refused with a conflict; cancelling a cancelled import answers it again. On the embedded store a cancel sent while the import writes waits for the write to end, and is then refused.',
  tag: 'directory',
  roles: supervisors,
  params: ById,
  body: z.strictObject({}),
  response: DirectoryImport,
});

export const exportDirectory = endpoint({
  operationId: 'exportDirectory',
  method: 'GET',
  path: '/v1/directory/export',
  summary: "Export the agency's directory as HSDS 3.0",
  description:
    "Every active resource of the agency as an HSDS 3.0 service_list page of fully nested services; Peerlink's own fields (categories, settings, capacity) travel as attributes, so importing the export changes nothing.",
  tag: 'directory',
  roles: supervisors,
  response: HsdsExport,
});

export const updateResource = endpoint({
  operationId: 'updateResource',
  method: 'PATCH',
  path: '/v1/resources/{id}',
  summary: 'Change one resource',
  description:
    'Replaces the fields given (the last write wins); the result must be a valid resource. The audit trail records the names of the fields changed.',
  tag: 'directory',
  roles: supervisors,
  params: ById,
  body: ResourceUpdate,
  response: Resource,
});

export const deactivateResource = endpoint({
  operationId: 'deactivateResource',
  method: 'POST',
  path: '/v1/resources/{id}/deactivate',
  summary: 'Deactivate a resource',
  description:
    'Hides the resource from search and the referral picker. It is kept, and stays readable, for the referrals that point to it.',
  tag: 'directory',
  roles: supervisors,
  params: ById,
  body: z.strictObject({}),
  response: Resource,
});

export const updateResourceCapacity = endpoint({
  operationId: 'updateResourceCapacity',
  method: 'POST',
  path: '/v1/resources/{id}/capacity',
  summary: "Report a resource's capacity (supervisor)",
  description:
    'Open beds or slots, wait time and whether new clients are accepted; the figures given replace the stored ones and the report is stamped with its time, which the picker shows as an age.',
  tag: 'directory',
  roles: supervisors,
  params: ById,
  body: CapacityUpdate,
  response: Resource,
});

export const reportProviderCapacity = endpoint({
  operationId: 'reportProviderCapacity',
  method: 'POST',
  path: '/v1/provider/resources/{id}/capacity',
  summary: "Report a resource's capacity (the provider's own key)",
  description:
    "The same report made server to server with a provider's API key, which may report only the resource it was made for; any other key is refused.",
  tag: 'directory',
  auth: 'api-key',
  params: ById,
  body: CapacityUpdate,
  response: Resource,
});
