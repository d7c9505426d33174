// Acknowledgement by text reply: a peer answers the call-out they were last texted about with
// `1`/`YES`/`SI` or `2`/`NO`, through whichever SMS gateway the agency uses. The gateway's signature
// is checked by the route; this module decides what the text means and acts as the link would.
import { randomUUID } from 'node:crypto';
import type { Dispatch, NotificationSettings, SmsReplyOutcome, Specialist } from '@peerlink/sdk';
import { NotificationSettings as NotificationSettingsSchema, dispatchTransitions } from '@peerlink/sdk';
import { maskRecipient } from '../infra/notify/index.js';
import type { RequestMeta } from './audit.js';
import { audit } from './audit.js';
import type { AckPrincipal, ApiKeyPrincipal } from './auth.js';
import type { DispatchContext } from './dispatches.js';
import { loadDispatch, transitionDispatch } from './dispatches.js';
import { HttpProblem } from './problems.js';

/** A text as a gateway reports it. */
export interface InboundText {
  /** The sender's number as the gateway wrote it. */
  from: string;
  body: string;
  /** The gateway's message id: a retried delivery of the same message acts once. */
  messageId?: string | undefined;
}

export interface TextReplyResult {
  outcome: SmsReplyOutcome;
  /** What to text back; null sends nothing. */
  reply: string | null;
  duplicate: boolean;
}

/** The texts sent back. Plain ASCII: one character outside the GSM alphabet halves an SMS. */
export const replies = {
  acknowledged: 'Acknowledged, thank you: the call-out is yours. On arrival, check in with the lead investigator.',
  declined: 'Declined. The call-out goes to the next person on call.',
  help: 'Peerlink: reply 1 or YES to acknowledge the call-out you were last texted about, 2 or NO to decline.',
  noCallout: 'Peerlink: there is no call-out waiting for your answer.',
  takenByOther: 'This call-out was already acknowledged by someone else. No answer is needed from you.',
  closed: 'This call-out is closed (cleared or cancelled). No answer is needed from you.',
  movedOn: (to: string) => `This call-out has moved on to ${to}. No answer is needed from you.`,
  alreadyYours: (status: string) => `You already answered this call-out (it is ${status.replace(/-/g, ' ')}).`,
} as const;

/**
 * A phone number in E.164 form, or null when it cannot be one. Spaces, dots, dashes and brackets
 * go; `00` becomes `+`; ten digits without a country code are taken as North American (+1).
 */
export function toE164(raw: string): string | null {
  const text = raw.trim();
  let digits = text.replace(/\D/g, '');
  if (!text.startsWith('+')) {
    if (digits.startsWith('00')) digits = digits.slice(2);
    else if (digits.length === 10) digits = `1${digits}`;
  }
  return /^[1-9]\d{6,14}$/.test(digits) ? `+${digits}` : null;
}

const yes = new Set(['1', 'YES', 'Y', 'SI']);
const no = new Set(['2', 'NO', 'N']);

/** `acknowledged`, `declined` or null for a text that is neither; case, spaces, accents and punctuation aside. */
export function decisionOf(body: string): 'acknowledged' | 'declined' | null {
  const word = body
    .normalize('NFD')
    .replace(/[^\p{L}\p{N}]/gu, '')
    .toUpperCase();
  if (yes.has(word)) return 'acknowledged';
  if (no.has(word)) return 'declined';
  return null;
}

/** An agency's notification settings; undefined when there is no such agency. */
export async function notificationSettingsOf(
  ctx: Pick<DispatchContext, 'tx'>,
  agencyId: string,
): Promise<NotificationSettings | undefined> {
  const rows = await ctx.tx.query<{ notification: unknown }>('select notification from agencies where id = $1', [
    agencyId,
  ]);
  const row = rows[0];
  return row ? NotificationSettingsSchema.parse(row.notification) : undefined;
}

interface Peer {
  id: string;
  /** The sms addresses, as stored, that are this number. */
  addresses: string[];
}

/** The agency's active peers one of whose text contacts is `number`. */
async function peersWithNumber(ctx: DispatchContext, agencyId: string, number: string): Promise<Peer[]> {
  const rows = await ctx.tx.query<{ id: string; doc: Specialist }>(
    'select id, doc from specialists where agency_id = $1 and active order by id',
    [agencyId],
  );
  return rows
    .map((row) => ({
      id: row.id,
      addresses: (row.doc.contacts ?? [])
        .filter((contact) => contact.kind === 'sms' && toE164(contact.address) === number)
        .map((contact) => contact.address),
    }))
    .filter((peer) => peer.addresses.length > 0);
}

const placeholders = (from: number, count: number) =>
  Array.from({ length: count }, (_, n) => `$${String(from + n)}`).join(', ');

/**
 * The call-out these peers were last texted a link about (a call-out or an escalation; copies for
 * information carry none), with the peer it was for and that link's token.
 */
async function lastTextedCallout(
  ctx: DispatchContext,
  agencyId: string,
  peers: readonly Peer[],
): Promise<{ dispatchId: string; specialistId: string; tokenId: string | null } | undefined> {
  const addresses = [...new Set(peers.flatMap((peer) => peer.addresses))];
  const [delivery] = await ctx.tx.query<{ dispatch_id: string }>(
    `select dispatch_id from deliveries
     where agency_id = $1 and recipient->>'kind' = 'sms' and recipient->>'address' in (${placeholders(2, addresses.length)})
       and notification->>'ackUrl' is not null and notification->>'kind' in ('callout', 'escalation')
     order by created_at desc limit 1`,
    [agencyId, ...addresses],
  );
  if (!delivery) return undefined;
  const ids = peers.map((peer) => peer.id);
  const [token] = await ctx.tx.query<{ jti: string; specialist_id: string }>(
    `select jti, specialist_id from ack_tokens
     where dispatch_id = $1 and specialist_id in (${placeholders(2, ids.length)})
     order by expires_at desc limit 1`,
    [delivery.dispatch_id, ...ids],
  );
  const specialistId = token?.specialist_id ?? ids[0];
  if (specialistId === undefined) return undefined;
  return { dispatchId: delivery.dispatch_id, specialistId, tokenId: token?.jti ?? null };
}

