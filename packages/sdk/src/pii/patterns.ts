// The detector's regular expressions. Every repetition is bounded and no two alternatives of a
// repeated group can match the same text, so each pattern runs in time linear in its input.

/** `[Ss][Tt]`: one word in any letter case, without the `i` flag (which would also fold `\p{Lu}`). */
const anyCase = (word: string): string =>
  word.replace(/[a-z]|[.\\]/gi, (ch) =>
    ch === '.' || ch === '\\' ? `\\${ch}` : `[${ch.toUpperCase()}${ch.toLowerCase()}]`,
  );
const oneOf = (words: readonly string[]): string =>
  `(?:${[...words]
    .sort((a, b) => b.length - a.length)
    .map(anyCase)
    .join('|')})`;

/** Horizontal white space, one to three characters; `spOpt` also none. */
const sp = '[^\\S\\r\\n]{1,3}';
const spOpt = '[^\\S\\r\\n]{0,3}';
const startOfWord = '(?<![\\p{L}\\p{N}_])';
const endOfWord = '(?![\\p{L}\\p{N}_])';

// ——— Phone numbers ————————————————————————————————————————————————————————————————————————

/** NANP numbers: area code and exchange start with 2–9; optional +1, separators and extension. */
export const phone = new RegExp(
  '(?<![\\p{L}\\p{N}_+])' +
    '(?:\\+?1[ .-]?)?' +
    '(?:\\([2-9]\\d{2}\\)[ .-]?|[2-9]\\d{2}[ .-]?)' +
    '[2-9]\\d{2}[ .-]?\\d{4}' +
    `(?:${spOpt}(?:${oneOf(['x', 'ext', 'ext.', 'extension'])})${spOpt}\\d{1,6})?` +
    '(?![\\p{N}])',
  'gu',
);

/** Seven-digit local numbers only after a word that says they are a phone number. */
export const cuedPhone = new RegExp(
  `${startOfWord}${oneOf(['phone', 'cell', 'mobile', 'tel', 'telephone', 'number', 'call', 'text', 'teléfono', 'telefono', 'celular', 'número', 'numero', 'llamar'])}` +
    `(?:${sp}${oneOf(['is', 'at', 'me', 'her', 'him', 'them', 'back', 'es', 'al', 'a', 'no.', 'no'])}${endOfWord}){0,3}` +
    '[\\s:#]{1,3}([2-9]\\d{2}[.-]\\d{4})(?![\\p{N}-])',
  'gu',
);

// ——— E-mail —————————————————————————————————————————————————————————————————————————————————

