// The service as the example host's pages reach it: an embed token from the host's own session
// endpoint (the host keeps the API key), then calls to the service with that token.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { EmbedSession, Role } from '@peerlink/sdk';

/** An embed token from the example host at `hostUrl`, as its pages get theirs. */
export async function embedToken(hostUrl: string, role: Role, subjectId?: string): Promise<string> {
  const response = await fetch(`${hostUrl}/host/session`, {
    method: 'POST',
    // The example host mints only for its own pages, which send their origin.
    headers: { 'Content-Type': 'application/json', Origin: hostUrl },
    body: JSON.stringify(subjectId ? { role, subjectId } : { role }),
  });
  assert.equal(response.status, 201, `embed session for ${role}`);
  return ((await response.json()) as EmbedSession).token;
}

/** A call to the service at `apiUrl` with an embed token, answered as JSON; any answer but 2xx throws, saying it. */
export async function apiCall<T>(
  apiUrl: string,
  bearer: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${apiUrl}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${bearer}`,
      'Content-Type': 'application/json',
      ...(method === 'GET' ? {} : { 'Idempotency-Key': randomUUID() }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} answered ${String(response.status)}: ${text}`);
  return JSON.parse(text) as T;
}
