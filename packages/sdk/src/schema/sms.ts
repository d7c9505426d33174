import * as z from 'zod/mini';
import { Id, text } from './primitives.js';

/** A phone number in E.164 form: `+`, country code and number, 8 to 16 characters. */
export const E164 = z
  .string()
  .check(z.regex(/^\+[1-9]\d{6,14}$/, 'Expected an E.164 phone number such as +13125550123'));
export type E164 = z.infer<typeof E164>;

/** The agency whose call-outs an inbound text answers. */
export const SmsInboundParams = z.strictObject({ agencyId: Id });
export type SmsInboundParams = z.infer<typeof SmsInboundParams>;

/**
 * Body of `POST /v1/sms/inbound/{agencyId}`: a text a peer sent, as an agency's own SMS gateway
 * forwards it, signed like the outbound webhook (`X-Peerlink-Timestamp`, `X-Peerlink-Signature`).
 */
export const InboundSms = z.strictObject({
  /** The sender's number. */
  from: E164,
  /** What the peer wrote; `1`/`YES`/`SI` acknowledges, `2`/`NO` declines, optionally followed by the call-out's `Ref`. */
  body: z.string().check(z.maxLength(1600)),
  /** The gateway's id of the message: a retried delivery with the same id acts once. */
  messageId: z.optional(text(1, 100)),
});
export type InboundSms = z.infer<typeof InboundSms>;

/**
 * The form Twilio posts for an incoming message (`application/x-www-form-urlencoded`). Twilio sends
 * more parameters than these; all of them count for its signature, only these are read.
 */
export const TwilioInboundSms = z.object({
  From: z.string().check(z.minLength(1), z.maxLength(40)),
  Body: z.string().check(z.maxLength(1600)),
  MessageSid: z.optional(z.string().check(z.regex(/^[A-Z]{2}[0-9a-fA-F]{32}$/, 'Expected a Twilio message SID'))),
  AccountSid: z.optional(z.string().check(z.maxLength(40))),
});
export type TwilioInboundSms = z.infer<typeof TwilioInboundSms>;

/**
 * What became of a text reply: it acknowledged or declined a call-out, it was not understood or named
 * none of several waiting call-outs (`help`, answered with how to), the call-out had moved on
 * (`moved-on`), there was none to answer (`no-callout`), or the number is no active peer's
 * (`unknown-number`, ignored).
 */
export const SmsReplyOutcome = z.enum(['acknowledged', 'declined', 'help', 'moved-on', 'no-callout', 'unknown-number']);
export type SmsReplyOutcome = z.infer<typeof SmsReplyOutcome>;

/** The answer to a signed inbound text: what it came to and the text to send back, if any. */
export const SmsReply = z.object({
  outcome: SmsReplyOutcome,
  /** The text the gateway should send back to the peer; null when nothing is sent (unknown numbers). */
  reply: z.nullable(z.string().check(z.maxLength(320))),
  /** True when the same message id was answered before: nothing was done again. */
  duplicate: z.boolean(),
});
export type SmsReply = z.infer<typeof SmsReply>;

/** TwiML: `<Response>` with the reply as a `<Message>`, or empty when nothing is sent. */
export const TwimlResponse = z.string().check(z.maxLength(2000));
export type TwimlResponse = z.infer<typeof TwimlResponse>;
