import type { CalloutNotification } from '@peerlink/sdk';
import type { RenderOptions } from './types.js';

/** Two concatenated SMS segments; longer texts arrive split or not at all on some carriers. */
export const SMS_MAX_LENGTH = 320;

export interface RenderedNotification {
  subject: string;
  /** Plain-text e-mail body. */
  text: string;
  /** At most {@link SMS_MAX_LENGTH} characters unless the link alone is longer; the link is never cut. */
  sms: string;
}

const incidentWords: Readonly<Record<string, string>> = {
  'overdose-fatal': 'Overdose (fatal)',
  'overdose-nonfatal': 'Overdose (non-fatal)',
  'behavioral-health-crisis': 'Behavioral-health crisis',
  'substance-use-crisis': 'Substance-use crisis',
  'welfare-check': 'Welfare check',
  other: 'Other incident',
};

const headlines: Readonly<Record<CalloutNotification['kind'], { long: string; short: string }>> = {
  callout: { long: 'Peer call-out', short: 'Peerlink call-out' },
  escalation: { long: 'Escalated peer call-out', short: 'Peerlink ESCALATED call-out' },
  'supervisor-copy': { long: 'Supervisor copy of a peer call-out', short: 'Peerlink supervisor copy' },
};

const ACK_LABEL = 'Acknowledge or decline: ';
/** How to answer by text (the inbound SMS routes), on the link's line: it is never cut either. */
export const SMS_REPLY_HINT = 'Reply 1 or YES to acknowledge, 2 or NO to decline';
const SMS_ACK_LABEL = `${SMS_REPLY_HINT}, or open: `;

