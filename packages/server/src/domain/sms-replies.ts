// Acknowledgement by text reply: a peer answers the call-out they were last texted about with
// `1`/`YES`/`SI` or `2`/`NO` (and its `Ref` when several wait on them), through whichever SMS gateway the agency uses. The gateway's signature
// is checked by the route; this module decides what the text means and acts as the link would.
import { randomUUID } from 'node:crypto';
import type { Dispatch, NotificationSettings, SmsReplyOutcome, Specialist } from '@peerlink/sdk';
import { NotificationSettings as NotificationSettingsSchema, dispatchTransitions } from '@peerlink/sdk';
import { maskRecipient } from '../infra/notify/index.js';
import type { RequestMeta } from './audit.js';
import { audit } from './audit.js';
import type { AckPrincipal, ApiKeyPrincipal } from './auth.js';
import type { DispatchContext } from './dispatches.js';
import { loadDispatch, transitionDispatch, waitsOn } from './dispatches.js';
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
  acknowledged: (ref: string) =>
    `Acknowledged, thank you: call-out Ref ${ref} is yours. On arrival, check in with the lead investigator.`,
  declined: (ref: string) => `Declined (Ref ${ref}). The call-out goes to the next person on call.`,
  help: 'Peerlink: reply 1 or YES to acknowledge the call-out you were last texted about, 2 or NO to decline. Add its Ref to pick one: YES 1a2b3c4d.',
  noCallout: 'Peerlink: there is no call-out waiting for your answer.',
  noSuchRef: (ref: string) => `Peerlink: no call-out with Ref ${ref} was texted to you.`,
  /** Several call-outs wait on the peer: a bare YES would guess, so it asks (at most five refs fit a text). */
  which: (refs: readonly string[]) =>
    `Peerlink: ${String(refs.length)} call-outs wait for your answer. Reply YES or NO with its Ref, e.g. YES ${refs[0] ?? ''}. Waiting: ${refs.slice(0, 5).join(', ')}.`,
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

/** The `Ref` a text gives of a call-out: the first eight hexadecimal digits of its id (or fewer, from the start). */
const refOf = (dispatchId: string) => dispatchId.slice(0, 8);

/**
 * What a text says: `acknowledged` or `declined`, with the call-out's `Ref` when one follows the word
 * (`YES 1a2b3c4d`); null for a text that is neither. Case, spaces, accents and punctuation aside.
 */
export function decisionOf(body: string): { decision: 'acknowledged' | 'declined'; ref: string | null } | null {
  const words = body
    .normalize('NFD')
    .toUpperCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '');
  const [word, ref] =
    words.length === 2 && /^[0-9A-F]{4,8}$/.test(words[1] ?? '') ? words : [words.join(''), undefined];
  const decision = yes.has(word) ? 'acknowledged' : no.has(word) ? 'declined' : null;
  return decision && { decision, ref: ref?.toLowerCase() ?? null };
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
 * The call-outs these peers were texted a link about (a call-out or an escalation; copies for
 * information carry none), most recently sent first. Only texts the gateway took count: one still
 * being retried, or given up on, never reached the phone the answer comes from.
 */
async function textedCallouts(ctx: DispatchContext, agencyId: string, peers: readonly Peer[]): Promise<Dispatch[]> {
  const addresses = [...new Set(peers.flatMap((peer) => peer.addresses))];
  const rows = await ctx.tx.query<{ dispatch_id: string }>(
    `select dispatch_id from (
       select dispatch_id, status, updated_at, id from deliveries
       where agency_id = $1 and recipient->>'kind' = 'sms' and recipient->>'address' in (${placeholders(2, addresses.length)})
         and notification->>'ackUrl' is not null and notification->>'kind' in ('callout', 'escalation')
       order by created_at desc limit 20
     ) recent
     where status = 'sent' order by updated_at desc, id desc`,
    [agencyId, ...addresses],
  );
  const ids = [...new Set(rows.map((row) => row.dispatch_id))];
  const dispatches = await Promise.all(ids.map((id) => loadDispatch(ctx.tx, agencyId, id)));
  return dispatches.filter((dispatch) => dispatch !== undefined);
}

