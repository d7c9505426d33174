import type { ResourceCategory } from '../schema/resource.js';

/**
 * How taxonomy terms become resource categories. A term maps to a category when its code equals
 * one of `codes`, or its name contains one of `names`, compared case-insensitively.
 *
 * - `codes` compare whole codes; a trailing `*` matches a prefix, for hierarchical taxonomies
 *   (`RX-8450*`).
 * - `names` are words or phrases found on word boundaries, ignoring punctuation and accents
 *   (`12-step` matches "12 Step Meetings"); a trailing `*` lets the last word go on
 *   (`detox*` matches "Detoxification").
 *
 * A term may map to several categories. Extend the default with your directory's own codes:
 * `[...defaultTaxonomyMap, { category: 'moud', codes: ['RX-1234*'] }]`.
 */
export interface TaxonomyMapping {
  readonly category: ResourceCategory;
  readonly codes?: readonly string[];
  readonly names?: readonly string[];
}

export type TaxonomyMap = readonly TaxonomyMapping[];

/**
 * Plain-language codes and the names directories commonly use for the services peers refer to.
 * It holds no proprietary code sets (AIRS/211); add those through `codes`.
 */
export const defaultTaxonomyMap: TaxonomyMap = [
  {
    category: 'detox',
    codes: ['detox', 'detoxification', 'withdrawal-management'],
    names: ['detox*', 'withdrawal', 'withdrawal management'],
  },
  {
    category: 'treatment',
    codes: ['treatment', 'sud-treatment', 'substance-use-treatment'],
    names: [
      'substance use treatment',
      'substance use disorder treatment',
      'substance use disorder services',
      'substance use services',
      'substance use counseling',
      'substance abuse treatment',
      'substance abuse services',
      'substance abuse counseling',
      'drug and alcohol treatment',
      'drug and alcohol counseling',
      'alcohol and drug treatment',
      'alcohol and drug counseling',
      'addiction treatment',
      'addiction counseling',
      'addiction services',
      'addiction and recovery',
      'chemical dependency',
      'drug rehab*',
      'alcohol rehab*',
      'intensive outpatient',
      'partial hospitalization',
      'residential treatment',
      'dual diagnosis',
      'co occurring',
    ],
  },
  {
    category: 'moud',
    codes: ['moud', 'mat', 'otp'],
    names: [
      'medication for opioid use disorder',
      'medications for opioid use disorder',
      'medication for addiction treatment',
      'medications for addiction treatment',
      'medication assisted treatment',
      'medication assisted recovery',
      'moud',
      'mat',
      'otp',
      'buprenorphine',
      'suboxone',
      'sublocade',
      'methadone*',
      'naltrexone',
      'vivitrol',
      'opioid treatment program*',
    ],
  },
  {
    category: 'recovery-residence',
    codes: ['recovery-residence', 'recovery-housing', 'sober-living'],
    names: [
      'recovery residence*',
      'recovery housing',
      'recovery home*',
      'sober living',
      'sober home*',
      'sober house*',
      'oxford house*',
      'halfway house*',
    ],
  },
  {
    category: 'mutual-aid',
    codes: ['mutual-aid', 'support-group', 'support-groups', '12-step'],
    names: [
      'mutual aid',
      'mutual support',
      'mutual help',
      'support group*',
      '12 step',
      'twelve step',
      'alcoholics anonymous',
      'narcotics anonymous',
      'cocaine anonymous',
      'smart recovery',
      'al anon',
      'alateen',
      'nar anon',
      'celebrate recovery',
      'recovery dharma',
      'recovery meeting*',
      'recovery cafe*',
    ],
  },
  {
    category: 'peer-support',
    codes: ['peer-support', 'peer-support-services', 'peer-recovery-support', 'warm-line', 'warmline'],
    names: [
      'peer support*',
      'peer recovery*',
      'peer run',
      'peer operated',
      'peer respite',
      'peer mentor*',
      'peer specialist*',
      'peer navigator*',
      'recovery coach*',
      'recovery community*',
      'warm line*',
      'warmline*',
    ],
  },
  {
    category: 'crisis-stabilization',
    codes: ['crisis', 'crisis-stabilization', 'crisis-services', '988'],
    names: [
      'crisis intervention',
      'crisis stabilization',
      'crisis stabilisation',
      'crisis services',
      'crisis response',
      'crisis line*',
      'crisis hotline*',
      'crisis center*',
      'crisis centre*',
      'crisis unit*',
      'crisis receiving',
      'crisis counseling',
      'crisis counselling',
      'mobile crisis',
      'behavioral health crisis',
      'mental health crisis',
      'psychiatric emergency',
      'suicide prevention',
      'suicide hotline*',
      '988',
      'sobering center*',
      'sobering centre*',
    ],
  },
  {
    category: 'housing',
    codes: ['housing', 'shelter', 'homeless-services'],
    names: [
      'housing',
      'shelter',
      'shelters',
      'emergency shelter*',
      'homeless*',
      'rental assistance',
      'rent assistance',
      'eviction prevention',
      'rapid rehousing',
    ],
  },
  {
    category: 'employment',
    codes: ['employment', 'jobs', 'job-training'],
    names: ['employment*', 'job', 'jobs', 'job training', 'workforce*', 'vocational*', 'career*', 'work readiness'],
  },
  {
    category: 'food',
    codes: ['food', 'food-assistance', 'nutrition'],
    names: [
      'food*',
      'meal*',
      'nutrition*',
      'grocery*',
      'groceries',
      'pantry',
      'pantries',
      'soup kitchen*',
      'snap',
      'wic',
    ],
  },
  {
    category: 'transport',
    codes: ['transport', 'transportation'],
    names: [
      'transport*',
      'transit',
      'paratransit',
      'bus pass*',
      'bus token*',
      'bus fare*',
      'rides',
      'ride program*',
      'rideshare',
      'nemt',
      'gas voucher*',
      'gas card*',
    ],
  },
  {
    category: 'harm-reduction',
    codes: ['harm-reduction', 'ssp', 'naloxone'],
    names: [
      'harm reduction',
      'syringe*',
      'needle exchange*',
      'needle services',
      'naloxone',
      'narcan',
      'overdose prevention',
      'overdose reversal',
      'fentanyl test*',
      'test strip*',
      'drug checking',
      'safer use',
      'safer smoking',
      'safer injection',
      'supervised consumption',
      'safe consumption',
    ],
  },
];

