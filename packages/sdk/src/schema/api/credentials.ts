// The `credentials` endpoints: credentials, their status lists and the keys that sign them.
import { ById, endpoint, everyone } from '../endpoint.js';
import {
  CreateCredentialRequest,
  Credential,
  CredentialListQuery,
  CredentialStatusChangeRequest,
  Jwks,
  StatusList,
} from '../credential.js';
import { page } from '../primitives.js';

export const createCredential = endpoint({
  operationId: 'createCredential',
  method: 'POST',
  path: '/v1/credentials',
  summary: "Record a specialist's credential",
  description:
    "A supervisor records a credential of a specialist (type, issuer, dates, evidence of the requirements); its status is derived by the agency's rule set.",
  tag: 'credentials',
  roles: ['supervisor'],
  body: CreateCredentialRequest,
  response: Credential,
  status: 201,
});

export const listCredentials = endpoint({
  operationId: 'listCredentials',
  method: 'GET',
  path: '/v1/credentials',
  summary: 'List credentials with their derived status',
  description:
    'Credentials with the status the rules derive now (active, expiring, expired, suspended, revoked, pending), one page at a time.',
  tag: 'credentials',
  roles: everyone,
  query: CredentialListQuery,
  response: page(Credential),
});

export const getCredential = endpoint({
  operationId: 'getCredential',
  method: 'GET',
  path: '/v1/credentials/{id}',
  summary: 'Read one credential with its derived status',
  description: 'One credential with the status its rules derive now.',
  tag: 'credentials',
  roles: everyone,
  params: ById,
  response: Credential,
});

export const changeCredentialStatus = endpoint({
  operationId: 'changeCredentialStatus',
  method: 'POST',
  path: '/v1/credentials/{id}/status',
  summary: 'Suspend, revoke or reinstate a credential (revocation is published in the status list)',
  description:
    "Suspends, revokes or reinstates a credential. A revocation is published in the agency's status list, so verifiers of the signed credential see it.",
  tag: 'credentials',
  roles: ['supervisor'],
  params: ById,
  body: CredentialStatusChangeRequest,
  response: Credential,
});

export const getStatusList = endpoint({
  operationId: 'getStatusList',
  method: 'GET',
  path: '/v1/agencies/{id}/status-list',
  summary: "The agency's signed revocation status list (W3C Bitstring Status List)",
  description:
    "The agency's signed W3C Bitstring Status List; verifiers of a signed credential check its revocation bit here without credentials of their own.",
  tag: 'credentials',
  auth: 'public',
  params: ById,
  response: StatusList,
});

export const getJwks = endpoint({
  operationId: 'getJwks',
  method: 'GET',
  path: '/v1/agencies/{id}/jwks.json',
  summary: "The agency's public keys for verifying signed credentials",
  description: "The agency's public keys as a JSON Web Key Set, for verifying the credentials it signed.",
  tag: 'credentials',
  auth: 'public',
  params: ById,
  response: Jwks,
});
