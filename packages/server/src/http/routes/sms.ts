import { receiveInboundSms, receiveTwilioSms } from '@peerlink/sdk';
import { AuditedRefusal, notFound, unauthorized } from '../../domain/problems.js';
import { answerTextReply, notificationSettingsOf } from '../../domain/sms-replies.js';
import {
  TWILIO_SIGNATURE_HEADER,
  twiml,
  verifyTwilioSignature,
  verifyWebhookSignature,
} from '../../infra/notify/index.js';
import type { HandlerInput } from '../route.js';
import { route } from '../route.js';

type Input = Pick<HandlerInput<typeof receiveInboundSms, null>, 'tx' | 'deps' | 'meta'>;

const contextOf = ({ tx, deps, meta }: Input) => ({ tx, keys: deps.keys, config: deps.config, now: meta.now });

// These routes are public in the contract: the gateway proves itself by signing the request with
// a secret of the agency's settings, checked here before anything is read or written. A refusal
// says which check failed, never anything of the secret, and is kept in the agency's audit trail.

export const receiveInboundSmsRoute = route(receiveInboundSms, {
  auth: 'public',
  async handler(input) {
    const { params, body, meta, request } = input;
    const ctx = contextOf(input);
    const secret = (await notificationSettingsOf(ctx, params.agencyId))?.inboundSecret;
    if (secret === undefined) throw notFound('This agency takes no signed inbound texts');
    const verified = verifyWebhookSignature(secret, request.headers, request.text, meta.now);
    if (!verified.ok) {
      const refusal = unauthorized(`The request signature is ${verified.reason.replace('-', ' ')}`);
      throw new AuditedRefusal(refusal, params.agencyId);
    }
    return answerTextReply(ctx, meta, params.agencyId, { from: body.from, body: body.body, messageId: body.messageId });
  },
});

export const receiveTwilioSmsRoute = route(receiveTwilioSms, {
  auth: 'public',
  async handler(input) {
    const { params, body, meta, request, deps } = input;
    const ctx = contextOf(input);
    const twilio = (await notificationSettingsOf(ctx, params.agencyId))?.twilio;
    if (twilio === undefined) throw notFound('This agency has no Twilio account set up');
    // Twilio signs the URL it was told to call: the service's public URL and this path.
    const url = `${deps.config.publicUrl.replace(/\/+$/, '')}${request.path}`;
    const form = new URLSearchParams(request.text);
    if (!verifyTwilioSignature(twilio.authToken, request.headers.get(TWILIO_SIGNATURE_HEADER), url, form)) {
      throw new AuditedRefusal(unauthorized('The X-Twilio-Signature does not match this request'), params.agencyId);
    }
    const answer = await answerTextReply(ctx, meta, params.agencyId, {
      from: body.From,
      body: body.Body,
      messageId: body.MessageSid,
    });
    return twiml(answer.reply);
  },
});
