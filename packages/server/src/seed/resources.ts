import type { OpeningRule, ResourceCategory, ResourceInput, ResourceSetting, Schedule, Weekday } from '@peerlink/sdk';
import { between, mulberry32, pick } from './random.js';
import type { Random } from './random.js';

// Synthetic, realistic-looking US resources for demos, search tests and benchmarks. Cities and
// coordinates are real so maps and distance search behave; names, streets, phone numbers
// (555-01xx) and web sites (example.org) are invented.

export interface City {
  name: string;
  region: string;
  lat: number;
  lon: number;
  timeZone: string;
  zip3: string;
  areaCode: string;
  /** Languages besides English and Spanish that local services often offer. */
  languages: readonly string[];
}

const cities: readonly [City, ...City[]] = [
  {
    name: 'New York',
    region: 'NY',
    lat: 40.7128,
    lon: -74.006,
    timeZone: 'America/New_York',
    zip3: '100',
    areaCode: '212',
    languages: ['zh', 'ru', 'ht', 'bn', 'ko'],
  },
  {
    name: 'Boston',
    region: 'MA',
    lat: 42.3601,
    lon: -71.0589,
    timeZone: 'America/New_York',
    zip3: '021',
    areaCode: '617',
    languages: ['pt', 'ht', 'zh', 'vi'],
  },
  {
    name: 'Philadelphia',
    region: 'PA',
    lat: 39.9526,
    lon: -75.1652,
    timeZone: 'America/New_York',
    zip3: '191',
    areaCode: '215',
    languages: ['zh', 'vi', 'ru'],
  },
  {
    name: 'Baltimore',
    region: 'MD',
    lat: 39.2904,
    lon: -76.6122,
    timeZone: 'America/New_York',
    zip3: '212',
    areaCode: '410',
    languages: ['ko'],
  },
  {
    name: 'Pittsburgh',
    region: 'PA',
    lat: 40.4406,
    lon: -79.9959,
    timeZone: 'America/New_York',
    zip3: '152',
    areaCode: '412',
    languages: ['ne'],
  },
  {
    name: 'Huntington',
    region: 'WV',
    lat: 38.4192,
    lon: -82.4452,
    timeZone: 'America/New_York',
    zip3: '257',
    areaCode: '304',
    languages: [],
  },
  {
    name: 'Atlanta',
    region: 'GA',
    lat: 33.749,
    lon: -84.388,
    timeZone: 'America/New_York',
    zip3: '303',
    areaCode: '404',
    languages: ['ko', 'vi'],
  },
  {
    name: 'Miami',
    region: 'FL',
    lat: 25.7617,
    lon: -80.1918,
    timeZone: 'America/New_York',
    zip3: '331',
    areaCode: '305',
    languages: ['ht', 'pt'],
  },
  {
    name: 'Columbus',
    region: 'OH',
    lat: 39.9612,
    lon: -82.9988,
    timeZone: 'America/New_York',
    zip3: '432',
    areaCode: '614',
    languages: ['so', 'ne'],
  },
  {
    name: 'Detroit',
    region: 'MI',
    lat: 42.3314,
    lon: -83.0458,
    timeZone: 'America/Detroit',
    zip3: '482',
    areaCode: '313',
    languages: ['ar'],
  },
  {
    name: 'Indianapolis',
    region: 'IN',
    lat: 39.7684,
    lon: -86.1581,
    timeZone: 'America/Indiana/Indianapolis',
    zip3: '462',
    areaCode: '317',
    languages: ['my'],
  },
  {
    name: 'Louisville',
    region: 'KY',
    lat: 38.2527,
    lon: -85.7585,
    timeZone: 'America/Kentucky/Louisville',
    zip3: '402',
    areaCode: '502',
    languages: ['so', 'sw'],
  },
  {
    name: 'Chicago',
    region: 'IL',
    lat: 41.8781,
    lon: -87.6298,
    timeZone: 'America/Chicago',
    zip3: '606',
    areaCode: '312',
    languages: ['pl', 'ar', 'zh'],
  },
  {
    name: 'Milwaukee',
    region: 'WI',
    lat: 43.0389,
    lon: -87.9065,
    timeZone: 'America/Chicago',
    zip3: '532',
    areaCode: '414',
    languages: ['hmn'],
  },
  {
    name: 'Minneapolis',
    region: 'MN',
    lat: 44.9778,
    lon: -93.265,
    timeZone: 'America/Chicago',
    zip3: '554',
    areaCode: '612',
    languages: ['so', 'hmn', 'om'],
  },
  {
    name: 'St. Louis',
    region: 'MO',
    lat: 38.627,
    lon: -90.1994,
    timeZone: 'America/Chicago',
    zip3: '631',
    areaCode: '314',
    languages: ['bs'],
  },
  {
    name: 'Nashville',
    region: 'TN',
    lat: 36.1627,
    lon: -86.7816,
    timeZone: 'America/Chicago',
    zip3: '372',
    areaCode: '615',
    languages: ['ku', 'ar'],
  },
  {
    name: 'New Orleans',
    region: 'LA',
    lat: 29.9511,
    lon: -90.0715,
    timeZone: 'America/Chicago',
    zip3: '701',
    areaCode: '504',
    languages: ['vi'],
  },
  {
    name: 'Houston',
    region: 'TX',
    lat: 29.7604,
    lon: -95.3698,
    timeZone: 'America/Chicago',
    zip3: '770',
    areaCode: '713',
    languages: ['vi', 'zh', 'ar'],
  },
  {
    name: 'Denver',
    region: 'CO',
    lat: 39.7392,
    lon: -104.9903,
    timeZone: 'America/Denver',
    zip3: '802',
    areaCode: '303',
    languages: ['am'],
  },
  {
    name: 'Albuquerque',
    region: 'NM',
    lat: 35.0844,
    lon: -106.6504,
    timeZone: 'America/Denver',
    zip3: '871',
    areaCode: '505',
    languages: ['nv'],
  },
  {
    name: 'Salt Lake City',
    region: 'UT',
    lat: 40.7608,
    lon: -111.891,
    timeZone: 'America/Denver',
    zip3: '841',
    areaCode: '801',
    languages: ['to'],
  },
  {
    name: 'Boise',
    region: 'ID',
    lat: 43.615,
    lon: -116.2023,
    timeZone: 'America/Boise',
    zip3: '837',
    areaCode: '208',
    languages: ['bs'],
  },
  {
    name: 'Phoenix',
    region: 'AZ',
    lat: 33.4484,
    lon: -112.074,
    timeZone: 'America/Phoenix',
    zip3: '850',
    areaCode: '602',
    languages: ['nv'],
  },
  {
    name: 'Tucson',
    region: 'AZ',
    lat: 32.2226,
    lon: -110.9747,
    timeZone: 'America/Phoenix',
    zip3: '857',
    areaCode: '520',
    languages: ['ood'],
  },
  {
    name: 'Las Vegas',
    region: 'NV',
    lat: 36.1699,
    lon: -115.1398,
    timeZone: 'America/Los_Angeles',
    zip3: '891',
    areaCode: '702',
    languages: ['tl'],
  },
  {
    name: 'Los Angeles',
    region: 'CA',
    lat: 34.0522,
    lon: -118.2437,
    timeZone: 'America/Los_Angeles',
    zip3: '900',
    areaCode: '213',
    languages: ['ko', 'tl', 'hy', 'zh'],
  },
  {
    name: 'San Francisco',
    region: 'CA',
    lat: 37.7749,
    lon: -122.4194,
    timeZone: 'America/Los_Angeles',
    zip3: '941',
    areaCode: '415',
    languages: ['zh', 'tl', 'ru'],
  },
  {
    name: 'Portland',
    region: 'OR',
    lat: 45.5152,
    lon: -122.6784,
    timeZone: 'America/Los_Angeles',
    zip3: '972',
    areaCode: '503',
    languages: ['vi', 'ru'],
  },
  {
    name: 'Seattle',
    region: 'WA',
    lat: 47.6062,
    lon: -122.3321,
    timeZone: 'America/Los_Angeles',
    zip3: '981',
    areaCode: '206',
    languages: ['vi', 'so', 'ti'],
  },
  {
    name: 'Anchorage',
    region: 'AK',
    lat: 61.2181,
    lon: -149.9003,
    timeZone: 'America/Anchorage',
    zip3: '995',
    areaCode: '907',
    languages: ['ik', 'sm', 'tl'],
  },
  {
    name: 'Fairbanks',
    region: 'AK',
    lat: 64.8378,
    lon: -147.7164,
    timeZone: 'America/Anchorage',
    zip3: '997',
    areaCode: '907',
    languages: ['ik'],
  },
  {
    name: 'Honolulu',
    region: 'HI',
    lat: 21.3069,
    lon: -157.8583,
    timeZone: 'Pacific/Honolulu',
    zip3: '968',
    areaCode: '808',
    languages: ['haw', 'ilo', 'tl', 'ja'],
  },
  {
    name: 'Hilo',
    region: 'HI',
    lat: 19.7241,
    lon: -155.0868,
    timeZone: 'Pacific/Honolulu',
    zip3: '967',
    areaCode: '808',
    languages: ['haw', 'ilo'],
  },
];

