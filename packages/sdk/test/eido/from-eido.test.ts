import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CallForServiceInput, PeerValidationError } from '@peerlink/sdk';
import type { CallForServiceInput as Call, IncidentType } from '@peerlink/sdk';
import { EidoImportError, apcoIncidentTypes, fromEido } from '@peerlink/sdk/eido';
import type { FromEidoOptions } from '@peerlink/sdk/eido';
import { fixture } from './support.js';
import { problemsOf, thrown } from '../support/thrown.js';

type Json = Record<string, unknown>;

const incidentOf = (eido: Json) => eido.incidentComponent as Json;

function errorsOf(input: unknown, options?: FromEidoOptions): { path: string; message: string }[] {
  const error = thrown(EidoImportError, () => fromEido(input, options), 'expected the EIDO to be rejected');
  assert.ok(error instanceof PeerValidationError);
  assert.equal(error.code, 'eido_invalid');
  return problemsOf(error);
}

describe('fromEido: fixtures', () => {
  const expected: Record<string, Call> = {
    overdose: {
      externalId: 'urn:emergency:uid:incidentid:7c41e0a2d9:psap.springfield.example',
      type: 'overdose-nonfatal',
      location: { address: '1200 Elm St, Unit 4B, Springfield, IL 62701', lat: 39.7817, lon: -89.6501 },
      receivedAt: '2026-11-22T14:05:02.40-06:00',
      notes: [
        'CAD type: OVERDOSE / POISONING - NOT ALERT (OD/23C1)',
        'Location: Side entrance off the alley',
        'Caller reports adult unresponsive in bathroom & family present.',
        'EMS on scene, naloxone given x2; patient now breathing.',
      ].join('\n'),
      cautions: ['Large dog on premises', 'Used needles reported in the bathroom'],
    },
    'overdose-fatal': {
      externalId: 'urn:emergency:uid:incidentid:0192ff:psap.springfield.example',
      type: 'overdose-fatal',
      location: { address: '88 S Walnut Ave, Springfield, IL', lat: 39.7702, lon: -89.644 },
      receivedAt: '2026-11-23T02:03:47Z',
      notes: 'CAD type: UNATTENDED DEATH - SUSPECTED OD (OVERDOSE)',
    },
    'suicide-threat': {
      externalId: '2026-11-22-000451-7f0e9b1c2d3a4e5f:cad-primary.~2013529fca02d109',
      type: 'behavioral-health-crisis',
      location: { address: 'Lincoln Park, N Grand Ave, near the footbridge, Springfield, IL' },
      receivedAt: '2026-11-22T22:38:15-06:00',
      notes: [
        'EIDO incident: urn:emergency:uid:incidentid:2026-11-22-000451-7f0e9b1c2d3a4e5f:cad-primary.psap.springfield.example',
        'CAD type: SUICIDAL SUBJECT - THREATS (SUICTHRT)',
        'Reporting party is a friend on the phone with the subject.',
        'Subject calm, talking.',
      ].join('\n'),
      cautions: ['Subject may have a knife'],
    },
    'welfare-check': {
      externalId: 'urn:emergency:uid:incidentid:wc-3391:psap.springfield.example',
      type: 'welfare-check',
      location: { address: 'Riverside Apartments, building C, unit 12' },
      receivedAt: '2026-11-24T09:14:05-06:00',
      notes: 'CAD type: CHECKWELF\nNeighbor has not seen resident in three days; recently discharged from detox.',
    },
    edp: {
      externalId: 'urn:emergency:uid:incidentid:edp-88:psap.springfield.example',
      type: 'behavioral-health-crisis',
      location: { address: '39.80112, -89.64380', lat: 39.80112, lon: -89.6438 },
      receivedAt: '2026-11-25T16:59:31Z',
      notes: 'CAD type: EDP',
    },
    drugs: {
      externalId: 'urn:emergency:uid:incidentid:dr-204:psap.springfield.example',
      type: 'substance-use-crisis',
      location: { address: 'Transit center, 401 Monroe St, Springfield, IL', lat: 39.799, lon: -89.6483 },
      receivedAt: '2026-11-26T11:30:00-06:00',
      notes: 'CAD type: INTOXICATED PERSON REQUESTING HELP (DRUGS)',
    },
    'unknown-type': {
      externalId: 'urn:emergency:uid:incidentid:ms-77:psap.springfield.example',
      type: 'other',
      location: { address: '17 Oak St, Springfield, IL' },
      receivedAt: '2026-11-27T07:57:44-06:00',
      notes: 'CAD type: DISTURBANCE - PSYCHIATRIC (DISTURB/PSY)',
    },
  };
  for (const [name, call] of Object.entries(expected)) {
    it(`${name}.json → a valid call for service`, () => {
      const result = fromEido(fixture(name));
      assert.deepEqual(result, call);
      assert.ok(CallForServiceInput.safeParse(result).success);
    });
  }

  it('keeps nothing of the EIDO it does not map (people, call-back numbers)', () => {
    const eido = fixture('overdose-fatal');
    const people = eido.personComponent as Json[];
    people.push({
      $id: 'p2',
      personIncidentRoleRegistryText: ['Caller'],
      ncPersonComponent: { personName: 'Jane Q. Example' },
    });
    eido.callbackComponent = [{ $id: 'cb', callBackInformationUri: ['tel:+12175550199'] }];
    const text = JSON.stringify(fromEido(eido));
    assert.ok(!text.includes('Jane'));
    assert.ok(!text.includes('555'));
  });
});

