import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { PiiFinding, PiiKind } from '@peerlink/sdk';
import { detectPii, findingKey, redactPii } from '@peerlink/sdk';

const found = (text: string) => detectPii(text).map((f) => [f.kind, f.text] as const);
const only = (text: string, kind: PiiKind) =>
  detectPii(text)
    .filter((f) => f.kind === kind)
    .map((f) => f.text);
/** Each text yields exactly one finding: of this kind, with this text. */
const findsEach = (kind: PiiKind, cases: [text: string, finding: string][]) => {
  for (const [text, finding] of cases) assert.deepEqual(found(text), [[kind, finding]], text);
};
/** No text yields any finding. */
const findsNone = (texts: string[]) => {
  for (const text of texts) assert.deepEqual(found(text), [], text);
};

describe('detectPii', () => {
  describe('phone numbers', () => {
    it('finds US numbers in many formats, with +1 and extensions', () => {
      for (const number of [
        '(217) 555-0143',
        '217-555-0143',
        '217.555.0143',
        '217 555 0143',
        '2175550143',
        '+1 217 555 0143',
        '+12175550143',
        '1-217-555-0143',
        '(217)555-0143',
        '217-555-0143 ext. 12',
        '217-555-0143 x4',
      ]) {
        assert.deepEqual(found(`Reach the family at ${number}, after 5.`), [['phone', number]], number);
      }
    });
    it('finds seven-digit numbers only when introduced as a phone number', () => {
      assert.deepEqual(only('Text her at 555-0142 today.', 'phone'), ['555-0142']);
      assert.deepEqual(only('Case 555-0142 was closed.', 'phone'), []);
    });
    it('ignores toll-free hotlines, impossible area codes, times and case numbers', () => {
      findsNone([
        'Gave the 1-800-662-4357 helpline.',
        'Code 123-456-7890 on the form.',
        'Arrived 14:32, cleared 15:40.',
        'CAD-2026-118842',
        'Called 988 with her.',
      ]);
    });
  });

  describe('e-mail addresses', () => {
    it('finds addresses, also spelled out with "at" and "dot"', () => {
      assert.deepEqual(found('Send it to maria.lopez+list@mail.example.org.'), [
        ['email', 'maria.lopez+list@mail.example.org'],
      ]);
      assert.deepEqual(found('It is tom dot baker at gmail dot com'), [['email', 'tom dot baker at gmail dot com']]);
    });
    it('does not take "at" in ordinary sentences', () => {
      assert.deepEqual(found('Met at home at 10:00 and left at noon.'), []);
    });
  });

  describe('Social Security numbers', () => {
    it('finds dashed and spaced numbers, and nine digits after a cue', () => {
      findsEach('ssn', [
        ['SSN 123-45-6789 on the form.', '123-45-6789'],
        ['Number 219 09 9999 was written down.', '219 09 9999'],
        ['Social security number 078051120.', '078051120'],
      ]);
    });
    it('excludes numbers never issued (000, 666, 9xx areas; 00 groups; 0000 serials) and bare nine digits', () => {
      for (const number of ['000-12-3456', '666-12-3456', '912-45-6789', '123-00-4567', '123-45-0000']) {
        assert.deepEqual(found(`SSN ${number}`), [], number);
      }
      assert.deepEqual(found('Reference 078051120 from the CAD export.'), []);
    });
  });

  describe('dates of birth', () => {
    it('finds dates after DOB, born, date of birth, birthday and Spanish cues', () => {
      findsEach('date-of-birth', [
        ['DOB 03/14/1985.', '03/14/1985'],
        ['Born on March 3, 1978.', 'March 3, 1978'],
        ['Date of birth: 1990-07-22', '1990-07-22'],
        ['Her birthday is June 12.', 'June 12'],
        ['Nació el 3 de marzo de 1980.', '3 de marzo de 1980'],
      ]);
    });
    it('finds a full date that follows an age', () => {
      assert.deepEqual(found('Survivor, 34 y/o, 03/04/1990, accepted.'), [['date-of-birth', '03/04/1990']]);
    });
    it('leaves incident and follow-up dates alone', () => {
      findsNone([
        'On 3/14 we arrived.',
        'We arrived on 3/14/2026 at 14:32.',
        'Follow-up on 2026-11-24.',
        'Born in 1985, per the survivor.',
        'DOB unknown.',
      ]);
    });
  });

  describe('street addresses', () => {
    it('finds number, street, suffix and unit', () => {
      findsEach('street-address', [
        ['He lives at 1200 Elm St with family.', '1200 Elm St'],
        ['Meet at 45 N. Oak Avenue, Apt 3B.', '45 N. Oak Avenue, Apt 3B'],
        ['At 718 West Jackson Blvd #204.', '718 West Jackson Blvd #204'],
        ['staying at 1600 e. main st.', '1600 e. main st'],
        ['Vive en Calle Olmo 45, cerca.', 'Calle Olmo 45'],
      ]);
    });
    it('does not take distances, counts or bare street names', () => {
      findsNone([
        'Walked 2 blocks down the road.',
        'A 20 minute drive.',
        'Gave 3 Narcan kits near Oak Street.',
        'Offered a ride to 5th Street.',
        'At 14:32 Main St was blocked.',
      ]);
    });
  });

  describe('licence plates', () => {
    it('finds the token after a plate word', () => {
      findsEach('license-plate', [
        ['Plate ABC-1234 on the car.', 'ABC-1234'],
        ['Tag # IL 7834512.', '7834512'],
        ['Placa ABC-123.', 'ABC-123'],
      ]);
    });
    it('finds plate shapes near a vehicle word only', () => {
      assert.deepEqual(found('Grey Honda, CVK 4471, left.'), [['license-plate', 'CVK 4471']]);
      assert.deepEqual(found('The form said CVK 4471 at the top.'), []);
      assert.deepEqual(found('Vehicle fire ruled out by EMS 123.'), []);
    });
    it('does not take words after a plate word', () => {
      findsNone(['Plate was not visible.', 'License suspended.', 'The car had out-of-state tags.']);
    });
  });

  describe("people's names", () => {
    it('finds names after cues, without their titles', () => {
      findsEach('person-name', [
        ['Her name is Maria Lopez.', 'Maria Lopez'],
        ['A man named Luis called.', 'Luis'],
        ['He goes by Danny.', 'Danny'],
        ['Mr. and Mrs. Okafor were there.', 'Okafor'],
        ['Inv. R. Okafor cleared us.', 'R. Okafor'],
        ['Se llama Rosa Jiménez.', 'Rosa Jiménez'],
        ['His sister Angela will stay.', 'Angela'],
      ]);
    });
    it('finds a name set off beside a word for the person, and lower-case names after "named"', () => {
      assert.deepEqual(
        only('Met the man at the door, John Smith, who said his sister Maria Lopez would stay.', 'person-name'),
        ['John Smith', 'Maria Lopez'],
      );
      findsEach('person-name', [
        ['The caller, Robert Brown, reported it.', 'Robert Brown'],
        ['We spoke to the resident, Ana Ruiz.', 'Ana Ruiz'],
        ['El hombre en la puerta, Juan Pérez, dijo que sí.', 'Juan Pérez'],
        ['A guy named tony was there.', 'tony'],
      ]);
    });
    it('does not take a set-off phrase that is not a name', () => {
      findsNone([
        'The patient, a man in his 40s, declined.',
        'The woman in the car, Sunday night, left.',
        'The man, EMS said, was breathing.',
        'The survivor, Narcan in hand, was alert.',
        'Named his sponsor as a support person.',
      ]);
    });
    it('treats a title with a surname as a name, and the title alone as a role', () => {
      assert.deepEqual(found('Deputy Johnson advised us to wait.'), [['person-name', 'Johnson']]);
      assert.deepEqual(found('Deputy advised us to wait.'), []);
      assert.deepEqual(found('The deputy and the coroner talked.'), []);
      assert.deepEqual(found('Deputy Sheriff requested a peer.'), []);
    });
    it('does not take agencies, resources, relations or "unknown" for names', () => {
      findsNone([
        'Called EMS and Dispatch.',
        'We called Riverside Health.',
        'A group called Celebrate Recovery.',
        'The survivor called Mom.',
        'Her name is unknown.',
        'Dr. appointment on Monday.',
      ]);
    });
  });

  describe('offsets', () => {
    it('are UTF-16 offsets: characters outside the BMP count twice', () => {
      const text = '🙂🙂 Call 217-555-0143 — ñandú';
      const [finding] = detectPii(text);
      assert.ok(finding);
      assert.equal(finding.start, 10);
      assert.equal(text.slice(finding.start, finding.end), '217-555-0143');
    });
    it('are sorted, never overlap and always slice the reported text, for any input', () => {
      const pieces = fc.constantFrom(
        'Mr. ',
        'Ana ',
        'Lopez',
        ' DOB ',
        '3/4/1985',
        ' 1200 Elm St',
        ' (217) 555-0143',
        ' plate ABC-1234',
        ' a@b.org',
        ' 123-45-6789',
        ', ',
        '. ',
        '\n',
        'x',
        ' 🙂 ',
      );
      fc.assert(
        fc.property(fc.array(fc.oneof(pieces, fc.string({ maxLength: 6 })), { maxLength: 40 }), (parts) => {
          const text = parts.join('');
          const findings = detectPii(text);
          let end = 0;
          for (const finding of findings) {
            assert.ok(finding.start >= end && finding.end > finding.start && finding.end <= text.length);
            assert.equal(text.slice(finding.start, finding.end), finding.text);
            end = finding.end;
          }
        }),
        { numRuns: 400 },
      );
    });
    it('never joins lines into one finding', () => {
      assert.deepEqual(found('Left at 1200\nElm St'), []);
    });
  });

  it('answers an empty text with no findings', () => {
    assert.deepEqual(detectPii(''), []);
  });
});

