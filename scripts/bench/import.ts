// The HSDS directory import under a real upload: the reference service runs as its own process
// (PGlite in a temporary folder, set up with the CLI as a program would), and this process streams
// a file of N fully nested HSDS 3.0 services (default 50,000, `--count=N`) to
// `POST /v1/directory/imports` while polling the job's progress. Prints services per second, the
// seconds taken, the service process's peak memory (VmHWM) and the longest wait for a progress read,
// for a first import (all created), the same file again (all unchanged: the upsert path) and a dry
// run. Asserts nothing.
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import {
  createReadStream,
  createWriteStream,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAgency, runOk, startedService } from '../../packages/server/test/cli-run.js';
import { hsdsFeed } from '../../packages/server/test/hsds-services.js';

const countArg = process.argv.find((arg) => arg.startsWith('--count='));
const COUNT = Number(countArg?.slice('--count='.length) ?? process.env.BENCH_IMPORT_COUNT ?? 50_000);
const POLL_MS = 250;
const MEMORY_GOAL_MB = 512;
if (!Number.isInteger(COUNT) || COUNT < 1) {
  console.error(`--count must be a positive whole number, got ${String(countArg)}`);
  process.exit(2);
}

// The service keeps its data in PGlite in the temporary folder, whatever DATABASE_URL says.
const env = { ...process.env, DATABASE_URL: '' };
const dir = mkdtempSync(join(tmpdir(), 'peerlink-import-bench-'));
const data = join(dir, 'data');
let service: ChildProcessWithoutNullStreams | undefined;

const cleanUp = () => {
  if (service?.exitCode === null && service.signalCode === null) service.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
};
process.once('exit', cleanUp);
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    cleanUp();
    process.exit(130);
  });

/** The service process's peak resident memory so far (VmHWM), in MB. */
function statusMb(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  let status: string;
  try {
    status = readFileSync(`/proc/${String(pid)}/status`, 'utf8');
  } catch {
    return Number.NaN;
  }
  const kb = new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1];
  return kb === undefined ? Number.NaN : Number(kb) / 1024;
}
const peakMb = (pid: number) => statusMb(pid, 'VmHWM');
const rssMb = (pid: number) => statusMb(pid, 'VmRSS');

interface Job {
  status: string;
  processed: number;
  written: number;
  bytesRead: number;
  bytesTotal: number | null;
  counts: { created: number; updated: number; unchanged: number; error: number };
}

