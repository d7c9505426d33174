import { decodeEntities } from './text.js';

/** What a PIDF-LO location (RFC 4119, civic address RFC 5139, GML point) says in plain terms. */
export interface PidfPlace {
  address?: string;
  lat?: number;
  lon?: number;
  /** A position was given but is not a latitude/longitude on Earth. */
  invalidPosition?: boolean;
}

// The element names are fixed, so building patterns from them is safe. Any namespace prefix.
const element = (name: string) => new RegExp(`<(?:[\\w.-]+:)?${name}(?:\\s[^>]*)?>([^<]*)</(?:[\\w.-]+:)?${name}\\s*>`);
const civicBlock = /<(?:[\w.-]+:)?civicAddress\b[^>]*>([\s\S]*?)<\/(?:[\w.-]+:)?civicAddress\s*>/;
const position = /<(?:[\w.-]+:)?pos(?:\s[^>]*)?>([^<]*)<\/(?:[\w.-]+:)?pos\s*>/;

const civicNames = [
  'NAM',
  'HNO',
  'HNS',
  'PRD',
  'RD',
  'A6',
  'STS',
  'POD',
  'BLD',
  'FLR',
  'UNT',
  'ROOM',
  'LOC',
  'A3',
  'A1',
  'PC',
] as const;
type CivicName = (typeof civicNames)[number];

export function readPidf(xml: string): PidfPlace {
  const place: PidfPlace = {};
  const civic = civicBlock.exec(xml)?.[1];
  if (civic !== undefined) {
    const parts: Partial<Record<CivicName, string>> = {};
    for (const name of civicNames) {
      const value = element(name).exec(civic)?.[1];
      if (value !== undefined && value.trim() !== '') parts[name] = decodeEntities(value).trim();
    }
    const address = formatCivic(parts);
    if (address) place.address = address;
  }
  const pos = position.exec(xml)?.[1]?.trim().split(/\s+/).map(Number);
  if (pos) {
    // EPSG:4326/4979 order: latitude, then longitude.
    const [lat, lon] = pos;
    if (lat !== undefined && lon !== undefined && Math.abs(lat) <= 90 && Math.abs(lon) <= 180) {
      place.lat = lat;
      place.lon = lon;
    } else {
      place.invalidPosition = true;
    }
  }
  return place;
}

/** One line, US order: name, number and street, unit, locality, state and postal code. */
function formatCivic(parts: Partial<Record<CivicName, string>>): string {
  const street = [
    [parts.HNO, parts.HNS].filter(Boolean).join(' '),
    parts.PRD,
    parts.RD ?? parts.A6,
    parts.STS,
    parts.POD,
  ]
    .filter(Boolean)
    .join(' ');
  const inside = [
    parts.BLD && `Bldg ${parts.BLD}`,
    parts.FLR && `Floor ${parts.FLR}`,
    parts.UNT && `Unit ${parts.UNT}`,
    parts.ROOM && `Room ${parts.ROOM}`,
  ];
  const region = [parts.A1, parts.PC].filter(Boolean).join(' ');
  return [parts.NAM, street, ...inside, parts.LOC, parts.A3, region].filter(Boolean).join(', ');
}
