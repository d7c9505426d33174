import type { ResourceCategory } from '../schema/resource.js';

/**
 * The words people type for a kind of service that its directory entry rarely says: brand and
 * street names of medications, the initials of fellowships, English and Spanish. Each finds the
 * resources of its category, as the category's own name does.
 */
export const categoryAliases: Readonly<Partial<Record<ResourceCategory, readonly string[]>>> = {
  detox: ['detox', 'detoxification', 'withdrawal', 'desintoxicación', 'abstinencia'],
  treatment: ['rehab', 'rehabilitation', 'inpatient', 'outpatient', 'iop', 'residential', 'counseling', 'tratamiento', 'rehabilitación'],
  moud: [
    'mat', 'moud', 'suboxone', 'subutex', 'zubsolv', 'buprenorphine', 'bupe', 'sublocade', 'brixadi', 'methadone',
    'naltrexone', 'vivitrol', 'otp', 'buprenorfina', 'metadona', 'naltrexona',
  ],
  'recovery-residence': ['sober living', 'sober house', 'halfway house', 'oxford house', 'vivienda de recuperación'],
  'mutual-aid': [
    'aa', 'na', 'ca', 'alcoholics anonymous', 'narcotics anonymous', 'cocaine anonymous', 'smart recovery', 'al-anon', 'nar-anon',
    'alateen', 'celebrate recovery', 'meeting', 'meetings', 'twelve step', '12 step', 'alcohólicos anónimos', 'narcóticos anónimos',
    'reunión', 'reuniones', 'grupo de apoyo',
  ],
  'crisis-stabilization': ['crisis', 'crisis center', 'mobile crisis', '988', 'stabilization', 'estabilización'],
  housing: ['shelter', 'homeless', 'rent', 'albergue', 'refugio', 'vivienda'],
  employment: ['job', 'jobs', 'work', 'resume', 'trabajo', 'empleo'],
  food: ['food bank', 'pantry', 'meals', 'soup kitchen', 'comida', 'despensa', 'alimentos'],
  transport: ['ride', 'rides', 'bus', 'van', 'transportation', 'transporte'],
  'harm-reduction': [
    'narcan', 'naloxone', 'kloxxado', 'zimhi', 'syringe', 'syringes', 'needle', 'needles', 'needle exchange', 'ssp',
    'fentanyl test strips', 'test strips', 'xylazine', 'naloxona', 'jeringas', 'reducción de daños',
  ],
};

/**
 * Words of a query that only say where or for whom ("detox near me"): they are dropped when
 * other words remain, so a person's phrasing does not empty the results.
 */
export const fillerWords: ReadonlySet<string> = new Set([
  'near', 'nearby', 'nearest', 'closest', 'close', 'around', 'me', 'my', 'in', 'at', 'for', 'the', 'a', 'an', 'to', 'of', 'and',
  'find', 'need', 'looking', 'place', 'places', 'help', 'with', 'cerca', 'de', 'del', 'mi', 'para', 'el', 'la', 'los', 'las',
  'en', 'un', 'una', 'y', 'busco', 'necesito', 'ayuda',
]);
