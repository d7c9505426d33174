// What the search benchmarks type (scripts/bench/search.ts in Node, scripts/bench/picker.ts in
// Chromium), so both measure the same words and typos, and how they read their options.

/** The value of `--name=value` on the command line, or `fallback`. */
export const argument = (name: string, fallback: string) =>
  process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;

/** Thirty words typed a letter at a time. */
export const typed = [
  'naloxone',
  'withdrawal',
  'recovery',
  'residence',
  'van',
  'methadone',
  'shelter',
  'pantry',
  'housing',
  'crisis',
  'food',
  'meeting',
  'harbor',
  'riverbend',
  'detox',
  'treatment',
  'outpatient',
  'employment',
  'rides',
  'reentry',
  'sober',
  'medicaid',
  'syringe',
  'spanish',
  'family',
  'evening',
  'peer',
  'jail',
  'hospital',
  'clinic',
];

/** Two-word queries with one wrong letter, and the two words they mean. */
export const twoWordTypos: [query: string, intended: [string, string]][] = [
  ['rivrebend withdrawal', ['riverbend', 'withdrawal']],
  ['keystone pantyr', ['keystone', 'pantry']],
  ['magnolia methadome', ['magnolia', 'methadone']],
  ['gatway syringe', ['gateway', 'syringe']],
  ['serenity residennce', ['serenity', 'residence']],
  ['bayveiw shelter', ['bayview', 'shelter']],
  ['pathways outpatent', ['pathways', 'outpatient']],
  ['chicagp naloxone', ['chicago', 'naloxone']],
  ['evergreen crisiss', ['evergreen', 'crisis']],
  ['beacon bridje', ['beacon', 'bridge']],
];
/** One-word queries with one wrong letter. */
export const oneWordTypos = [
  'naloxnoe',
  'buprenorphien',
  'methadne',
  'treatmennt',
  'withdrawl',
  'sobreing',
  'housnig',
  'recovary',
  'employmnet',
  'medicaod',
];