describe('findingKey', () => {
  const key = (kind: PiiKind, text: string) => findingKey({ kind, text });
  it('is the same for one number however it is written', () => {
    const keys = new Set(
      ['(217) 555-0143', '217.555.0143', '+1 217 555 0143', '2175550143'].map((text) => key('phone', text)),
    );
    assert.deepEqual([...keys], ['phone:2175550143']);
    assert.equal(key('phone', '217-555-0143 ext. 12'), 'phone:2175550143x12');
  });
  it('ignores case and spacing where they do not change what is identified', () => {
    assert.equal(key('email', 'Maria@Example.org'), key('email', 'maria@example.org'));
    assert.equal(key('license-plate', 'abc 1234'), key('license-plate', 'ABC-1234'));
    assert.equal(key('person-name', 'Maria  Lopez'), key('person-name', 'maria lopez'));
    assert.notEqual(key('person-name', 'Maria Lopez'), key('street-address', 'Maria Lopez'));
  });
  it('is position-free: the same text found twice has one key', () => {
    const [first, second] = detectPii('Call 217-555-0143 or (217) 555-0143.');
    assert.ok(first && second);
    assert.equal(findingKey(first), findingKey(second));
  });
  it('fits the contract (at most 200 characters)', () => {
    assert.ok(key('street-address', `1200 ${'Long '.repeat(100)}St`).length <= 200);
  });
});

