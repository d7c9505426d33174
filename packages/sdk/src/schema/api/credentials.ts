// The `credentials` endpoints: credentials, their status lists and the keys that sign them.
import { ById, endpoint, everyone } from '../endpoint.js';
import {
  CreateCredentialRequest,
  Credential,
  CredentialListQuery,
  CredentialStatusChangeRequest,
  Jwks,
  StatusList,
  StatusListCredentialJwt,
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
  summary: 'Suspend, revoke or reinstate a credential (published in the status lists)',
  description:
    "Suspends, revokes or reinstates a credential. A revocation is published in the agency's revocation status list and a suspension, until the credential is reinstated, in its suspension status list, so verifiers of the signed credential see both. A pending credential is signed when it first becomes active. A revocation is final: a revoked credential cannot be reinstated or suspended (409); issue a new one.",
  tag: 'credentials',
  roles: ['supervisor'],
  params: ById,
  body: CredentialStatusChangeRequest,
  response: Credential,
});

/** One of the agency's W3C Bitstring Status Lists, public, as a VC-JWT (or the JSON wrapper earlier versions answered). */
const statusList = (operationId: string, path: string, summary: string, description: string) =>
  endpoint({
    operationId,
    method: 'GET',
    path,
    summary,
    description: `${description} Answered as the compact JWS itself (\`application/vc+jwt\`), the document a \`credentialStatus\` entry names in \`statusListCredential\`; a caller that asks for \`application/json\` only gets it wrapped as \`{ "jwt": … }\`, as earlier versions answered.`,
    tag: 'credentials',
    auth: 'public',
    params: ById,
    response: StatusListCredentialJwt,
    responseType: 'application/vc+jwt',
    jsonResponse: StatusList,
  });

export const getStatusList = statusList(
  'getStatusList',
  '/v1/agencies/{id}/status-list',
  "The agency's signed revocation status list (W3C Bitstring Status List)",
  "The agency's W3C Bitstring Status List of revocations, a verifiable credential of type BitstringStatusListCredential signed with the agency's key: verifiers of a signed credential check its revocation bit here without credentials of their own.",
);

export const getSuspensionStatusList = statusList(
  'getSuspensionStatusList',
  '/v1/agencies/{id}/status-list/suspension',
  "The agency's signed suspension status list (W3C Bitstring Status List)",
  "The agency's W3C Bitstring Status List of suspensions: a credential's bit is set while it is suspended and cleared when it is reinstated.",
);

export const getJwks = endpoint({
  operationId: 'getJwks',
  method: 'GET',
  path: '/v1/agencies/{id}/jwks.json',
  summary: "The agency's public keys for verifying signed credentials",
  description:
    "The agency's public keys as a JSON Web Key Set, for verifying the credentials and status lists it signed: its RS256 key, which signs them, and the Ed25519 key of an agency that signed credentials before RS256. Each key's `kid` is its URL, as a signature's header names it.",
  tag: 'credentials',
  auth: 'public',
  params: ById,
  response: Jwks,
});
