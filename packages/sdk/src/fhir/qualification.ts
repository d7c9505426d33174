import type { Credential } from '../schema/credential.js';

/** NUCC Health Care Provider Taxonomy: the code set US systems use for provider types. */
export const nuccSystem = 'http://nucc.org/provider-taxonomy';
/** NUCC 175T00000X "Peer Specialist". */
export const peerSpecialistCode = '175T00000X';

/** HL7 FHIR R4 `Practitioner.qualification` (the parts Peerlink fills). */
export interface FhirQualification {
  identifier?: { system?: string; value: string }[];
  code: { coding: { system: string; code: string; display?: string }[]; text: string };
  period: { start: string; end?: string };
  issuer: { display: string; identifier?: { value: string } };
}

export interface QualificationOptions {
  /** Credential types that certify a peer specialist (default: `peer-recovery` and any type starting `peer-`). */
  isPeerCredential?: (type: string) => boolean;
  /** Identifier system for credential numbers, e.g. the issuing board's URI. */
  numberSystem?: string;
}

const defaultIsPeer = (type: string) => type === 'peer-recovery' || type.startsWith('peer-');

/**
 * Maps a credential to a FHIR R4 Practitioner qualification. A peer certification is coded as
 * NUCC 175T00000X Peer Specialist; other credentials (a program's crisis training) keep their own
 * Peerlink type code, since no NUCC code describes them.
 */
export function toPractitionerQualification(
  credential: Pick<Credential, 'type' | 'name' | 'number' | 'issuedOn' | 'expiresOn' | 'issuer'>,
  options: QualificationOptions = {},
): FhirQualification {
  const peer = (options.isPeerCredential ?? defaultIsPeer)(credential.type);
  return {
    ...(credential.number
      ? {
          identifier: [{ ...(options.numberSystem ? { system: options.numberSystem } : {}), value: credential.number }],
        }
      : {}),
    code: {
      coding: [
        peer
          ? { system: nuccSystem, code: peerSpecialistCode, display: 'Peer Specialist' }
          : { system: 'urn:peerlink:credential-type', code: credential.type, display: credential.name },
      ],
      text: credential.name,
    },
    period: { start: credential.issuedOn, ...(credential.expiresOn ? { end: credential.expiresOn } : {}) },
    issuer: {
      display: credential.issuer.name,
      ...(credential.issuer.id ? { identifier: { value: credential.issuer.id } } : {}),
    },
  };
}