describe('redactPii', () => {
  it('replaces each finding by its label and keeps everything else', () => {
    const text = 'Her name is Maria Lopez, cell (217) 555-0143, at 1200 Elm St.';
    assert.equal(redactPii(text, detectPii(text)), 'Her name is [person-name], cell [phone], at [street-address].');
  });
  it('redacts only the findings it is given, in any order', () => {
    const text = 'Call 217-555-0143 or mail a@b.org';
    const [phone, email] = detectPii(text);
    assert.ok(phone && email);
    assert.equal(redactPii(text, [email]), 'Call 217-555-0143 or mail [email]');
    assert.equal(redactPii(text, [email, phone]), 'Call [phone] or mail [email]');
    assert.equal(redactPii(text, []), text);
  });
  it('refuses findings that do not match the text, or overlap', () => {
    const text = 'Call 217-555-0143 now';
    const [phone] = detectPii(text);
    assert.ok(phone);
    assert.throws(() => redactPii(`Please ${text}`, [phone]), RangeError, 'the text changed since detection');
    const overlapping: PiiFinding = {
      kind: 'phone',
      start: phone.start + 1,
      end: phone.end,
      text: text.slice(phone.start + 1, phone.end),
    };
    assert.throws(() => redactPii(text, [phone, overlapping]), RangeError);
    assert.throws(() => redactPii(text, [{ ...phone, end: text.length + 5 }]), RangeError);
  });
});

describe('detectPii on large and adversarial input', () => {
  it('finishes on 5,000-character inputs built to make backtracking regexes explode (times printed, not asserted)', () => {
    const fill = (unit: string, n = 5000) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
    detectPii('warm up');
    const inputs: Record<string, string> = {
      digits: fill('1'),
      'digits and spaces': fill('2 '),
      letters: fill('a'),
      'letters then @': `${fill('a', 4999)}@`,
      'dotted local part': `${fill('a.', 4990)}@example`,
      'repeated @ labels': fill('a@a.'),
      titles: fill('Mr. '),
      'capitalized words': fill('Aaaa '),
      'numbers and words': fill('12 Aaaa '),
      'name cues': fill('named Aa '),
      'DOB cues': fill('DOB '),
      'DOB and slashes': fill('DOB 1/'),
      'plate cues': fill('tag # '),
      'plate tokens': fill('plate AB '),
      spaces: fill(' '),
      'phone prefixes': fill('555-'),
      'SSN prefixes': fill('123-45-'),
      'hyphenated names': fill('Aa-'),
      'spelled-out e-mail': fill('a dot '),
      'Spanish streets': fill('Calle Aa '),
      'ages and commas': fill('34 y/o, '),
      'relation words': fill('sister, '),
      'a realistic narrative': fill(
        'Her name is Maria Lopez, DOB 03/14/1985, at 1200 Elm St Apt 4, cell (217) 555-0143, plate ABC-1234. Gave Narcan x2 at 14:32. ',
      ),
    };
    const rows: string[] = [];
    for (const [name, text] of Object.entries(inputs)) {
      const started = performance.now();
      const findings = detectPii(text);
      rows.push(
        `  ${name.padEnd(24)} ${String(text.length).padStart(5)} chars ${String(findings.length).padStart(4)} findings ${(performance.now() - started).toFixed(1).padStart(7)} ms`,
      );
      assert.ok(findings.every((f) => text.slice(f.start, f.end) === f.text));
    }
    console.log(`\ndetectPii on adversarial input:\n${rows.join('\n')}`);
  });
});