describe('fromEido: incident types', () => {
  const withType = (common: unknown, extra: Json = {}) => {
    const eido = fixture('unknown-type');
    eido.incidentComponent = {
      ...incidentOf(eido),
      incidentTypeCommonRegistryText: common,
      incidentTypeInternalCode: undefined,
      incidentTypeInternalText: undefined,
      ...extra,
    };
    return eido;
  };
  const rows: [code: unknown, type: IncidentType, extra?: Json][] = [
    ['OD', 'overdose-nonfatal'],
    ['OVERDOSE', 'overdose-nonfatal'],
    ['od', 'overdose-nonfatal'],
    [' Overdose ', 'overdose-nonfatal'],
    ['SUICIDE', 'behavioral-health-crisis'],
    ['SUICTHRT', 'behavioral-health-crisis'],
    ['EDP', 'behavioral-health-crisis'],
    ['MENTAL', 'behavioral-health-crisis'],
    ['DRUGS', 'substance-use-crisis'],
    ['WELFARE', 'welfare-check'],
    ['CHECKWELF', 'welfare-check'],
    ['FIRE', 'other'],
    [['FIRE', 'OD'], 'overdose-nonfatal'],
    ['OD', 'overdose-fatal', { incidentTypeInternalText: 'OD - DOA' }],
    ['OD', 'overdose-fatal', { incidentStatusCommonRegistryText: 'Deceased' }],
    ['OD', 'overdose-fatal', { dispositionComponent: [{ dispositionCommonRegistryCode: 'FATALITY' }] }],
    ['OD', 'overdose-nonfatal', { incidentTypeInternalText: 'NON-FATAL OVERDOSE' }],
    ['OD', 'overdose-nonfatal', { incidentTypeInternalText: 'OD, patient revived' }],
    ['EDP', 'behavioral-health-crisis', { incidentTypeInternalText: 'DOA' }],
  ];
  for (const [code, type, extra] of rows) {
    it(`${JSON.stringify(code)}${extra ? ` with ${JSON.stringify(extra)}` : ''} → ${type}`, () => {
      assert.equal(fromEido(withType(code, extra)).type, type);
    });
  }

  it('covers every code of the default table', () => {
    for (const [code, type] of Object.entries(apcoIncidentTypes)) assert.equal(fromEido(withType(code)).type, type);
  });

  it('marks an overdose fatal when a person on scene is deceased', () => {
    const eido = fixture('overdose-fatal');
    assert.equal(fromEido(eido).type, 'overdose-fatal');
    eido.incidentComponent = [
      { ...(eido.incidentComponent as Json[])[0], incidentTypeInternalText: 'OD', incidentStatusInternalText: [] },
    ];
    assert.equal(fromEido(eido).type, 'overdose-fatal');
    eido.personComponent = [];
    assert.equal(fromEido(eido).type, 'overdose-nonfatal');
  });

  it('takes a configurable map, for common and internal codes, over the defaults', () => {
    assert.equal(
      fromEido(fixture('unknown-type'), { incidentTypes: { psy: 'behavioral-health-crisis' } }).type,
      'behavioral-health-crisis',
    );
    assert.equal(fromEido(fixture('overdose'), { incidentTypes: { OD: 'other' } }).type, 'other');
    assert.equal(
      fromEido(withType('OD', { incidentTypeInternalText: 'PRONOUNCED' }), { fatalityPattern: /PRONOUNCED/ }).type,
      'overdose-fatal',
    );
  });
});

