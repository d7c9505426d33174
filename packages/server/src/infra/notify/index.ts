export type { DeliveryOutcome, RenderOptions, Transport, TransportName } from './types.js';
export { SMS_MAX_LENGTH, SMS_REPLY_HINT, incidentTypeInWords, renderNotification } from './message.js';
export type { RenderedNotification } from './message.js';
export { baseDelayMs, maxAttempts, maxDelayMs, nextAttemptDelay, retryDelay } from './retry.js';
export { createConsoleTransport, maskRecipient } from './console.js';
export type { ConsoleTransportOptions } from './console.js';
export { createSmtpTransport } from './smtp.js';
export type { SmtpSettings, SmtpTransportOptions } from './smtp.js';
export {
  WEBHOOK_DELIVERY_HEADER,
  WEBHOOK_SIGNATURE_HEADER,
  WEBHOOK_TIMESTAMP_HEADER,
  WEBHOOK_TOLERANCE_SECONDS,
  createWebhookTransport,
  signWebhook,
  verifyWebhookSignature,
} from './webhook.js';
export type {
  HeaderSource,
  WebhookPayload,
  WebhookSettings,
  WebhookTransportOptions,
  WebhookVerification,
} from './webhook.js';
export {
  TWILIO_API_BASE_URL,
  TWILIO_SIGNATURE_HEADER,
  createTwilioTransport,
  twilioSignature,
  twiml,
  verifyTwilioSignature,
} from './twilio.js';
export type { TwilioSettings, TwilioTransportOptions } from './twilio.js';
export { createTransport } from './transport.js';
export type { TransportOptions } from './transport.js';