/**
 * The demo program's region: fictional Lakeside County and its towns, where the CAD console, the
 * court and the hospital of the examples are too. Coordinates sit in central Illinois so maps and
 * distances behave; the towns and everything in them are invented.
 */
export const lakesideCounty: readonly [City, ...City[]] = [
  {
    name: 'Lakeside',
    region: 'IL',
    lat: 39.8017,
    lon: -89.6436,
    timeZone: 'America/Chicago',
    zip3: '627',
    areaCode: '217',
    languages: ['ar', 'bs'],
  },
  {
    name: 'Millbrook',
    region: 'IL',
    lat: 39.8725,
    lon: -89.5312,
    timeZone: 'America/Chicago',
    zip3: '627',
    areaCode: '217',
    languages: [],
  },
  {
    name: 'Cedar Falls',
    region: 'IL',
    lat: 39.7021,
    lon: -89.7208,
    timeZone: 'America/Chicago',
    zip3: '626',
    areaCode: '217',
    languages: ['vi'],
  },
  {
    name: 'North Harbor',
    region: 'IL',
    lat: 39.9412,
    lon: -89.6627,
    timeZone: 'America/Chicago',
    zip3: '626',
    areaCode: '217',
    languages: ['pl'],
  },
  {
    name: 'Pine Ridge',
    region: 'IL',
    lat: 39.7598,
    lon: -89.4876,
    timeZone: 'America/Chicago',
    zip3: '625',
    areaCode: '217',
    languages: [],
  },
];