/** The peer, of those with this number, whom the call-out waits on now (as the link's transition checks it). */
const awaitedOf = (dispatch: Dispatch, peers: readonly Peer[]): string | undefined =>
  peers.find((peer) => waitsOn(dispatch, peer.id))?.id;

/** The link token of this peer's for the call-out, used up with the text's answer. */
async function ackTokenOf(ctx: DispatchContext, dispatchId: string, specialistId: string): Promise<string | null> {
  const [token] = await ctx.tx.query<{ jti: string }>(
    'select jti from ack_tokens where dispatch_id = $1 and specialist_id = $2 order by expires_at desc limit 1',
    [dispatchId, specialistId],
  );
  return token?.jti ?? null;
}

/** Why a reply cannot act on the call-out any more, in words for the peer. */
function movedOnReply(dispatch: Dispatch, peers: readonly Peer[]): string {
  if (dispatchTransitions.terminal.includes(dispatch.status)) return replies.closed;
  if (peers.some((peer) => peer.id === dispatch.specialistId)) return replies.alreadyYours(dispatch.status);
  if (dispatch.status === 'notified' || dispatch.status === 'escalated') {
    // A level of several peers names none of them: the call-out waits on the others, it is not closed.
    const to = dispatch.escalationLevel === 1 ? 'the backup' : dispatch.escalationLevel === 2 ? 'the supervisor' : '';
    return replies.movedOn(dispatch.specialistId === null ? 'the others on call' : to || 'the next person on call');
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
 * last four digits in the reply log. A `1`/`YES` or `2`/`NO` acknowledges or declines, exactly as the link
 * does, as that peer, and uses up the link: the call-out its `Ref` names, or else the one call-out that
 * waits on the peer. When several wait, it asks which; when none does, it says what became of the last.
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
  const answer = decisionOf(text.body);
  if (answer === null) return record('help', replies.help);
  const { decision, ref } = answer;

  const texted = await textedCallouts(ctx, agencyId, peers);
  let chosen: Dispatch | undefined;
  if (ref !== null) {
    chosen = texted.find((dispatch) => dispatch.id.startsWith(ref));
    if (!chosen) return record('no-callout', replies.noSuchRef(ref));
  } else {
    const waiting = texted.filter((dispatch) => awaitedOf(dispatch, peers) !== undefined);
    if (waiting.length > 1) return record('help', replies.which(waiting.map((dispatch) => refOf(dispatch.id))));
    chosen = waiting[0] ?? texted[0];
  }
  // Read again, locked: what was read to choose may have moved since.
  const dispatch = chosen && (await loadDispatch(ctx.tx, agencyId, chosen.id, true));
  if (!dispatch) return record('no-callout', replies.noCallout);
  const specialistId = awaitedOf(dispatch, peers);
  if (specialistId === undefined) return record('moved-on', movedOnReply(dispatch, peers), dispatch.id);

  // The links sent for this call-out to this peer cannot act again once the text has.
  const tokenId = await ackTokenOf(ctx, dispatch.id, specialistId);
  await ctx.tx.query(
    'update ack_tokens set used_at = $3 where dispatch_id = $1 and specialist_id = $2 and used_at is null',
    [dispatch.id, specialistId, ctx.now],
  );
  const principal: AckPrincipal = {
    kind: 'ack',
    agencyId,
    dispatchId: dispatch.id,
    specialistId,
    tokenId: tokenId ?? id,
  };
  try {
    await transitionDispatch(ctx, principal, dispatch.id, { to: decision });
  } catch (error) {
    // The state machine refused (a rule it keeps that this module does not restate): it moved on.
    if (error instanceof HttpProblem && error.status === 409) {
      return record('moved-on', movedOnReply(dispatch, peers), dispatch.id);
    }
    throw error;
  }
  await audit(ctx.tx, principal, meta, 'transition', 'dispatch', dispatch.id);
  const reply = decision === 'acknowledged' ? replies.acknowledged : replies.declined;
  return record(decision, reply(refOf(dispatch.id)), dispatch.id);
}