/** Lower case, accents and punctuation gone, `&` read as "and", single spaces. */
export function normalizeWords(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

interface Pattern {
  readonly text: string;
  readonly prefix: boolean;
}

interface CompiledMapping {
  readonly category: ResourceCategory;
  readonly codes: readonly Pattern[];
  readonly names: readonly Pattern[];
}

const pattern = (raw: string, normalize: (text: string) => string): Pattern => {
  const prefix = raw.trimEnd().endsWith('*');
  return { text: normalize(prefix ? raw.trimEnd().slice(0, -1) : raw), prefix };
};

const normalizeCode = (code: string) => code.trim().toLowerCase();

const compiled = new WeakMap<TaxonomyMap, readonly CompiledMapping[]>();

function compile(map: TaxonomyMap): readonly CompiledMapping[] {
  let result = compiled.get(map);
  if (!result) {
    result = map.map((mapping) => ({
      category: mapping.category,
      codes: (mapping.codes ?? []).map((code) => pattern(code, normalizeCode)).filter((p) => p.text !== ''),
      names: (mapping.names ?? []).map((name) => pattern(name, normalizeWords)).filter((p) => p.text !== ''),
    }));
    compiled.set(map, result);
  }
  return result;
}

const codeMatches = (code: string, p: Pattern) => (p.prefix ? code.startsWith(p.text) : code === p.text);

// Padding with spaces makes "contains on word boundaries" a plain substring test.
const nameMatches = (padded: string, p: Pattern) => padded.includes(p.prefix ? ` ${p.text}` : ` ${p.text} `);

/** Categories a term maps to, in map order, without repeats. */
export function categoriesOf(
  map: TaxonomyMap,
  term: { code?: string | undefined; name?: string | undefined },
): ResourceCategory[] {
  const code = term.code === undefined ? '' : normalizeCode(term.code);
  const padded = term.name === undefined ? '' : ` ${normalizeWords(term.name)} `;
  const found: ResourceCategory[] = [];
  for (const mapping of compile(map)) {
    if (found.includes(mapping.category)) continue;
    const hit =
      (code !== '' && mapping.codes.some((p) => codeMatches(code, p))) ||
      (padded.trim() !== '' && mapping.names.some((p) => nameMatches(padded, p)));
    if (hit) found.push(mapping.category);
  }
  return found;
}