const places = [
  'Harbor Light',
  'Riverbend',
  'Cedar Grove',
  'New Horizons',
  'Lakeview',
  'Sunrise',
  'Open Door',
  'Bridgeway',
  'Keystone',
  'Pathways',
  'Safe Harbor',
  'Common Ground',
  'Beacon',
  'Crossroads',
  'Hope Street',
  'Second Wind',
  'Northside',
  'Eastside',
  'Westside',
  'Southside',
  'Gateway',
  'Fresh Start',
  'Turning Point',
  'Serenity',
  'Mountain View',
  'Bayview',
  'Willow',
  'Magnolia',
  'Evergreen',
  'Prairie',
  'Morningside',
  'Union Square',
] as const;

const streets = [
  'Main',
  'Oak',
  'Maple',
  'Cedar',
  'Pine',
  'Elm',
  'Washington',
  'Lincoln',
  'Jefferson',
  'Park',
  'Lake',
  'Hill',
  'River',
  'Church',
  'Market',
  'Franklin',
  'Union',
  'Spring',
  'Mill',
  'Central',
  'Grand',
  'Broad',
  'Highland',
  'Harbor',
  'College',
  'Division',
  'Martin Luther King Jr',
  'Chavez',
  'Jackson',
  'Madison',
] as const;
const streetTypes = ['St', 'Ave', 'Blvd', 'Rd', 'Dr', 'Way', 'Pl'] as const;

const dayNames = {
  MO: 'Monday',
  TU: 'Tuesday',
  WE: 'Wednesday',
  TH: 'Thursday',
  FR: 'Friday',
  SA: 'Saturday',
  SU: 'Sunday',
} as const;
const weekdays = ['MO', 'TU', 'WE', 'TH', 'FR'] as const satisfies readonly Weekday[];
const everyDay = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const satisfies readonly Weekday[];

type ScheduleKind =
  | 'office'
  | 'extended'
  | '24x7'
  | 'iop-evening'
  | 'otp'
  | 'evening-meeting'
  | 'morning-meeting'
  | 'late-meeting'
  | 'shelter'
  | 'pantry'
  | 'meals'
  | 'rides'
  | 'late-van'
  | 'drop-in'
  | 'none';

type FeeKind = 'insurance' | 'free' | 'sliding' | 'rent';

interface Variant {
  /** `{P}` is a place word, `{C}` the city, `{D}` the meeting day. */
  names: readonly [string, ...string[]];
  organizations?: readonly [string, ...string[]];
  settings: readonly ResourceSetting[];
  stages: readonly number[];
  schedule: ScheduleKind;
  /** Beds or places: [min, max] of the total. */
  beds?: readonly [number, number];
  fees: FeeKind;
  /** Categories a share of these services also cover. */
  also?: readonly ResourceCategory[];
  description: string;
  eligibility?: readonly [string, ...string[]];
  /** Meetings held in Spanish always list it. */
  spanish?: boolean;
}

const generalOrganizations = [
  '{P} Community Health',
  '{C} County Behavioral Health',
  '{P} Recovery Alliance',
  '{P} Outreach Coalition',
  '{P} Family Services',
  '{C} Recovery Community Organization',
] as const;

