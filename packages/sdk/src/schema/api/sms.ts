// The `sms` endpoints: the inbound webhooks an SMS gateway calls when a peer answers a call-out by text.
import { InboundSms, SmsInboundParams, SmsReply, TwilioInboundSms, TwimlResponse } from '../sms.js';
import { endpoint } from '../endpoint.js';

export const receiveInboundSms = endpoint({
  operationId: 'receiveInboundSms',
  method: 'POST',
  path: '/v1/sms/inbound/{agencyId}',
  summary: "Receive a peer's text reply from the agency's own SMS gateway",
  description:
    "A text a peer sent, forwarded by the agency's SMS gateway and signed with the agency's inbound secret exactly as the outbound webhook is signed: `X-Peerlink-Timestamp` (Unix seconds, within five minutes) and `X-Peerlink-Signature` (`sha256=` and the hex HMAC-SHA256 of `<timestamp>.<raw body>`). A bad, missing or stale signature is refused with 401. `1`, `YES` or `SI` acknowledges and `2` or `NO` declines, with the same transitions and timeline as the link: the call-out whose `Ref` (the first eight characters of its id, given in every text) follows the word (`YES 1a2b3c4d`), or else the one call-out that waits on the peer among those whose text the gateway took. When several wait, a bare answer acts on none and the reply lists their refs; anything else gets a short help text. Texts from numbers that are no active peer's are ignored and audited. The answer carries the text to send back; a repeated `messageId` acts once.",
  tag: 'sms',
  auth: 'public',
  signed: true,
  params: SmsInboundParams,
  body: InboundSms,
  response: SmsReply,
});

export const receiveTwilioSms = endpoint({
  operationId: 'receiveTwilioSms',
  method: 'POST',
  path: '/v1/sms/twilio/{agencyId}',
  summary: "Receive a peer's text reply from Twilio",
  description:
    "Twilio's incoming-message webhook (form-encoded `From`, `Body`, `MessageSid`...), verified by its `X-Twilio-Signature`: the base64 HMAC-SHA1, keyed with the agency's Twilio auth token, of the service's public URL and path followed by every POST parameter sorted by name, each name then its value. A bad or missing signature is refused with 401. The replies work as on `/v1/sms/inbound`; the answer is TwiML with the text to send back, empty for numbers that are no active peer's. A retried `MessageSid` acts once.",
  tag: 'sms',
  auth: 'public',
  signed: true,
  params: SmsInboundParams,
  body: TwilioInboundSms,
  bodyType: 'application/x-www-form-urlencoded',
  response: TwimlResponse,
  responseType: 'application/xml',
});