describe('fromEido: location, time and ids', () => {
  it('reads a location sent by reference through the host’s resolver', () => {
    const urls: string[] = [];
    const call = fromEido(fixture('welfare-check'), {
      resolveLocationReference: (url) => {
        urls.push(url);
        return { address: '300 River Rd, Apt C12, Springfield, IL', lat: 39.79, lon: -89.66 };
      },
    });
    assert.deepEqual(urls, ['https://lis.springfield.example/locations/3391']);
    assert.deepEqual(call.location, { address: '300 River Rd, Apt C12, Springfield, IL', lat: 39.79, lon: -89.66 });
    assert.match(call.notes ?? '', /^Location: Riverside Apartments, building C, unit 12$/m);
  });

  it('names the area with the host’s resolver, given the place and the CAD beat', () => {
    const seen: unknown[] = [];
    const call = fromEido(fixture('overdose'), {
      resolveArea: (place) => {
        seen.push(place);
        return 'north';
      },
    });
    assert.equal(call.location.area, 'north');
    assert.deepEqual(seen, [
      { address: '1200 Elm St, Unit 4B, Springfield, IL 62701', lat: 39.7817, lon: -89.6501, beat: 'NORTH-2' },
    ]);
    assert.throws(() => fromEido(fixture('overdose'), { resolveArea: () => 'North Side' }), RangeError);
  });

  it('prefers the incident’s location over the caller’s', () => {
    const eido = fixture('suicide-threat');
    assert.match(fromEido(eido).location.address, /^Lincoln Park/);
    delete incidentOf(eido).locationReference;
    assert.match(fromEido(eido).location.address, /^Lincoln Park/);
    (eido.locationComponent as Json[]).pop();
    assert.equal(fromEido(eido).location.address, '5 Meadow Ln, Chatham, IL');
  });

  it('takes the earliest call start, else the incident’s own time', () => {
    assert.equal(fromEido(fixture('overdose-fatal')).receivedAt, '2026-11-23T02:03:47Z');
    assert.equal(fromEido(fixture('drugs')).receivedAt, '2026-11-26T11:30:00-06:00');
  });

  it('sets the requesting agency when the host names it', () => {
    const agency = '0b6c3f9e-2a51-4c1e-9d55-6f2f1c9a7e02';
    assert.equal(fromEido(fixture('edp'), { requestingAgencyId: agency }).requestingAgencyId, agency);
    assert.throws(() => fromEido(fixture('edp'), { requestingAgencyId: 'county-pd' }), RangeError);
  });

  it('shortens a tracking id over 64 characters the same way every time, keeping the whole in notes', () => {
    const make = (urn: string) => {
      const eido = fixture('edp');
      eido.$id = urn;
      return fromEido(eido);
    };
    const long = `urn:emergency:uid:incidentid:${'a'.repeat(40)}:psap.springfield.example`;
    const first = make(long);
    assert.equal(first.externalId.length, 64);
    assert.equal(first.externalId, make(long).externalId);
    assert.notEqual(first.externalId, make(long.replace('springfield', 'shelbyvill')).externalId);
    assert.ok((first.notes ?? '').startsWith(`EIDO incident: ${long}\n`));
    const fits = `urn:emergency:uid:incidentid:${'b'.repeat(35)}`;
    assert.equal(fits.length, 64);
    assert.equal(make(fits).externalId, fits);
    assert.ok(!(make(fits).notes ?? '').includes('EIDO incident'));
  });

  it('keeps notes within the contract’s 2000 characters and cautions within 20', () => {
    const eido = fixture('overdose');
    eido.notesComponent = [
      ...Array.from({ length: 30 }, (_, i) => ({
        $id: `c${String(i)}`,
        notesActionComments: `Hazard: item ${String(i)}`,
      })),
      ...Array.from({ length: 10 }, (_, i) => ({ $id: `n${String(i)}`, notesActionComments: 'x'.repeat(400) })),
    ];
    const { notes = '', cautions } = fromEido(eido);
    assert.equal(notes.length, 2000);
    assert.ok(notes.endsWith('…'));
    assert.equal(cautions?.length, 20);
  });
});