const variants: Readonly<Record<ResourceCategory, readonly [Variant, ...Variant[]]>> = {
  detox: [
    {
      names: ['{P} Withdrawal Management', '{P} Detox Center', '{P} Medically Monitored Withdrawal'],
      settings: ['treatment'],
      stages: [0],
      schedule: '24x7',
      beds: [8, 32],
      fees: 'insurance',
      also: ['moud'],
      description:
        'Medically monitored withdrawal management with nursing on site around the clock. Walk-ins are assessed at any hour, and peers may escort people directly from the field.',
      eligibility: ['Adults 18+', 'Adults 18+; no referral needed', 'Adults 18+ who are medically stable'],
    },
    {
      names: ['{C} General Hospital Inpatient Detox', '{P} Hospital Withdrawal Unit'],
      organizations: ['{P} Health System', '{C} Regional Medical Center'],
      settings: ['hospital'],
      stages: [0, 1],
      schedule: '24x7',
      beds: [6, 20],
      fees: 'insurance',
      also: ['moud'],
      description:
        'Inpatient withdrawal management for people with complex medical needs, admitted through the emergency department.',
    },
    {
      names: ['{P} Sobering and Social Detox Center'],
      settings: ['community'],
      stages: [0, 1],
      schedule: '24x7',
      beds: [10, 40],
      fees: 'free',
      description:
        'Non-medical sobering and social detox. Accepts law-enforcement and EMS drop-offs as an alternative to jail or the emergency room.',
    },
  ],
  treatment: [
    {
      names: ['{P} Outpatient Recovery Program', '{P} Counseling and Recovery Services'],
      settings: ['community', 'treatment'],
      stages: [0],
      schedule: 'office',
      fees: 'insurance',
      also: ['moud'],
      description:
        'Outpatient counseling for substance use and co-occurring mental health conditions, in groups and one to one.',
      eligibility: [
        'Adults 18+',
        'Adolescents 13–17 and their families',
        'Adults 18+; pregnant and parenting people prioritized',
      ],
    },
    {
      names: ['{P} Intensive Outpatient Program'],
      settings: ['treatment'],
      stages: [0, 4],
      schedule: 'iop-evening',
      fees: 'insurance',
      description:
        'Evening intensive outpatient program, three nights a week, so people can keep working while in treatment.',
    },
    {
      names: ['{P} Residential Treatment Center', '{P} Recovery Ranch'],
      settings: ['treatment'],
      stages: [0],
      schedule: '24x7',
      beds: [16, 64],
      fees: 'insurance',
      also: ['moud'],
      description:
        'Residential treatment with 28- to 90-day stays, family sessions and discharge planning with peer support.',
      eligibility: ['Adults 18+', 'Women 18+; children under 5 may stay with their parent', 'Men 18+'],
    },
    {
      names: ['{C} County Jail Substance Use Program'],
      organizations: ["{C} County Sheriff's Office Health Services"],
      settings: ['jail-prison'],
      stages: [3],
      schedule: 'office',
      fees: 'free',
      description: 'In-custody treatment groups and release planning with a warm handoff to community providers.',
      eligibility: ['People in custody at the county jail'],
    },
    {
      names: ['{C} Treatment Court Clinical Services'],
      organizations: ['{C} County Treatment Court'],
      settings: ['court', 'treatment'],
      stages: [2, 3],
      schedule: 'office',
      fees: 'free',
      description:
        'Assessment and treatment for treatment-court participants, with progress reports to the court team.',
      eligibility: ['Participants referred by the treatment court'],
    },
  ],
  moud: [
    {
      names: ['{P} Opioid Treatment Program', '{P} Methadone Clinic'],
      settings: ['treatment'],
      stages: [0],
      schedule: 'otp',
      fees: 'insurance',
      description:
        'Opioid treatment program offering methadone and buprenorphine with daily dosing, counseling and take-home doses as earned.',
      eligibility: ['Adults 18+ with opioid use disorder'],
    },
    {
      names: ['{C} Emergency Department Bridge Clinic', '{P} Bridge Clinic'],
      organizations: ['{P} Health System', '{C} Regional Medical Center'],
      settings: ['hospital'],
      stages: [0, 1],
      schedule: '24x7',
      fees: 'insurance',
      description:
        'Emergency-department-initiated buprenorphine with a prescription bridge and a peer-supported handoff to ongoing care.',
    },
    {
      names: ['{P} Low-Barrier Buprenorphine Clinic', '{P} Walk-In MOUD Clinic'],
      settings: ['community'],
      stages: [0],
      schedule: 'extended',
      fees: 'sliding',
      also: ['harm-reduction'],
      description:
        'Same-day buprenorphine starts without appointments or prior counseling requirements. Telehealth follow-up available.',
    },
    {
      names: ['{C} Jail MOUD Continuation Program'],
      organizations: ["{C} County Sheriff's Office Health Services"],
      settings: ['jail-prison'],
      stages: [3, 4],
      schedule: 'office',
      fees: 'free',
      description:
        'Continues and starts medication for opioid use disorder in custody and arranges the first community dose before release.',
      eligibility: ['People in custody or released within the last 30 days'],
    },
  ],
  'recovery-residence': [
    {
      names: ['{P} Recovery Residence', '{P} House', '{P} Sober Living'],
      organizations: ['{P} Recovery Housing', '{C} Recovery Residence Network'],
      settings: ['community'],
      stages: [0, 4, 5],
      schedule: 'none',
      beds: [6, 16],
      fees: 'rent',
      description:
        'Peer-run recovery residence (NARR Level II style) with weekly house meetings. Medication for opioid use disorder is welcome.',
      eligibility: [
        'Men 18+ in recovery',
        'Women 18+ in recovery; children under 5 welcome',
        'Adults 18+ on any recovery pathway',
        'LGBTQ+ adults 18+ in recovery',
      ],
    },
    {
      names: ['{P} Reentry Recovery House'],
      organizations: ['{C} Reentry Coalition'],
      settings: ['community'],
      stages: [4, 5],
      schedule: 'none',
      beds: [8, 24],
      fees: 'rent',
      also: ['housing'],
      description:
        'Recovery housing for people returning from incarceration, with help finding work and meeting supervision requirements.',
      eligibility: ['Adults 18+ released within the last 12 months'],
    },
  ],
  'mutual-aid': [
    {
      names: ['{D} Night Recovery Meeting', '{D} Evening All-Recovery Meeting', '{P} Group Recovery Meeting'],
      organizations: ['{P} Recovery Fellowship', '{C} Recovery Community Organization'],
      settings: ['community'],
      stages: [0],
      schedule: 'evening-meeting',
      fees: 'free',
      description: 'Open, peer-led mutual-aid meeting. Anyone who wants to recover is welcome; no sign-up and no fee.',
    },
    {
      names: ['{D} Morning Meditation Recovery Meeting', '{P} Sunrise Recovery Circle'],
      organizations: ['{P} Recovery Fellowship'],
      settings: ['community'],
      stages: [0],
      schedule: 'morning-meeting',
      fees: 'free',
      description: 'Short morning meeting with a reading and meditation before work.',
    },
    {
      names: ['{D} Midnight Recovery Meeting', 'Late Night Recovery Meeting at {P}'],
      organizations: ['{P} Recovery Fellowship'],
      settings: ['community'],
      stages: [0],
      schedule: 'late-meeting',
      fees: 'free',
      description:
        'Late-night meeting for people working evening shifts or needing support when most meetings are over.',
    },
    {
      names: ['Reunión de Recuperación en Español – {P}', '{D} Spanish-Language Recovery Meeting'],
      organizations: ['{C} Recovery Community Organization'],
      settings: ['community'],
      stages: [0],
      schedule: 'evening-meeting',
      fees: 'free',
      spanish: true,
      description: 'Open recovery meeting held in Spanish. Everyone is welcome.',
    },
    {
      names: ['{P} Family Recovery Support Group'],
      settings: ['community'],
      stages: [0],
      schedule: 'evening-meeting',
      fees: 'free',
      description: 'Support group for parents, partners and friends of people who use drugs or are in recovery.',
      eligibility: ['Family members and friends'],
    },
    {
      names: ['{C} County Jail Recovery Meeting'],
      organizations: ['{C} Recovery Community Organization'],
      settings: ['jail-prison'],
      stages: [3],
      schedule: 'evening-meeting',
      fees: 'free',
      description: 'Weekly meeting brought into the jail by volunteers in recovery; continues after release.',
      eligibility: ['People in custody at the county jail'],
    },
  ],
  'peer-support': [
    {
      names: ['{C} Peer Warm Line', '{P} Peer-Run Warm Line'],
      organizations: ['{C} Recovery Community Organization', '{P} Peer Network'],
      settings: ['community'],
      stages: [0],
      schedule: 'extended',
      fees: 'free',
      description:
        'A peer in recovery answers the phone to talk things through before they become a crisis. No referral needed.',
    },
    {
      names: ['{C} Recovery Community Center', '{P} Recovery Community Center'],
      organizations: ['{C} Recovery Community Organization'],
      settings: ['community'],
      stages: [0, 4],
      schedule: 'drop-in',
      fees: 'free',
      also: ['mutual-aid', 'employment'],
      description:
        'Peer-run center with recovery coaching, all-recovery meetings, help with jobs and benefits, and a place to spend the day.',
    },
    {
      names: ['{P} Peer-Run Drop-In', '{P} Peer Respite Drop-In'],
      organizations: ['{P} Peer Network', '{C} Recovery Community Organization'],
      settings: ['community'],
      stages: [0],
      schedule: 'drop-in',
      fees: 'free',
      description:
        'Drop in for coffee, a phone charger and someone with lived experience to talk to; peers help connect people to care.',
    },
  ],
  'crisis-stabilization': [
    {
      names: ['{P} Crisis Stabilization Unit', '{C} Crisis Receiving Center'],
      settings: ['community'],
      stages: [0, 1],
      schedule: '24x7',
      beds: [8, 24],
      fees: 'insurance',
      also: ['detox'],
      description:
        'No-wrong-door crisis receiving and stabilization. Accepts walk-ins, mobile crisis and law-enforcement drop-offs.',
    },
    {
      names: ['{C} 23-Hour Crisis Observation'],
      organizations: ['{P} Health System', '{C} Regional Medical Center'],
      settings: ['hospital'],
      stages: [1],
      schedule: '24x7',
      beds: [6, 16],
      fees: 'insurance',
      description:
        'Short-stay observation for behavioral-health crises, with discharge to community services the next day.',
    },
    {
      names: ['{C} Mobile Crisis Team', '{C} Crisis Line'],
      settings: ['community'],
      stages: [0],
      schedule: '24x7',
      fees: 'free',
      description:
        'Behavioral-health professionals and peers who answer crisis calls and come to people in the community.',
    },
  ],
  housing: [
    {
      names: ['{P} Emergency Shelter', '{P} Night Shelter'],
      organizations: ['{P} Housing Partners', '{C} Rescue Mission'],
      settings: ['community'],
      stages: [0, 4],
      schedule: 'shelter',
      beds: [20, 120],
      fees: 'free',
      description: 'Low-barrier overnight shelter with lockers, showers and a case manager on weekdays.',
      eligibility: ['Adults 18+', 'Families with children', 'Young adults 18–24'],
    },
    {
      names: ['{P} Rapid Rehousing Program', '{C} Housing First Program'],
      organizations: ['{P} Housing Partners', '{C} Housing Authority'],
      settings: ['community'],
      stages: [0, 4, 5],
      schedule: 'office',
      fees: 'free',
      description: 'Help finding an apartment, with deposit and short-term rent assistance; no sobriety requirement.',
    },
    {
      names: ['{C} Reentry Housing Navigation'],
      organizations: ['{C} Reentry Coalition'],
      settings: ['jail-prison', 'community'],
      stages: [4, 5],
      schedule: 'office',
      fees: 'free',
      description:
        'Housing navigators meet people before release and help them secure a place to stay on the day they leave.',
      eligibility: ['People within 90 days of release or recently released'],
    },
  ],
  employment: [
    {
      names: ['{P} Recovery-Friendly Workforce Center', '{C} Second Chance Employment Program'],
      organizations: ['{C} Workforce Board', '{P} Family Services'],
      settings: ['community'],
      stages: [4, 5],
      schedule: 'office',
      fees: 'free',
      description:
        'Job readiness, résumé help and introductions to recovery-friendly employers, including for people with records.',
    },
    {
      names: ['{P} Peer Specialist Training Academy'],
      settings: ['community'],
      stages: [0],
      schedule: 'office',
      fees: 'sliding',
      description: 'Training toward peer recovery specialist certification, with supervised practice placements.',
      eligibility: ['Adults with lived experience of recovery'],
    },
  ],
  food: [
    {
      names: ['{P} Community Food Pantry', '{P} Food Pantry'],
      organizations: ['{P} Family Services', '{C} Food Bank'],
      settings: ['community'],
      stages: [0],
      schedule: 'pantry',
      fees: 'free',
      description: 'Groceries twice a week and on Saturday mornings; no identification required.',
    },
    {
      names: ['{P} Hot Meal Program', '{P} Community Kitchen'],
      organizations: ['{C} Rescue Mission', '{P} Family Services'],
      settings: ['community'],
      stages: [0],
      schedule: 'meals',
      fees: 'free',
      description: 'Free lunch and dinner every day, with a peer on site some evenings.',
    },
  ],
  transport: [
    {
      names: ['{C} Non-Emergency Medical Transportation'],
      organizations: ['{C} Medicaid Transportation Broker'],
      settings: ['community'],
      stages: [0],
      schedule: 'office',
      fees: 'insurance',
      description:
        'Rides to medical and treatment appointments for Medicaid members; book two days ahead, same day for urgent care.',
      eligibility: ['Medicaid members'],
    },
    {
      names: ['{P} Recovery Rides'],
      settings: ['community'],
      stages: [0, 4],
      schedule: 'rides',
      fees: 'free',
      description: 'Volunteer drivers in recovery give rides to treatment, court dates and recovery meetings.',
    },
    {
      names: ['{C} Reentry Transit Passes'],
      organizations: ['{C} Reentry Coalition'],
      settings: ['jail-prison', 'community'],
      stages: [4, 5],
      schedule: 'office',
      fees: 'free',
      description: 'Thirty-day transit passes handed out at release and by probation officers.',
    },
  ],
  'harm-reduction': [
    {
      names: ['{P} Syringe Services Program', '{P} Harm Reduction Center'],
      organizations: ['{P} Harm Reduction Coalition', '{C} Department of Public Health'],
      settings: ['community'],
      stages: [0],
      schedule: 'drop-in',
      fees: 'free',
      also: ['moud'],
      description: 'Sterile supplies, naloxone, fentanyl test strips, wound care and testing, without judgment or ID.',
    },
    {
      names: ['{P} Mobile Harm Reduction Van', '{C} Overnight Outreach Van'],
      organizations: ['{P} Harm Reduction Coalition'],
      settings: ['community'],
      stages: [0],
      schedule: 'late-van',
      fees: 'free',
      description: 'Evening and overnight outreach with naloxone, supplies and a peer who can connect people to care.',
    },
    {
      names: ['{C} Naloxone Vending Machine'],
      organizations: ['{C} Department of Public Health'],
      settings: ['community', 'jail-prison'],
      stages: [0, 4],
      schedule: '24x7',
      fees: 'free',
      description:
        'Free naloxone and fentanyl test strips, available at any hour, including in the jail release lobby.',
    },
  ],
  other: [
    {
      names: ['{C} Legal Aid Clinic', '{P} Reentry Legal Help Desk'],
      organizations: ['{C} Legal Aid Society', '{C} Reentry Coalition'],
      settings: ['community', 'court'],
      stages: [3, 4],
      schedule: 'office',
      fees: 'free',
      description: 'Help with fines and fees, record sealing, benefits appeals and replacement ID documents.',
    },
  ],
};

