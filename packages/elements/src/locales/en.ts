/**
 * English messages: the source of every message key. `{name}` marks a parameter.
 * Keys are `<component>.<meaning>`; shared keys use `form.` or `common.`.
 */
export const en = {
  'status.tone.neutral': 'Status',
  'status.tone.info': 'Information',
  'status.tone.success': 'Success',
  'status.tone.warning': 'Warning',
  'status.tone.danger': 'Critical',
  'status.tonePrefix': '{tone}:',
  'status.since': 'Since {time}',
  'form.valueMissing': 'This field is required.',
  'form.invalid': 'Enter a valid value.',
};

/** A message catalog: every key of {@link en}, no more, no fewer. */
export type PeerMessages = { readonly [K in keyof typeof en]: string };
export type PeerMessageKey = keyof PeerMessages;