/** Why a reply cannot act on the call-out any more, in words for the peer. */
function movedOnReply(dispatch: Dispatch, specialistId: string): string {
  if (dispatchTransitions.terminal.includes(dispatch.status)) return replies.closed;
  if (dispatch.specialistId === specialistId) return replies.alreadyYours(dispatch.status);
  if (dispatch.status === 'notified' || dispatch.status === 'escalated' || dispatch.specialistId === null) {
    const to = dispatch.escalationLevel === 1 ? 'the backup' : dispatch.escalationLevel === 2 ? 'the supervisor' : '';
    return dispatch.specialistId === null ? replies.closed : replies.movedOn(to || 'the next person on call');
  }
  return replies.takenByOther;
}

/** The service itself, as the actor of what a gateway's call records: no key, no person. */
export const gatewayOf = (agencyId: string): ApiKeyPrincipal => ({
  kind: 'api-key',
  agencyId,
  keyId: 'sms-gateway',
  resourceId: null,
});

/**
 * Answers one text. The same message id acts once: a retry gets the first answer. An unknown
 * number is ignored (no reply) and audited as a denied request, with nothing of the number but its
 * last four digits in the reply log. A `1`/`YES` or `2`/`NO` on the call-out the peer was last texted
 * about acknowledges or declines it exactly as the link does, as that peer, and uses up the link.
 */
export async function answerTextReply(
  ctx: DispatchContext,
  meta: RequestMeta,
  agencyId: string,
  text: InboundText,
): Promise<TextReplyResult> {
  const number = toE164(text.from);
  const masked = maskRecipient({ kind: 'sms', address: text.from }).replace(/^sms /, '');
  const id = randomUUID();
  if (text.messageId !== undefined) {
    const inserted = await ctx.tx.query(
      `insert into sms_replies (id, agency_id, from_masked, outcome, received_at, provider_message_id)
       values ($1, $2, $3, 'received', $4, $5)
       on conflict (agency_id, provider_message_id) where provider_message_id is not null do nothing returning id`,
      [id, agencyId, masked, ctx.now, text.messageId],
    );
    if (inserted.length === 0) {
      const [earlier] = await ctx.tx.query<{ outcome: SmsReplyOutcome; reply: string | null }>(
        'select outcome, reply from sms_replies where agency_id = $1 and provider_message_id = $2',
        [agencyId, text.messageId],
      );
      if (earlier) return { outcome: earlier.outcome, reply: earlier.reply, duplicate: true };
    }
  } else {
    await ctx.tx.query(
      `insert into sms_replies (id, agency_id, from_masked, outcome, received_at) values ($1, $2, $3, 'received', $4)`,
      [id, agencyId, masked, ctx.now],
    );
  }
  const record = async (outcome: SmsReplyOutcome, reply: string | null, dispatchId: string | null = null) => {
    await ctx.tx.query('update sms_replies set outcome = $2, reply = $3, dispatch_id = $4 where id = $1', [
      id,
      outcome,
      reply,
      dispatchId,
    ]);
    return { outcome, reply, duplicate: false };
  };

  const peers = number === null ? [] : await peersWithNumber(ctx, agencyId, number);
  if (peers.length === 0) {
    await audit(ctx.tx, gatewayOf(agencyId), meta, 'denied', 'dispatch', null);
    return record('unknown-number', null);
  }
  const decision = decisionOf(text.body);
  if (decision === null) return record('help', replies.help);

  const last = await lastTextedCallout(ctx, agencyId, peers);
  if (!last) return record('no-callout', replies.noCallout);
  const dispatch = await loadDispatch(ctx.tx, agencyId, last.dispatchId, true);
  if (!dispatch) return record('no-callout', replies.noCallout);
  if (dispatch.status !== 'notified' || dispatch.specialistId !== last.specialistId) {
    return record('moved-on', movedOnReply(dispatch, last.specialistId), dispatch.id);
  }

  // The links sent for this call-out to this peer cannot act again once the text has.
  await ctx.tx.query(
    'update ack_tokens set used_at = $3 where dispatch_id = $1 and specialist_id = $2 and used_at is null',
    [dispatch.id, last.specialistId, ctx.now],
  );
  const principal: AckPrincipal = {
    kind: 'ack',
    agencyId,
    dispatchId: dispatch.id,
    specialistId: last.specialistId,
    tokenId: last.tokenId ?? id,
  };
  try {
    await transitionDispatch(ctx, principal, dispatch.id, { to: decision });
  } catch (error) {
    // The state machine refused (a rule it keeps that this module does not restate): it moved on.
    if (error instanceof HttpProblem && error.status === 409) {
      return record('moved-on', movedOnReply(dispatch, last.specialistId), dispatch.id);
    }
    throw error;
  }
  await audit(ctx.tx, principal, meta, 'transition', 'dispatch', dispatch.id);
  return record(decision, decision === 'acknowledged' ? replies.acknowledged : replies.declined, dispatch.id);
}
