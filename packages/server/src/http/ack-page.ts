import type { Context } from 'hono';
import { verifyAckToken } from '../domain/auth.js';
import { loadDispatch } from '../domain/dispatches.js';
import { HttpProblem, notFound } from '../domain/problems.js';
import type { AppDeps } from './deps.js';

/**
 * The page a responder's phone opens from the notification link: two buttons in a plain form
 * (no script, so it works under any CSP and on any phone browser). It reveals nothing the
 * message did not already carry.
 */
export async function ackPage(c: Context, deps: AppDeps): Promise<Response> {
  const token = c.req.param('token') ?? '';
  let title = 'Call-out';
  let body: string;
  try {
    const principal = await verifyAckToken(deps.keys, token, deps.clock());
    const dispatch = await loadDispatch(deps.db, principal.agencyId, principal.dispatchId);
    if (!dispatch) throw notFound();
    const [used] = await deps.db.query<{ used_at: Date | null }>('select used_at from ack_tokens where jti = $1', [
      principal.tokenId,
    ]);
    const type = escapeHtml(dispatch.callForService.type.replace(/-/g, ' '));
    const address = escapeHtml(dispatch.callForService.location.address);
    title = `Call-out: ${type}`;
    body = used?.used_at
      ? `<p>You already answered this call-out. Current status: <strong>${escapeHtml(dispatch.status)}</strong>.</p>`
      : `<p><strong>${type}</strong><br>${address}</p>
<form method="post"><button name="decision" value="acknowledge">Acknowledge — I am responding</button>
<button name="decision" value="decline">Decline</button></form>`;
  } catch (error) {
    const reason = error instanceof HttpProblem ? (error.detail ?? error.title) : 'This link cannot be used.';
    body = `<p>${escapeHtml(reason)}</p>`;
  }
  return c.html(
    '<!doctype html><html lang="en"><head><meta charset="utf-8">' +
      '<meta name="viewport" content="width=device-width, initial-scale=1">' +
      `<title>${title}</title></head><body>${body}</body></html>`,
  );
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${String(ch.charCodeAt(0))};`);
}