describe('fromEido: malformed EIDO is rejected, naming EIDO fields', () => {
  /** A fixture whose component list's first entry is given these fields. */
  const withFirst = (name: string, component: string, fields: Json) => () => {
    const eido = fixture(name);
    const list = eido[component] as Json[];
    list[0] = { ...list[0], ...fields };
    return eido;
  };
  /** A fixture whose incident lacks this field. */
  const withoutIncident = (name: string, field: string) => () => {
    const eido = fixture(name);
    Reflect.deleteProperty(incidentOf(eido), field);
    return eido;
  };
  const cases: [name: string, input: () => unknown, path: string, message: RegExp][] = [
    ['not an object', () => 'EIDO', '', /Expected object, received string/],
    ['no incident', () => ({ ...fixture('overdose'), incidentComponent: undefined }), 'incidentComponent', /Required/],
    [
      'an incident without a type',
      withoutIncident('overdose', 'incidentTypeCommonRegistryText'),
      'incidentComponent.incidentTypeCommonRegistryText',
      /^Required$/,
    ],
    [
      'a listed incident with a type of the wrong kind',
      withFirst('overdose-fatal', 'incidentComponent', { incidentTypeCommonRegistryText: 42 }),
      'incidentComponent.0.incidentTypeCommonRegistryText',
      /Expected string, received number/,
    ],
    [
      'a listed incident with an unreadable priority text',
      withFirst('overdose-fatal', 'incidentComponent', { incidentTypeInternalText: ['UNATTENDED'] }),
      'incidentComponent.0.incidentTypeInternalText',
      /Expected string, received array/,
    ],
    [
      'a call start without an offset',
      withFirst('overdose', 'callComponent', { callStartTimestamp: '2026-11-22T14:05:02' }),
      'callComponent.0.callStartTimestamp',
      /date-time with offset/,
    ],
    [
      'an incident that is neither an object nor a list',
      () => ({ ...fixture('overdose'), incidentComponent: 5 }),
      'incidentComponent',
      /Expected object, received number/,
    ],
    [
      'locations that are not a list',
      () => ({ ...fixture('overdose'), locationComponent: {} }),
      'locationComponent',
      /Expected array, received object/,
    ],
    [
      'a note that is not text',
      () => ({ ...fixture('overdose'), notesComponent: [{ $id: 'n', notesActionComments: { html: 'x' } }] }),
      'notesComponent.0.notesActionComments',
      /Expected string/,
    ],
    ['no tracking id anywhere', () => ({ ...fixture('edp'), $id: undefined }), '$id', /tracking identifier/],
    [
      'a tracking id too long to be one',
      () => ({ ...fixture('edp'), $id: 'x'.repeat(501) }),
      '$id',
      /at most 500 characters/,
    ],
    ['no time at all', withoutIncident('drugs', 'lastUpdateTimeStamp'), 'callComponent', /when the call came in/],
    [
      'no location',
      () => ({ ...fixture('overdose'), locationComponent: [] }),
      'locationComponent',
      /civic address, coordinates or a description/,
    ],
    [
      'a position off the globe',
      () => {
        const eido = fixture('edp');
        const [location] = eido.locationComponent as Json[];
        (eido.locationComponent as Json[])[0] = {
          ...location,
          locationByValue: String(location?.locationByValue).replace('39.80112 -89.64380', '139.8 -89.6'),
        };
        return eido;
      },
      'locationComponent.0.locationByValue',
      /latitude and longitude in range/,
    ],
    [
      'a location only by reference, with no resolver',
      () => {
        const eido = fixture('welfare-check');
        delete (eido.locationComponent as Json[])[0]?.locationDescriptionText;
        return eido;
      },
      'locationComponent.0.locationByReferenceUrl',
      /resolveLocationReference/,
    ],
  ];
  for (const [name, input, path, message] of cases) {
    it(`${name} → ${path || '(document)'}`, () => {
      const errors = errorsOf(input());
      const error = errors.find((candidate) => candidate.path === path);
      assert.ok(error, `no error at "${path}": ${JSON.stringify(errors)}`);
      assert.match(error.message, message);
    });
  }

  it('reports every missing part at once', () => {
    const errors = errorsOf({ eidoVersion: '1.0', incidentComponent: { incidentTypeCommonRegistryText: 'OD' } });
    assert.deepEqual(
      errors.map((error) => error.path),
      ['$id', 'locationComponent', 'callComponent'],
    );
  });

  it('never echoes what the EIDO said (it may be personal data)', () => {
    const secret = 'Jane Q. Example 555-0199';
    const errors = errorsOf({ ...fixture('overdose'), notesComponent: [{ $id: 'n', notesActionComments: [secret] }] });
    assert.ok(!JSON.stringify(errors).includes('Jane'));
  });
});
