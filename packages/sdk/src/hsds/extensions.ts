import type { ResourceCategory } from '../schema/resource.js';

// HSDS 3.0 has no place for some Resource fields (categories as such, settings, intercept
// stages, capacity, payment flags, an IANA time zone). Its extension point is the attribute:
// a taxonomy term linked to a row, with a free `value`. Peerlink writes its fields as
// attributes under two taxonomies of its own, and reads them back first when it finds them.

export const categoryTaxonomy = 'Peerlink resource categories';
export const fieldTaxonomy = 'Peerlink fields';

export const categoryLabels: Readonly<Record<ResourceCategory, string>> = {
  detox: 'Detox / withdrawal management',
  treatment: 'Substance use treatment',
  moud: 'Medication for opioid use disorder',
  'recovery-residence': 'Recovery residence',
  'mutual-aid': 'Mutual aid / support groups',
  'peer-support': 'Peer support / warm lines',
  'crisis-stabilization': 'Crisis stabilization',
  housing: 'Housing',
  employment: 'Employment',
  food: 'Food',
  transport: 'Transportation',
  'harm-reduction': 'Harm reduction',
  other: 'Other',
};

/** Codes of the `Peerlink fields` terms; the attribute's `value` carries the data. */
export const fieldTerms = {
  setting: 'Setting in the justice and care system',
  'intercept-stage': 'Sequential Intercept Model stage (0-5)',
  'capacity-available': 'Open places now (empty when not reported)',
  'capacity-total': 'Total places',
  'capacity-updated-at': 'When capacity was last reported (ISO 8601)',
  'accepts-medicaid': 'Accepts Medicaid (true/false)',
  'accepts-medicare': 'Accepts Medicare (true/false)',
  free: 'Free of charge (true/false)',
  'sliding-scale': 'Sliding-scale fees (true/false)',
  'time-zone': 'IANA time zone of this schedule',
  'open-24x7': 'Open 24 hours, 7 days a week',
  'language-tag': 'BCP 47 language tag of this language, where it says more than its ISO 639 code',
} as const;
export type FieldTerm = keyof typeof fieldTerms;

const lower = (value: string | undefined) => value?.trim().toLowerCase();

export const isCategoryTaxonomy = (name: string | undefined) => lower(name) === categoryTaxonomy.toLowerCase();
export const isFieldTaxonomy = (name: string | undefined) => lower(name) === fieldTaxonomy.toLowerCase();
