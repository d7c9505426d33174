// detectPii on text the size of a call-out log narrative (5,000 characters, the contract's
// limit): realistic sentences, and the inputs that make backtracking regexes slow. Prints
// figures; the goal (well under a frame, 16 ms, so a form can check on each keystroke) is read
// from them, not asserted.
import { detectPii } from '../../packages/sdk/src/pii/index.js';
import { sentences } from '../../packages/sdk/test/fixtures/pii/sentences.js';

const size = 5000;
const fill = (unit: string) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
// Sentences with and without personal information, alternating, as a narrative mixes them.
const withPii = sentences.filter((sentence) => sentence.expect.length > 0);
const withoutPii = sentences.filter((sentence) => sentence.expect.length === 0);
const realistic = fill(
  withoutPii.flatMap((sentence, i) => [sentence.text, withPii[i % withPii.length]?.text ?? '']).join(' '),
);

function measure(text: string, runs: number) {
  const times: number[] = [];
  let findings = 0;
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    findings = detectPii(text).length;
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
  return { findings, median: at(0.5), p95: at(0.95), max: at(1) };
}

const cases: [string, string][] = [
  ['labeled sentences, joined', realistic],
  ['no personal information', fill('Arrived at 14:32, checked in with the lead investigator, left Narcan x2. ')],
  [
    'dense personal information',
    fill('Her name is Maria Lopez, DOB 03/14/1985, 1200 Elm St Apt 4, (217) 555-0143, plate ABC-1234. '),
  ],
  ['digits only', fill('1')],
  ['capitalized words', fill('Aaaa ')],
  ['name cues', fill('named Aa ')],
  ['titles', fill('Mr. ')],
  ['e-mail local parts', `${fill('a.').slice(0, size - 2)}@x`],
];

for (const [, text] of cases) measure(text, 5); // compile and warm up the patterns first
console.log(`detectPii on ${String(size)}-character texts, 200 runs each`);
console.log(`${'input'.padEnd(30)} findings   median      p95      max`);
for (const [name, text] of cases) {
  const { findings, median, p95, max } = measure(text, 200);
  console.log(
    `${name.padEnd(30)} ${String(findings).padStart(8)} ${median.toFixed(2).padStart(7)} ms ${p95.toFixed(2).padStart(6)} ms ${max.toFixed(2).padStart(6)} ms`,
  );
}
const { median } = measure(realistic, 200);
console.log(
  `throughput on the labeled sentences: ${(((size / median) * 1000) / 1e6).toFixed(2)} M characters/s; goal: median under 16 ms per 5,000 characters — ${median < 16 ? 'met' : 'NOT met'}`,
);