/** `overdose-nonfatal` → `Overdose (non-fatal)`; unknown codes are spelled out from their words. */
export function incidentTypeInWords(type: string): string {
  const known = incidentWords[type];
  if (known !== undefined) return known;
  const words = oneLine(type.replace(/[-_]+/g, ' '));
  return words === '' ? 'Incident' : words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * The subject, e-mail text and SMS text of a call-out. Only what the notification carries is used,
 * and it carries no names and no narratives by contract.
 */
export function renderNotification(n: CalloutNotification, options: RenderOptions = {}): RenderedNotification {
  const type = incidentTypeInWords(n.incidentType);
  const headline = headlines[n.kind];
  const area = n.area === undefined ? '' : oneLine(n.area);
  const address = oneLine(n.address);
  const cautions = (n.cautions ?? []).map(oneLine).filter((c) => c !== '');
  const timeZone = usableTimeZone(options.timeZone);

  const subject = `${headline.long}: ${type}${area === '' ? '' : ` (${area})`}`;

  const lines = [`${headline.long}: ${type}`, ''];
  if (n.kind === 'escalation') {
    lines.push('This call-out was escalated to you because it was not acknowledged in time.', '');
  }
  lines.push(`Location: ${address}`);
  if (area !== '') lines.push(`Area: ${area}`);
  if (n.lat !== undefined && n.lon !== undefined) {
    lines.push(`Coordinates: ${n.lat.toFixed(5)}, ${n.lon.toFixed(5)}`);
  }
  lines.push(`Received: ${formatTime(n.receivedAt, timeZone, true)} (${n.receivedAt})`);
  lines.push(`Dispatch: ${n.dispatchId}`);
  if (cautions.length > 0) lines.push('', 'Cautions:', ...cautions.map((c) => `- ${c}`));
  lines.push('');
  if (n.ackUrl !== undefined) lines.push(`${ACK_LABEL}${n.ackUrl}`, '');
  if (n.kind === 'supervisor-copy' && n.ackUrl === undefined) {
    lines.push('For your information; no reply is needed.');
  } else {
    lines.push('On arrival, check in with the lead investigator before entering the scene.');
  }

  return {
    subject,
    text: `${lines.join('\n')}\n`,
    sms: renderSms(n, headline.short, type, address, area, cautions, timeZone),
  };
}

function renderSms(
  n: CalloutNotification,
  headline: string,
  type: string,
  address: string,
  area: string,
  cautions: readonly string[],
  timeZone: string,
): string {
  const head = `${headline}: ${type}`;
  const addressLine = `At: ${address}`;
  const cautionLine = cautions.length === 0 ? '' : `Cautions: ${cautions.join('; ')}`;
  const link = n.ackUrl === undefined ? '' : `${SMS_ACK_LABEL}${n.ackUrl}`;
  // Optional lines, dropped from the end of this list when even a cut address does not fit.
  const extras = [
    area === '' ? '' : `Area: ${area}`,
    `Rcvd ${formatTime(n.receivedAt, timeZone, false)}`,
    `Ref ${n.dispatchId.slice(0, 8)}`,
  ];

  const compose = (addr: string, caution: string, kept: readonly string[]): string =>
    [head, addr, kept[0] ?? '', kept[1] ?? '', caution, kept[2] ?? '', link].filter((l) => l !== '').join('\n');

  const full = compose(addressLine, cautionLine, extras);
  if (full.length <= SMS_MAX_LENGTH) return full;

  // The address finds the scene and cautions keep the peer safe: both get cut rather than dropped,
  // the address keeping the larger share. The link is never cut; a cut link does not work.
  const MIN_ADDRESS = 'At: '.length + 16;
  const MIN_CAUTION = 'Cautions: '.length + 12;
  let kept = extras;
  for (;;) {
    const fixed = compose('', '', kept).length;
    const separators = cautionLine === '' ? 1 : 2;
    const room = SMS_MAX_LENGTH - fixed - separators;
    if (room >= MIN_ADDRESS || kept.every((l) => l === '')) {
      let addressRoom = Math.min(addressLine.length, Math.max(room - cautionLine.length, Math.floor(room * 0.6)));
      let cautionRoom = room - addressRoom;
      if (cautionLine !== '' && cautionRoom < Math.min(MIN_CAUTION, cautionLine.length)) {
        // Too little room for a useful caution; give it to the address and drop the separator.
        addressRoom = Math.min(addressLine.length, room + 1);
        cautionRoom = 0;
      }
      const caution = cautionRoom > 0 ? truncate(cautionLine, cautionRoom) : '';
      return compose(truncate(addressLine, Math.max(addressRoom, 0)), caution, kept);
    }
    // Drop the least useful optional line that is still there: the reference, then area, then time.
    const index = [2, 0, 1].find((i) => (kept[i] ?? '') !== '');
    if (index === undefined) break;
    kept = kept.map((line, i) => (i === index ? '' : line));
  }
  return compose(truncate(addressLine, MIN_ADDRESS), '', kept);
}

/** Collapses line breaks and runs of whitespace, so no field can fake extra lines or headers. */
function oneLine(value: string): string {
  return value.replace(/[\s\p{Cc}]+/gu, ' ').trim();
}

/**
 * Cuts at a word boundary when one is near and marks the cut with "...": ASCII, because a single
 * character outside the GSM alphabet turns a whole SMS into UCS-2 and halves its capacity.
 */
function truncate(value: string, max: number): string {
  if (value.length <= max) return value;
  if (max <= 3) return '';
  let cut = value.slice(0, max - 3);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  const space = cut.lastIndexOf(' ');
  if (space >= cut.length * 0.6) cut = cut.slice(0, space);
  return `${cut.trimEnd().replace(/[,;:]$/, '')}...`;
}

// Building an Intl formatter costs far more than using one: each is built once per time zone.
const formatters = new Map<string, Intl.DateTimeFormat | null>();

/** The formatter of a time zone (with or without the weekday); null when the zone is unknown. */
function formatterFor(timeZone: string, withWeekday: boolean): Intl.DateTimeFormat | null {
  const key = `${timeZone}|${withWeekday ? 'w' : ''}`;
  let formatter = formatters.get(key);
  if (formatter === undefined) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        ...(withWeekday ? { weekday: 'short' } : {}),
        month: 'short',
        day: 'numeric',
        hour: 'numeric',
        minute: '2-digit',
        timeZone,
        timeZoneName: 'short',
      });
    } catch {
      formatter = null;
    }
    // Time zones are a short list; a bound keeps a flood of bad names from growing it.
    if (formatters.size < 1000) formatters.set(key, formatter);
  }
  return formatter;
}

function usableTimeZone(timeZone: string | undefined): string {
  if (timeZone === undefined) return 'UTC';
  return formatterFor(timeZone, false) ? timeZone : 'UTC';
}

function formatTime(iso: string, timeZone: string, withWeekday: boolean): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const text = (formatterFor(timeZone, withWeekday) ?? formatterFor('UTC', withWeekday))?.format(date) ?? iso;
  // Newer ICU puts a narrow no-break space before AM/PM; keep SMS text in the GSM alphabet.
  return text.replace(/[\u00A0\u202F]/g, ' ');
}
