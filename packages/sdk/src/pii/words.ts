// Word lists that keep the detector from taking what belongs in a call-out log for personal
// information: agencies, roles, relations, resources, times. All lower case.

const words = (list: string): ReadonlySet<string> => new Set(list.trim().split(/\s+/));

/** A capitalized word that marks an organization, service or role: the phrase is not a person. */
const organization = words(`
  fire police sheriff sheriff's dispatch dispatcher dispatchers coroner coroner's
  hospital health center centre clinic county city state department dept office services service line
  lifeline hotline house home recovery crisis detox treatment program team unit court jail shelter
  church ministries ministry foundation network alliance coalition association group anonymous
  medical emergency room ambulance medic medics paramedics rescue transport security
  narcan naloxone suboxone methadone vivitrol fentanyl overdose harm reduction
  supervisor specialist specialists peer peers coach investigator investigators officer officers
  deputy deputies detective sergeant lieutenant captain trooper nurse nurses doctor doctors staff
  practitioner chaplain worker workers counselor counselors case manager management
  mom mother dad father grandma grandmother grandpa grandfather aunt uncle sister brother son
  daughter wife husband boyfriend girlfriend partner baby cousin niece nephew roommate neighbor
  mamá mama papá papa abuela abuelo tía tio tío hermana hermano hijo hija esposa esposo novia novio
  policía policia bomberos hospital clínica clinica centro condado departamento oficina servicios
  smart dharma celebrate inc llc
  lyft uber taxi cab bus metra transit amtrak walmart walgreens cvs target mcdonald's
  spanish english french polish arabic chinese vietnamese korean tagalog russian ukrainian
  español inglés
`);

/** Abbreviations that are agencies, units or clinical terms when written in capitals. */
const acronyms = new Set([
  'NOT',
  'UNK',
  'NA',
  'AA',
  'EMS',
  'EMT',
  'PD',
  'SO',
  'FD',
  'CAD',
  'CIT',
  'ED',
  'ER',
  'ICU',
  'SUD',
  'OUD',
  'MAT',
  'DOA',
  'LE',
  'DCFS',
  'CPS',
]);

/** Words trimmed off the ends of a name candidate (sentence openers, days, months). */
const nameStops = words(`
  the a an this that these those he she they we i it his her their our my your its and or but so
  then after before when while if on at in to for with from by of as is was
  monday tuesday wednesday thursday friday saturday sunday today tonight yesterday tomorrow
  january february march september october november december
  lunes martes miércoles jueves viernes sábado domingo hoy ayer mañana
  el la los las un una y pero
  mr mrs ms mx dr sr sra srta miss prof deputy officer sgt lt det inv ofc tpr cpl capt chief agent
  jr sr ii iii
  client patient caller subject victim decedent male female adult juvenile individual person man woman
`);

/** After "her name is": words that say no name follows. */
const lowercaseNameStops = words(`
  unknown not unclear withheld private confidential redacted pending unavailable none n/a na
  the a an that this on in at for with of to and or but also still just given provided shared
  listed written spelled something someone different same known on file important recorded noted
  logged taken included removed requested asked entered changed mentioned used confirmed verified
  was is were are who said says told had has came went left answered his her their my our your its su sus mi
  desconocido desconocida no el la un una y que
`);

/** Words between a number and a street suffix that say it is a distance or a count. */
const streetStops = words(`
  min mins minute minutes hr hrs hour hours sec secs second seconds day days week weeks month months
  year years yr yrs mile miles mi block blocks foot feet ft yard yards yd yds meter meters km
  the a an on in at to of up down off out across along around over from for and or by into onto near
  more other few many people persons times doses kits boxes strips units cars
`);

/** Letter prefixes of plate-shaped tokens that are agencies or clinical abbreviations. */
const plateStops = words(`
  ems cad cpd pd fd so cit mat oud sud ed er icu emt als bls doa gsw le ems cfs inc ncic
`);

export const isOrganizationWord = (word: string): boolean => organization.has(word.toLowerCase()) || acronyms.has(word);
export const isNameStop = (word: string): boolean => nameStops.has(word.toLowerCase().replace(/\.$/, ''));
export const isLowercaseNameStop = (word: string): boolean => lowercaseNameStops.has(word.toLowerCase());
export const isStreetWordStop = (word: string): boolean => streetStops.has(word.toLowerCase());
export const isPlatePrefixStop = (letters: string): boolean => plateStops.has(letters.toLowerCase());