const categories = Object.keys(variants) as ResourceCategory[];

/**
 * `count` synthetic resources across every category and more than thirty US cities, the same for
 * the same `seed`. Every item satisfies `ResourceInput`. With `now`, capacity counts carry an
 * `updatedAt` within the preceding day and a half; without it they carry none.
 */
export function syntheticResources(
  count: number,
  seed = 1,
  options: { now?: Date; region?: readonly [City, ...City[]] } = {},
): ResourceInput[] {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a non-negative integer, got ${count}`);
  const random = mulberry32(seed);
  const towns = options.region ?? cities;
  const out = new Array<ResourceInput>(count);
  // Within one region, no two resources share a name: a person choosing between two identical
  // names cannot tell them apart.
  const taken = options.region ? new Set<string>() : undefined;
  for (let i = 0; i < count; i++) {
    // Cycling categories (and cities, at first) guarantees coverage even in small samples.
    const category = categories[i % categories.length] ?? 'treatment';
    const city = i < towns.length ? (towns[(i * 7) % towns.length] ?? towns[0]) : pick(random, towns);
    let item = resource(random, category, city, options.now);
    for (let attempt = 0; taken?.has(item.name) && attempt < 8; attempt++)
      item = resource(random, category, city, options.now);
    if (taken?.has(item.name)) item = { ...item, name: `${item.name} — ${item.location.address?.street ?? String(i)}` };
    taken?.add(item.name);
    out[i] = item;
  }
  return out;
}

function resource(random: Random, category: ResourceCategory, city: City, now: Date | undefined): ResourceInput {
  const variant = pick(random, variants[category]);
  const place = pick(random, places);
  const meetingDay = pick(random, everyDay);
  const fill = (template: string) =>
    template.replace('{P}', place).replace('{C}', city.name).replace('{D}', dayNames[meetingDay]);

  const name = fill(pick(random, variant.names));
  const organization = fill(pick(random, variant.organizations ?? generalOrganizations));
  const citySlug = slug(city.name);

  const extra = variant.also?.filter(() => random() < 0.4) ?? [];
  const item: ResourceInput = {
    name,
    organization: { name: organization, url: `https://example.org/${citySlug}/${slug(organization)}` },
    description: variant.description,
    categories: [category, ...extra.filter((c) => c !== category)],
    location: {
      address: {
        street: `${between(random, 100, 9899)} ${pick(random, streets)} ${pick(random, streetTypes)}${random() < 0.2 ? `, Suite ${between(random, 1, 9)}00` : ''}`,
        city: city.name,
        region: city.region,
        postalCode: `${city.zip3}${String(between(random, 1, 99)).padStart(2, '0')}`,
        country: 'US',
      },
      // Within about 8 km of the city center.
      lat: round5(city.lat + (random() - 0.5) * 0.14),
      lon: round5(city.lon + ((random() - 0.5) * 0.14) / Math.cos((city.lat * Math.PI) / 180)),
    },
    languages: languages(random, city, variant.spanish === true),
    fees: fees(random, variant.fees),
    phone: `+1-${city.areaCode}-555-01${String(between(random, 0, 99)).padStart(2, '0')}`,
    url: `https://example.org/${citySlug}/${slug(name)}`,
    settings: [...variant.settings],
    interceptStages: [...variant.stages],
  };
  if (variant.eligibility !== undefined) item.eligibility = pick(random, variant.eligibility);
  const schedule = scheduleOf(random, variant.schedule, city.timeZone, meetingDay);
  if (schedule !== undefined) item.schedule = schedule;
  if (variant.beds !== undefined) {
    const total = between(random, variant.beds[0], variant.beds[1]);
    // Most residential programs are nearly full; some do not report counts at all.
    const available = random() < 0.15 ? null : Math.floor(total * random() * random() * 0.5);
    item.capacity = { available, total };
    if (now !== undefined)
      item.capacity.updatedAt = new Date(now.getTime() - Math.floor(random() * 36 * 3_600_000)).toISOString();
  } else if (random() < 0.1) {
    item.capacity = { available: null };
  }
  return item;
}

