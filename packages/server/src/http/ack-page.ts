import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { verifyAckToken } from '../domain/auth.js';
import { isActive, loadDispatch, waitsOn } from '../domain/dispatches.js';
import { HttpProblem, notFound } from '../domain/problems.js';
import type { AppDeps } from './deps.js';

/** Where the responder's link points: `/v1/ack/{token}`. */
const ackPath = /^\/v1\/ack\/([^/]+)$/;

/** A phone's form post from the acknowledgement page (not a JSON caller of the same endpoint). */
export const isAckFormPost = (c: Context): boolean =>
  c.req.method === 'POST' &&
  ackPath.test(c.req.path) &&
  c.req.header('content-type')?.startsWith('application/x-www-form-urlencoded') === true;

/**
 * The page a responder's phone opens from the notification link: two buttons in a plain form
 * (no script, so it works under any CSP and on any phone browser). It reveals nothing the
 * message did not already carry, and once the call-out no longer waits on this peer (it closed, someone
 * else acknowledged it, it moved on) not even that: the page says no answer is needed.
 *
 * It also answers the form's post when the post is refused (`refused`, with its status): the phone
 * gets this page with where the call-out stands, never the problem document a JSON caller reads.
 */
export async function ackPage(c: Context, deps: AppDeps, refused?: HttpProblem): Promise<Response> {
  const token = c.req.param('token') ?? ackPath.exec(c.req.path)?.[1] ?? '';
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
    if (used?.used_at) {
      title = `Call-out: ${type}`;
      body = `<p>You already answered this call-out. Current status: <strong>${escapeHtml(dispatch.status)}</strong>.</p>`;
    } else if (!isActive(dispatch)) {
      title = 'Call-out closed';
      body = '<p>This call-out is closed (cleared or cancelled). No answer is needed from you.</p>';
    } else if (!waitsOn(dispatch, principal.specialistId)) {
      title = 'Call-out: no longer needed';
      body =
        '<p>You are no longer needed for this call-out: someone else took it, or it moved on to the next person on call. No answer is needed from you.</p>';
    } else {
      title = `Call-out: ${type}`;
      // A refused post of a call-out that still waits on the peer (too many tries, a malformed form): why, and the form again.
      const why = refused ? `<p>${escapeHtml(refused.detail ?? refused.title)}</p>\n` : '';
      body = `${why}<p><strong>${type}</strong><br>${address}</p>
<form method="post"><button name="decision" value="acknowledge">Acknowledge — I am responding</button>
<button name="decision" value="decline">Decline</button></form>`;
    }
  } catch (error) {
    const reason = error instanceof HttpProblem ? (error.detail ?? error.title) : 'This link cannot be used.';
    body = `<p>${escapeHtml(reason)}</p>`;
  }
  return c.html(
    '<!doctype html><html lang="en"><head><meta charset="utf-8">' +
      '<meta name="viewport" content="width=device-width, initial-scale=1">' +
      `<title>${title}</title></head><body>${body}</body></html>`,
    // A refusal keeps its status (and headers, such as Retry-After); the page says what it means.
    (refused?.status ?? 200) as ContentfulStatusCode,
    refused?.headers ?? {},
  );
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${String(ch.charCodeAt(0))};`);
}
