import type { ContactChannel, FieldError } from '@peerlink/sdk';

/**
 * A phone number in E.164 (`+15550100123`), or null when it is not one. Spaces, dashes, dots and
 * parentheses are dropped; a number without `+` is read as North American (ten digits, or eleven
 * starting with 1), since that is where the programs this serves are. Anything else must carry
 * its country code.
 */
export function toE164(raw: string): string | null {
  const compact = raw.trim().replace(/[\s().-]/g, '');
  if (/^\+[1-9]\d{7,14}$/.test(compact)) return compact;
  if (/^[2-9]\d{9}$/.test(compact)) return `+1${compact}`;
  if (/^1[2-9]\d{9}$/.test(compact)) return `+${compact}`;
  return null;
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const isEmail = (value: string): boolean => emailPattern.test(value.trim()) && value.trim().length <= 254;

/**
 * Contacts as stored: text numbers in E.164, e-mail addresses trimmed and lowercased, no channel
 * twice. Errors name the field (`contacts.1.address`) and never repeat the value.
 */
export function normalizeContacts(
  contacts: readonly ContactChannel[],
  path = 'contacts',
): { contacts: ContactChannel[]; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  const normalized = contacts.map((contact, index) => {
    const at = `${path}.${String(index)}.address`;
    let address = contact.address.trim();
    if (contact.kind === 'sms') {
      const number = toE164(address);
      if (number === null) {
        errors.push({
          path: at,
          message: 'Expected a phone number with its country code, such as +1 312 555 0100',
          code: 'invalid_phone',
        });
      } else address = number;
    } else if (isEmail(address)) address = address.toLowerCase();
    else
      errors.push({ path: at, message: 'Expected an e-mail address such as name@example.org', code: 'invalid_email' });
    const key = `${contact.kind}:${address}`;
    if (seen.has(key)) errors.push({ path: at, message: 'Repeats an earlier contact', code: 'duplicate' });
    seen.add(key);
    return { kind: contact.kind, address };
  });
  return { contacts: normalized, errors };
}