try {
  // The program, set up with the CLI: the agency and its key, a roster with one supervisor.
  const { agencyId, apiKey } = createAgency(data, ['--name', 'Bench County Peers', '--timezone', 'America/Chicago']);
  const rosterFile = join(dir, 'roster.csv');
  writeFileSync(
    rosterFile,
    'name,phone,email,languages,roles,supervisor,area\nRiley Example,(312) 555-0101,riley.example@example.org,en,crisis-interventionist;supervisor,,county\n',
  );
  runOk(['import', 'roster', rosterFile, '--agency', agencyId, '--data', data]);

  // The feed, written once before anything is timed: the same file is sent to every run.
  const feedFile = join(dir, 'directory.json');
  const out = createWriteStream(feedFile);
  for (const chunk of hsdsFeed(COUNT))
    if (!out.write(chunk))
      await new Promise<void>((resolve) => {
        out.once('drain', () => {
          resolve();
        });
      });
  await new Promise<void>((resolve, reject) =>
    out.end((error?: Error | null) => {
      if (error) reject(error);
      else resolve();
    }),
  );
  const feedBytes = statSync(feedFile).size;

  const started = await startedService(['--data', data], env);
  const { child, url: baseUrl, logs } = started;
  service = child;
  const pid = child.pid ?? Number.NaN;
  const describeExit = () =>
    child.exitCode === null && child.signalCode === null
      ? 'still running'
      : `exited ${String(child.exitCode ?? child.signalCode)}`;
  const startedMb = rssMb(pid);
  const startedPeakMb = peakMb(pid);

  const session = async (role: string, subjectId?: string): Promise<string> => {
    const response = await fetch(`${baseUrl}/v1/embed-sessions`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${apiKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ role, ttlSeconds: 900, ...(subjectId ? { subjectId } : {}) }),
    });
    if (!response.ok) throw new Error(`embed session ${role}: ${String(response.status)} ${await response.text()}`);
    return ((await response.json()) as { token: string }).token;
  };
  const dispatcher = await session('dispatcher');
  const peers = await fetch(`${baseUrl}/v1/specialists`, { headers: { Authorization: `Bearer ${dispatcher}` } });
  const { items } = (await peers.json()) as { items: { id: string; displayName: string }[] };
  const supervisorId = items.find((peer) => peer.displayName === 'Riley Example')?.id;
  if (!supervisorId) throw new Error(`the roster's supervisor is not listed: ${JSON.stringify(items)}`);
  // Tokens last 15 minutes at most: a fresh one for each run and each poll after 10 minutes.
  let token = { value: '', at: 0 };
  const supervisor = async () => {
    if (Date.now() - token.at > 600_000) token = { value: await session('supervisor', supervisorId), at: Date.now() };
    return token.value;
  };

  const importOnce = async (label: string, dryRun: boolean) => {
    const id = randomUUID();
    const auth = `Bearer ${await supervisor()}`;
    const samples: Job[] = [];
    let peakSampledMb = 0;
    // A progress read waits while the service's storage is held by the import: the longest wait shows how long.
    let longestReadMs = 0;
    const state = { polling: true };
    const poller = (async () => {
      while (state.polling) {
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
        peakSampledMb = Math.max(peakSampledMb, rssMb(pid));
        const asked = performance.now();
        const progress = await fetch(`${baseUrl}/v1/directory/imports/${id}`, {
          headers: { Authorization: `Bearer ${await supervisor()}` },
        }).catch(() => undefined);
        if (progress?.ok) samples.push((await progress.json()) as Job);
        else await progress?.arrayBuffer();
        longestReadMs = Math.max(longestReadMs, performance.now() - asked);
      }
    })();
    const started = performance.now();
    // Its own connection for each upload (no keep-alive socket the service may have closed).
    const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const request = httpRequest(
        `${baseUrl}/v1/directory/imports?dryRun=${String(dryRun)}&id=${id}`,
        {
          method: 'POST',
          agent: false,
          headers: { Authorization: auth, 'Content-Type': 'application/json', 'Content-Length': String(feedBytes) },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () => {
            resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') });
          });
        },
      );
      request.on('error', (error) => {
        reject(new Error(`${label}: the upload failed (service ${describeExit()})\n${logs()}`, { cause: error }));
      });
      createReadStream(feedFile, { highWaterMark: 256 * 1024 }).pipe(request);
    });
    const seconds = (performance.now() - started) / 1000;
    state.polling = false;
    await poller;
    if (status !== 200) throw new Error(`${label}: ${String(status)} ${text.slice(0, 2000)}\n${logs()}`);
    const job = JSON.parse(text) as Job;
    const validating = samples.filter((s) => s.status === 'validating').length;
    const writing = samples.filter((s) => s.status === 'writing').length;
    const perSecond = COUNT / seconds;
    const peak = peakMb(pid);
    console.log(
      `| ${label.padEnd(31)} | ${seconds.toFixed(1).padStart(7)} | ${perSecond.toFixed(0).padStart(10)} | ${String(job.counts.created).padStart(7)} | ${String(job.counts.updated).padStart(7)} | ${String(job.counts.unchanged).padStart(9)} | ${String(samples.length).padStart(6)} (${String(validating)} validating, ${String(writing)} writing) | ${peakSampledMb.toFixed(0).padStart(16)} | ${peak.toFixed(0).padStart(15)} |`,
    );
    return { seconds, perSecond, samples: samples.length, peak, job, longestReadMs };
  };

  console.log(
    `\nHSDS import of ${String(COUNT)} services (${(feedBytes / 1024 / 1024).toFixed(1)} MB file) streamed to the service in its own process (PGlite); service RSS at start ${startedMb.toFixed(0)} MB (peak ${startedPeakMb.toFixed(0)} MB)`,
  );
  console.log(
    '| run                             |       s | services/s | created | updated | unchanged | progress samples                     | RSS MB (sampled) | VmHWM MB so far |',
  );
  console.log(
    '| ------------------------------- | ------: | ---------: | ------: | ------: | --------: | ------------------------------------ | ---------------: | --------------: |',
  );
  const first = await importOnce('first import (all created)', false);
  const again = await importOnce('same file again (all unchanged)', false);
  const dry = await importOnce('dry run of the same file', true);
  const peak = peakMb(pid);
  const n = `${String(COUNT)} services`;
  console.log(
    `figure: HSDS import, ${n} (created)\t${first.perSecond.toFixed(0)} services/s\t${first.seconds.toFixed(1)} s wall, ${String(first.samples)} progress samples; no goal set`,
  );
  console.log(
    `figure: HSDS import, ${n} (created): longest progress read\t${first.longestReadMs.toFixed(0)} ms\tslowest of ${String(first.samples)} reads polled every ${String(POLL_MS)} ms while it ran (${again.longestReadMs.toFixed(0)} ms for the same file again); no goal set`,
  );
  console.log(
    `figure: HSDS import, ${n} again (unchanged)\t${again.perSecond.toFixed(0)} services/s\t${again.seconds.toFixed(1)} s wall, ${String(again.samples)} progress samples; no goal set`,
  );
  console.log(
    `figure: HSDS import dry run, ${n}\t${dry.perSecond.toFixed(0)} services/s\t${dry.seconds.toFixed(1)} s wall; no goal set`,
  );
  console.log(
    `figure: HSDS import, ${n}: service peak memory\t${peak.toFixed(0)} MB\tVmHWM of the service process (${startedPeakMb.toFixed(0)} MB once started, ${first.peak.toFixed(0)} MB after the first import); goal ≤ ${String(MEMORY_GOAL_MB)} MB`,
  );

  child.kill('SIGTERM');
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve();
    }, 30_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  cleanUp();
}