function languages(random: Random, city: City, spanish: boolean): string[] {
  const out = ['en'];
  if (spanish || random() < 0.55) out.push('es');
  for (const language of city.languages) if (random() < 0.2) out.push(language);
  // American Sign Language.
  if (random() < 0.05) out.push('ase');
  return out;
}

function fees(random: Random, kind: FeeKind): ResourceInput['fees'] {
  switch (kind) {
    case 'insurance':
      return {
        acceptsMedicaid: random() < 0.9,
        acceptsMedicare: random() < 0.5,
        slidingScale: random() < 0.4,
        ...(random() < 0.3
          ? { notes: 'Most private insurance accepted; no one is turned away for inability to pay.' }
          : {}),
      };
    case 'free':
      return { acceptsMedicaid: false, free: true };
    case 'sliding':
      return { acceptsMedicaid: random() < 0.5, slidingScale: true, notes: 'Fees based on household income.' };
    case 'rent':
      return {
        acceptsMedicaid: false,
        free: false,
        slidingScale: random() < 0.3,
        notes: `Weekly rent $${between(random, 12, 22) * 10}; state recovery-housing vouchers accepted.`,
      };
  }
}

function scheduleOf(random: Random, kind: ScheduleKind, timeZone: string, meetingDay: Weekday): Schedule | undefined {
  const schedule = (rules: OpeningRule[], notes?: string): Schedule =>
    notes === undefined ? { timeZone, rules } : { timeZone, rules, notes };
  const rule = (byDay: readonly Weekday[], opensAt: string, closesAt: string): OpeningRule => ({
    byDay: [...byDay],
    opensAt,
    closesAt,
  });
  switch (kind) {
    case 'none':
      return undefined;
    case '24x7':
      return { timeZone, open24x7: true, rules: [] };
    case 'office': {
      const [opens, closes] = pick<readonly [string, string]>(random, [
        ['09:00', '17:00'],
        ['08:00', '16:30'],
        ['08:30', '17:00'],
        ['10:00', '18:00'],
      ]);
      const rules = [rule(weekdays, opens, closes)];
      if (random() < 0.2) rules.push(rule(['SA'], '10:00', '14:00'));
      return schedule(rules, random() < 0.4 ? 'Closed on federal holidays.' : undefined);
    }
    case 'extended':
      return schedule(
        [rule(['MO', 'TU', 'WE', 'TH', 'FR', 'SA'], '08:00', '20:00')],
        'Walk-ins until one hour before closing.',
      );
    case 'iop-evening':
      return schedule([rule(['MO', 'WE', 'TH'], '17:30', '20:30')]);
    case 'otp':
      return schedule(
        [rule(['MO', 'TU', 'WE', 'TH', 'FR', 'SA'], '05:30', '13:00'), rule(['SU'], '07:00', '10:00')],
        'Dosing closes 30 minutes before the clinic.',
      );
    case 'evening-meeting': {
      const start = pick(random, [18 * 60, 18 * 60 + 30, 19 * 60, 19 * 60 + 30, 20 * 60] as const);
      return schedule([rule([meetingDay], clock(start), clock(start + pick(random, [60, 90] as const)))]);
    }
    case 'morning-meeting':
      return schedule([rule(random() < 0.5 ? [meetingDay] : weekdays, '07:00', '08:00')]);
    case 'late-meeting':
      // Runs past midnight: closesAt is earlier than opensAt.
      return schedule([rule(meetingDay === 'SU' ? ['FR', 'SA'] : [meetingDay], '23:30', '00:30')]);
    case 'shelter':
      return schedule([rule(everyDay, '19:00', '07:00')], 'Check-in until 22:00.');
    case 'pantry':
      return schedule([rule(['TU', 'TH'], '10:00', '14:00'), rule(['SA'], '09:00', '12:00')]);
    case 'meals':
      return schedule([rule(everyDay, '11:30', '13:00'), rule(everyDay, '17:00', '18:30')]);
    case 'rides':
      return schedule([rule(['MO', 'TU', 'WE', 'TH', 'FR', 'SA'], '07:00', '19:00')], 'Book by phone a day ahead.');
    case 'late-van':
      return schedule([rule(['TH', 'FR', 'SA'], '20:00', '02:00')], 'Call or text for the van’s location tonight.');
    case 'drop-in':
      return schedule([rule(weekdays, '08:00', '20:00'), rule(['SA', 'SU'], '10:00', '16:00')]);
  }
}

function clock(minutes: number): string {
  const m = ((minutes % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

function round5(value: number): number {
  return Math.round(value * 1e5) / 1e5;
}

function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
