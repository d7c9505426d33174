/** What the detector finds; the contract's `PiiKind` enum is built from this list. */
export const piiKinds = [
  'phone',
  'email',
  'ssn',
  'date-of-birth',
  'street-address',
  'license-plate',
  'person-name',
] as const;
