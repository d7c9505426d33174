// Prints the top entries of a V8 CPU profile (node --cpu-prof) by self time, with the share of
// all samples: `node scripts/bench/callout/profile-top.mjs FILE.cpuprofile [N]`.
import { readFileSync } from 'node:fs';

const [file, count = '25'] = process.argv.slice(2);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const self = new Map();
const deltas = profile.timeDeltas;
for (let n = 0; n < profile.samples.length; n++) {
  const node = byId.get(profile.samples[n]);
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url
    ? `${url.replace(/^.*\/(node_modules\/\.pnpm\/[^/]+\/node_modules\/|packages\/)/, '')}:${String(lineNumber + 1)}`
    : '';
  const key = `${functionName || '(anonymous)'} ${where}`.trim();
  self.set(key, (self.get(key) ?? 0) + (deltas[n] ?? 0));
}
const total = [...self.values()].reduce((a, b) => a + b, 0);
console.log(`${(total / 1000).toFixed(0)} ms sampled`);
for (const [key, micros] of [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(count))) {
  console.log(`${((micros / total) * 100).toFixed(1).padStart(5)} %  ${key}`);
}