export const email =
  /(?<![\p{L}\p{N}._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@(?:[A-Za-z0-9-]{1,63}\.){1,6}[A-Za-z]{2,24}(?![\p{L}\p{N}-])/gu;

/** `jane.doe at gmail dot com`, as people write an address to get past filters. */
export const emailSpelledOut = new RegExp(
  `(?<![\\p{L}\\p{N}._-])[A-Za-z0-9][A-Za-z0-9._-]{0,63}(?:${sp}(?:\\(dot\\)|${anyCase('dot')})${sp}[A-Za-z0-9_-]{1,63}){0,3}${sp}(?:\\(at\\)|\\[at\\]|${anyCase('at')})${sp}[A-Za-z0-9-]{1,63}${sp}(?:\\(dot\\)|\\[dot\\]|${anyCase('dot')})${sp}${oneOf(['com', 'org', 'net', 'edu', 'gov', 'us', 'mx', 'io', 'info'])}${endOfWord}`,
  'gu',
);

// ——— Social Security numbers ——————————————————————————————————————————————————————————————————

/** Area 000, 666 and 900–999, group 00 and serial 0000 are never issued. */
const ssnBody = (separator: string) =>
  `(?!000|666|9\\d\\d)\\d{3}${separator}(?!00)\\d{2}${separator === '([- ])' ? '\\1' : separator}(?!0000)\\d{4}`;

export const ssn = new RegExp(`(?<![\\p{L}\\p{N}_-])${ssnBody('([- ])')}(?![\\p{N}-])`, 'gu');

/** Nine digits in a row are an SSN only when introduced as one. */
export const ssnCued = new RegExp(
  `${startOfWord}(?:${oneOf(['ssn', 'ss#', 's.s.n.', 's.s.n', 'social security number', 'social security no.', 'social security #', 'social security', 'social', 'seguro social'])})` +
    `(?:[\\s:#]{0,3}${oneOf(['is', 'was', 'es', 'number', 'no.'])}${endOfWord}){0,2}[\\s:#]{1,3}(${ssnBody('[- ]?')})(?![\\p{N}])`,
  'gu',
);

// ——— Dates of birth —————————————————————————————————————————————————————————————————————————

const monthEn = oneOf([
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
]);
const monthEs = oneOf([
  'enero',
  'febrero',
  'marzo',
  'abril',
  'mayo',
  'junio',
  'julio',
  'agosto',
  'septiembre',
  'setiembre',
  'octubre',
  'noviembre',
  'diciembre',
]);
const year = '(?:19|20)\\d{2}';
const ordinal = `(?:${oneOf(['st', 'nd', 'rd', 'th'])})?`;
const monthYear = `(?:${monthEn}\\.?${sp}(?:${anyCase('of')}${sp})?${year}|${monthEs}${sp}(?:de|del)${sp}${year})`;
const textualDate = (yearRequired: boolean) => {
  const y = yearRequired ? '' : '?';
  return (
    `(?:${monthEn}\\.?${sp}\\d{1,2}${ordinal}(?:,?${sp}${year})${y}` +
    `|\\d{1,2}${ordinal}${sp}(?:${anyCase('of')}${sp})?${monthEn}\\.?(?:,?${sp}${year})${y}` +
    `|\\d{1,2}${sp}de${sp}${monthEs}(?:${sp}(?:de|del)${sp}${year})${y})`
  );
};
const numericDate = (yearRequired: boolean) =>
  `\\d{1,2}[/.-]\\d{1,2}(?:[/.-](?:\\d{4}|\\d{2}))${yearRequired ? '' : '?'}`;
const isoDate = `${year}-[01]\\d-[0-3]\\d`;
const date = (yearRequired: boolean) =>
  `(?<date>${isoDate}|${monthYear}|${textualDate(yearRequired)}|${numericDate(yearRequired)})(?![\\p{L}\\p{N}]|[/.-]\\d)`;

/** A date right after "DOB", "born", "date of birth", "birthday", "fecha de nacimiento"… */
export const dobCue = new RegExp(
  `(?<![\\p{L}])(?:${oneOf(['dob', 'd.o.b.', 'd.o.b', 'date of birth', 'birth date', 'birthdate', 'birthday', 'b-day', 'bday', 'born', 'fecha de nacimiento', 'f. nac.', 'f.nac.', 'nació', 'nacio', 'nacido', 'nacida', 'cumpleaños'])})(?![\\p{L}])` +
    `[\\s:,(–-]{0,4}(?:${oneOf(['is', 'was', 'on', 'in', 'of', 'the', 'el', 'es', 'fue', 'en'])}[\\s:,]{1,3}){0,3}` +
    date(false),
  'gu',
);

/** "34 y/o, 03/04/1990": an age followed by a full date is a date of birth. */
export const ageWithDate = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${oneOf(['aged', 'age', 'edad'])}[\\s:]{1,3}\\d{1,3}|\\d{1,3}[\\s-]{0,2}${oneOf(['y/o', 'yo', 'yrs old', 'yr old', 'years old', 'year old', '-year-old', 'años', 'anos'])})(?![\\p{L}])` +
    `[\\s,;(]{1,4}${date(true)}`,
  'gu',
);

// ——— Street addresses ——————————————————————————————————————————————————————————————————————

const suffixes = [
  'street',
  'st',
  'avenue',
  'ave',
  'av',
  'road',
  'rd',
  'boulevard',
  'blvd',
  'lane',
  'ln',
  'drive',
  'dr',
  'court',
  'ct',
  'way',
  'place',
  'pl',
  'terrace',
  'ter',
  'circle',
  'cir',
  'parkway',
  'pkwy',
  'highway',
  'hwy',
  'trail',
  'trl',
  'square',
  'sq',
  'loop',
  'pike',
  'alley',
  'aly',
  'plaza',
  'plz',
  'expressway',
  'expy',
  'freeway',
  'fwy',
  'turnpike',
  'tpke',
  'crescent',
];
const suffix = oneOf(suffixes);
const direction = oneOf(['n', 's', 'e', 'w', 'ne', 'nw', 'se', 'sw', 'north', 'south', 'east', 'west']);
const unit = `(?:,?${sp}(?:${oneOf(['apt', 'apartment', 'unit', 'suite', 'ste', 'rm', 'room', 'lot', 'bldg', 'building', 'fl', 'floor', 'trlr', 'trailer', 'space'])}\\.?${sp}#?|#${spOpt})[A-Za-z0-9-]{1,6}(?![\\p{L}\\p{N}]))?`;
const houseNumber = '(?<![\\p{L}\\p{N}_.,:/#-])\\d{1,6}(?:-\\d{1,6})?[A-Za-z]?';
const streetWord = "(?:\\p{Lu}[\\p{L}'’]{0,24}\\.?|\\d{1,3}(?:st|nd|rd|th))";

/** `1200 Elm St`, `45 N. Martin Luther King Jr Blvd Apt 3B`. */
export const streetAddress = new RegExp(
  `${houseNumber}${sp}${streetWord}(?:${sp}${streetWord}){0,4}${sp}${suffix}\\.?(?:${sp}${direction}\\.?)?(?![\\p{L}\\p{N}])${unit}`,
  'gu',
);

/** `2400 W Madison`: a house number and a compass direction are enough without a suffix. */
export const directionAddress = new RegExp(
  `(?<![\\p{L}\\p{N}_.,:/#-])\\d{2,6}${sp}(?:N|S|E|W|North|South|East|West)\\.?${sp}\\p{Lu}\\p{Ll}{1,24}(?:${sp}\\p{Lu}\\p{Ll}{1,24})?(?![\\p{L}\\p{N}])${unit}`,
  'gu',
);

/** `1200 elm st`: typed in lower case, with a longer house number and one or two words. */
export const lowercaseAddress = new RegExp(
  `(?<![\\p{L}\\p{N}_.,:/#-])\\d{2,6}[a-z]?${sp}(?:${direction}\\.?${sp})?(?<first>[a-z][a-z'’]{1,20}|\\d{1,3}(?:st|nd|rd|th))(?:${sp}(?<second>[a-z][a-z'’]{1,20}))?${sp}` +
    `(?:st|street|ave|avenue|rd|road|blvd|boulevard|ln|lane|dr|drive|ct|court|pl|place|pkwy|hwy|highway|cir|circle|ter|way)\\.?(?![\\p{L}\\p{N}])${unit}`,
  'gu',
);

export const poBox = new RegExp(
  `(?<![\\p{L}])(?:${oneOf(['p.o.', 'p. o.', 'po', 'post office'])})${spOpt}${anyCase('box')}${sp}\\d{1,6}(?![\\p{N}])`,
  'gu',
);

const spanishStreet = oneOf([
  'calle',
  'avenida',
  'avda.',
  'av.',
  'camino',
  'paseo',
  'carretera',
  'callejón',
  'callejon',
]);

/** `350 Calle Sol`: a Spanish street word after the house number. */
export const spanishAddressNumberFirst = new RegExp(
  `${houseNumber}${sp}${spanishStreet}${sp}(?:(?:de|del|la|las|los|el)${sp})?\\p{Lu}[\\p{L}'’]{0,24}(?:${sp}\\p{Lu}[\\p{L}'’]{0,24}){0,2}(?![\\p{L}\\p{N}])${unit}`,
  'gu',
);

/** `Calle Olmo 45`, `Avenida Juárez #450`: Spanish order, number last. */
export const spanishAddress = new RegExp(
  `(?<![\\p{L}])${spanishStreet}${sp}` +
    `(?:(?:de|del|la|las|los|el)${sp})?\\p{Lu}[\\p{L}'’]{0,24}(?:${sp}(?:(?:de|del|la|las|los|el)${sp})?\\p{Lu}[\\p{L}'’]{0,24}){0,3},?${sp}` +
    `(?:#${spOpt}|[Nn][oº°]\\.?${spOpt}|núm\\.?${spOpt})?\\d{1,5}[A-Za-z]?(?![\\p{L}\\p{N}])`,
  'gu',
);

// ——— Licence plates ————————————————————————————————————————————————————————————————————————

/** `plate ABC1234`, `tag # 7XYZ123`, `placa ABC-123`: the token after a plate word. */
export const plateCued = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${oneOf(['license plate', 'licence plate', 'plate', 'plates', 'tag', 'tags', 'lp', 'lic.', 'lic', 'license', 'licence', 'placa', 'placas', 'matrícula', 'matricula'])})(?![\\p{L}])` +
    `(?:[\\s:#.]{0,3}${oneOf(['no.', 'no', 'number', 'num.', 'is', 'was', 'reads', 'read', 'of', 'es', 'número', 'numero', 'de'])}(?![\\p{L}])){0,3}` +
    `[\\s:#.]{1,3}(?:[A-Z]{2}[\\s:-]{1,2}(?=[A-Z0-9]{5}))?(?<plate>[A-Z0-9]{2,8}(?:[ -][A-Z0-9]{1,5})?|[A-Za-z0-9]{5,8})(?![\\p{L}\\p{N}])`,
  'gu',
);

/** Common plate shapes; they count only near a word about a vehicle (see `vehicleCue`). */
export const platePattern =
  /(?<![\p{L}\p{N}_-])(?:[A-Z]{3}[ -]?\d{3,4}|\d[A-Z]{3}\d{3}|[A-Z]{2}[ -]?\d{4,5}|\d{3}[ -]?[A-Z]{3}|[A-Z]\d{2}[ -]?[A-Z]{3})(?![\p{L}\p{N}_-])/gu;

export const vehicleCue = new RegExp(
  `${startOfWord}${oneOf(['vehicle', 'car', 'truck', 'sedan', 'suv', 'van', 'minivan', 'pickup', 'motorcycle', 'coupe', 'hatchback', 'jeep', 'honda', 'toyota', 'ford', 'chevy', 'chevrolet', 'nissan', 'dodge', 'hyundai', 'kia', 'subaru', 'carro', 'coche', 'camioneta', 'vehículo', 'vehiculo', 'auto', 'plates', 'plate'])}${endOfWord}`,
  'gu',
);

// ——— People's names ————————————————————————————————————————————————————————————————————————

/** `Maria`, `O'Brien`, `McKenzie`, `Smith-Jones`, `José`. */
const nameWord = "\\p{Lu}(?:['’]\\p{Lu})?\\p{Ll}{1,24}(?:\\p{Lu}\\p{Ll}{1,24})?(?:-\\p{Lu}\\p{Ll}{1,24})?";
const initial = '\\p{Lu}\\.';
const particle = `(?:de|del|de${sp}la|la|van|von|da|dos|di|du|le|bin|ibn)`;
const name = `(?<name>(?:${nameWord}|${initial})(?:${sp}(?:${particle}${sp})?(?:${nameWord}|${initial})){0,3})(?![\\p{L}\\p{N}])`;

/** Cues that say a name follows: "her name is", "named", "goes by", "se llama"… */
const strongCues = oneOf([
  'name is',
  'name was',
  "name's",
  'name:',
  'names are',
  'named',
  'contact:',
  'contact is',
  'goes by',
  'went by',
  'known as',
  'aka',
  'a.k.a.',
  'nicknamed',
  'se llama',
  'se llamaba',
  'llamado',
  'llamada',
  'nombre es',
  'nombre era',
  'de nombre',
  'apodado',
  'apodada',
  'call him',
  'call her',
  'call them',
  'introduced himself as',
  'introduced herself as',
  'introduced themselves as',
  'se presentó como',
]);

export const strongNameCue = new RegExp(`(?<![\\p{L}])${strongCues}[\\s:]{1,3}${name}`, 'gu');

/** `named JJ`, `goes by TJ`: a short all-capitals nickname, after a strong cue only. */
export const nicknameCue = new RegExp(
  `(?<![\\p{L}])${strongCues}[\\s:]{1,3}(?<name>\\p{Lu}{2,3})(?![\\p{L}\\p{N}])`,
  'gu',
);

/** "called" names a person only when what follows is capitalized and not an agency. */
export const weakNameCue = new RegExp(
  `(?<![\\p{L}])${oneOf(['called', 'calls', 'asked for', 'spoke with', 'spoke to', 'talked with', 'talked to', 'met with', 'hablé con', 'hablamos con', 'habló con'])}${sp}${name}`,
  'gu',
);

/** `his sister Maria`, `the survivor's mom, Linda,`, `Sister (Tanya)`: a relation, then a name. */
export const relationName = new RegExp(
  `(?<![\\p{L}])${oneOf(['mom', 'mother', 'dad', 'father', 'sister', 'brother', 'son', 'daughter', 'wife', 'husband', 'boyfriend', 'girlfriend', 'partner', 'friend', 'neighbor', 'aunt', 'uncle', 'cousin', 'grandmother', 'grandfather', 'grandma', 'grandpa', 'roommate', 'landlord', 'sponsor', 'fiancé', 'fiancée', 'madre', 'padre', 'mamá', 'papá', 'hija', 'hijo', 'hermana', 'hermano', 'esposa', 'esposo', 'novia', 'novio', 'amiga', 'amigo', 'vecina', 'vecino', 'tía', 'tío', 'abuela', 'abuelo'])}` +
    `(?:,${sp}|${spOpt}\\(${spOpt}|${sp})${name}`,
  'gu',
);

/** Words for a person that a name can stand beside in apposition: "the man at the door, John Smith,". */
const personNouns = oneOf([
  'man',
  'woman',
  'guy',
  'lady',
  'gentleman',
  'person',
  'individual',
  'male',
  'female',
  'boy',
  'girl',
  'teen',
  'teenager',
  'youth',
  'juvenile',
  'adult',
  'caller',
  'patient',
  'client',
  'survivor',
  'victim',
  'decedent',
  'deceased',
  'resident',
  'tenant',
  'homeowner',
  'owner',
  'occupant',
  'witness',
  'bystander',
  'neighbor',
  'neighbour',
  'participant',
  'subject',
  'relative',
  'family member',
  'reporting party',
  'rp',
  'hombre',
  'mujer',
  'señor',
  'señora',
  'persona',
  'paciente',
  'cliente',
  'vecino',
  'vecina',
  'testigo',
  'residente',
  'joven',
  'muchacho',
  'muchacha',
  'chico',
  'chica',
  'víctima',
  'fallecido',
  'fallecida',
  'sobreviviente',
  'inquilino',
  'inquilina',
  'dueño',
  'dueña',
  'familiar',
]);

/** What may follow a name in apposition: the closing comma or stop, or the verb of the sentence. */
const afterApposition = `(?=${spOpt}(?:[,.;:)!?—–]|$)|${sp}${oneOf(['who', 'said', 'says', 'told', 'was', 'is', 'stated', 'reported', 'asked', 'agreed', 'declined', 'quien', 'que', 'dijo', 'estaba'])}(?![\\p{L}]))`;

/**
 * `the man at the door, John Smith, who…`, `El hombre en la puerta, Juan Pérez, dijo…`: a word for
 * a person, a few words about them, then a capitalized name set off by a comma.
 */
export const appositionName = new RegExp(
  `(?<![\\p{L}])(?:${oneOf(['the', 'a', 'an', 'this', 'that', 'our', 'el', 'la', 'un', 'una', 'este', 'esta', 'nuestro', 'nuestra'])}${sp})?` +
    `(?:\\p{Ll}{2,15}${sp}){0,2}${personNouns}(?![\\p{L}])(?:${sp}[^\\s,.;:!?()]{1,20}){0,6},${sp}${name}${afterApposition}`,
  'gmu',
);

/** `her name is sarah`: lower case after the strongest cues only. */
export const lowercaseName = new RegExp(
  `(?<![\\p{L}])${oneOf(['name is', 'name was', 'name:', 'named', 'se llama', 'nombre es', 'llamado', 'llamada'])}[\\s:]{1,3}(?<name>[a-zñáéíóú][a-zñáéíóú'’-]{1,20}(?:${sp}[a-zñáéíóú][a-zñáéíóú'’-]{1,20})?)(?![\\p{L}\\p{N}])`,
  'gu',
);

const courtesyTitles = '(?:Mrs|Mr|Ms|Mx|Dr|Srta|Sra|Sr|Prof)\\.?|Miss';
const roleTitles = oneOf([
  'deputy',
  'officer',
  'ofc.',
  'ofc',
  'sgt.',
  'sgt',
  'sergeant',
  'lt.',
  'lieutenant',
  'detective',
  'det.',
  'investigator',
  'inv.',
  'inv',
  'trooper',
  'tpr.',
  'corporal',
  'cpl.',
  'captain',
  'capt.',
  'chief',
  'agent',
  'nurse',
  'practitioner',
  'chaplain',
  'paramedic',
  'coroner',
  'oficial',
  'agente',
  'sargento',
  'enfermero',
  'enfermera',
  'doctor',
  'doctora',
  'señor',
  'señora',
  'señorita',
  'doña',
]);

/** `Mr. Alvarez`, `Deputy Coroner Hale`, `el oficial Ramírez`: the name, not the title. */
export const titledName = new RegExp(`(?<![\\p{L}])(?:(?:${courtesyTitles}|${roleTitles})${sp}){1,3}${name}`, 'gu');

/** `Maria Lopez, DOB …`: two or three capitalized words right before a date-of-birth cue. */
export const dobContextName = new RegExp(
  `(?<![\\p{L}])(?<name>${nameWord}(?:${sp}${nameWord}){1,2})${spOpt}[,(]?${spOpt}(?:${oneOf(['dob', 'd.o.b.', 'born', 'date of birth', 'fecha de nacimiento'])})(?![\\p{L}])`,
  'gu',
);
