#!/usr/bin/env node
// peerlink-server: start the reference service, seed demo data, make API keys, import a roster or a directory, migrate.
import { randomUUID } from 'node:crypto';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CreateAgencyRequest, toFieldErrors } from '@peerlink/sdk';
import { createAgency } from './domain/agency.js';
import { rosterLimits } from '@peerlink/sdk';
import { createApiKey } from './domain/auth.js';
import { runImport } from './domain/directory-import.js';
import { HttpProblem } from './domain/problems.js';
import { auditImport, importRoster } from './domain/roster.js';
import { openDatabase } from './infra/db/database.js';
import type { Database, Sql } from './infra/db/database.js';
import { migrate } from './infra/db/migrate.js';
import { resolvedSchedule } from './domain/schedule.js';
import { scheduleTable } from './schedule-table.js';
import { startExampleHost } from './example-host.js';
import { isEmpty, seedDemo } from './seed/seeding.js';
import { startServer } from './server.js';
import { SettingError, readOperatorSettings, settingOptions } from './settings.js';
import { isServiceWorker, runWorkers } from './workers.js';

const defaultPort = 8787;

const usage: Record<string, string> = {
  start: `Usage: peerlink-server start [--port N] [--host H] [--data DIR] [--public-url URL] [--trust-proxy] [--examples DIR] [--examples-port N] [--seed-if-empty]
                             [--workers N] [--rate-limit N] [--rate-limit-burst N] [--db-pool N] [--body-limit BYTES] [--ack-timeout SECONDS]
                             [--shutdown-timeout SECONDS] [--keep-alive-timeout SECONDS]

Starts the reference service. Storage: the PostgreSQL server in DATABASE_URL when set, else
PGlite in --data (default: PEERLINK_DATA or ./.peerlink-data). With --examples, also serves the
example host pages from DIR and prints their URLs.

Operator settings (a flag, else its environment variable, else the default):
  --workers N            PEERLINK_WORKERS            service processes sharing the port, PostgreSQL only (1)
  --rate-limit N         PEERLINK_RATE_LIMIT         requests per second per caller, per process (20)
  --rate-limit-burst N   PEERLINK_RATE_LIMIT_BURST   requests a caller may send at once (6 × the rate)
  --db-pool N            PEERLINK_DB_POOL            PostgreSQL connections per process (10)
  --body-limit BYTES     PEERLINK_BODY_LIMIT         largest request body (65536)
  --ack-timeout SECONDS  PEERLINK_ACK_TIMEOUT        acknowledgement timeout of agencies that set none (300)
  --shutdown-timeout SECONDS  PEERLINK_SHUTDOWN_TIMEOUT  how long a stop may take before exiting anyway (30)
  --keep-alive-timeout SECONDS  PEERLINK_KEEP_ALIVE_TIMEOUT  how long an idle connection is kept open (72)

--trust-proxy (or PEERLINK_TRUST_PROXY=1): the service runs behind a proxy of the program's own,
so callers are told apart by the last X-Forwarded-For address. Without it that header is ignored.`,
  seed: `Usage: peerlink-server seed [--data DIR] [--resources N] [--public-url URL]

Creates the fictional demo program (agencies, peers, a week of shifts, credentials, resources).
Its credentials are signed for the service at --public-url (default: start's default address,
http://127.0.0.1:${String(defaultPort)}); they verify only against that address.`,
  keys: `Usage: peerlink-server keys create --agency ID [--label TEXT] [--data DIR]

Creates a secret API key for an agency and prints only the key. It is shown once; store it on
the host's server, never in a browser.`,
  agency: `Usage: peerlink-server agency create --name NAME --timezone ZONE [--kind peer-program] [--area a,b] [--data DIR]

Creates an agency for a program starting from nothing and prints its id and its first secret API
key (shown once; store it on the program's server, never in a browser). ZONE is an IANA time zone
such as America/Chicago; --area lists the program's area codes, the first being the default
(default: county). Everything else is set through the API (PATCH /v1/agency).`,
  import: `Usage: peerlink-server import roster FILE.csv --agency ID [--dry-run] [--data DIR]
       peerlink-server import hsds FILE.json --agency ID [--dry-run] [--data DIR]

roster: Imports an agency's peers from the roster CSV (columns name, phone, email, languages, roles,
supervisor, area). A peer with the same e-mail or phone is updated, anyone else created. Every bad
row is printed by line and column and nothing is written; --dry-run checks and reports only.

hsds: Imports an Open Referral HSDS 3.0 file (an array of services, a service_list page or one
service) into the agency's directory as an upsert by HSDS id, read as a stream. Every record is
checked first; one bad record imports nothing. --dry-run checks and reports, writing nothing.
Prints progress, the per-record summary and every error by path; exits 1 when anything failed.`,
  migrate: `Usage: peerlink-server migrate [--data DIR]

Applies the SQL migrations not applied yet.`,
  schedule: `Usage: peerlink-server schedule show --agency ID [--area A] [--days 7] [--data DIR]

Prints the agency's on-call schedule from now for --days days (1 to 93): each stretch with the
primary, backup and supervisor by name in the agency's time zone, GAP where a position has nobody
on call, then the conflicts (one person in two places at once). Without --area, every area the
agency staffs.`,
};

const overview = `Usage: peerlink-server <command> [options]

Commands:
  start     run the service (and the example hosts with --examples)
  seed      create the fictional demo program
  keys      create an agency's secret API key
  agency    create an agency (a program starting from nothing) and its first key
  import    import a roster (roster FILE.csv) or a directory (hsds FILE.json)
  migrate   apply database migrations
  schedule  show an agency's on-call schedule, gaps and conflicts

Every command honors DATABASE_URL and PEERLINK_DATA. Add --help to a command for its options.`;

class UsageError extends Error {}

function fail(message: string): never {
  throw new UsageError(message);
}

function options<const T extends Record<string, { type: 'string' | 'boolean' }>>(args: string[], spec: T) {
  const config = {
    args,
    options: { ...spec, help: { type: 'boolean' as const }, data: { type: 'string' as const } },
    strict: true as const,
    allowPositionals: true as const,
  };
  try {
    return parseArgs(config);
  } catch (error) {
    return fail(error instanceof Error ? (error.message.split('\n')[0] ?? 'invalid arguments') : 'invalid arguments');
  }
}

/** The options of a command that takes no argument besides them. */
function flags<const T extends Record<string, { type: 'string' | 'boolean' }>>(args: string[], spec: T) {
  const { values, positionals } = options(args, spec);
  if (positionals.length > 0) fail(`unexpected argument "${positionals[0] ?? ''}"`);
  return values;
}

const integer = (value: string | undefined, name: string, fallback: number): number => {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535 * 100) fail(`--${name} must be a whole number, got "${value}"`);
  return n;
};

/** The arguments after a command's only subcommand, `name` (`keys create`, `schedule show`). */
function subcommand(command: string, name: string, rest: string[]): string[] {
  const [sub, ...args] = rest;
  if (sub !== name) fail(`unknown ${command} subcommand "${sub ?? ''}" (only "${name}")`);
  return args;
}

/** The `--agency` option: required, and an agency id in form. */
function agencyOption(value: string | undefined): string {
  const agency = value ?? fail('--agency ID is required');
  if (!/^[0-9a-f-]{36}$/i.test(agency)) fail(`--agency must be an agency id (UUID), got "${agency}"`);
  return agency;
}

/** Fails unless the database has the agency. */
async function requireAgency(db: Sql, agency: string): Promise<void> {
  const found = await db.query('select 1 from agencies where id = $1', [agency]);
  if (found.length === 0) fail(`no agency ${agency}`);
}

const dataDir = (flag: string | undefined) => resolve(flag ?? process.env.PEERLINK_DATA ?? '.peerlink-data');

async function withDatabase<T>(
  data: string | undefined,
  work: (db: Database) => Promise<T>,
  migrateFirst = true,
): Promise<T> {
  const url = process.env.DATABASE_URL;
  const db = await openDatabase(url ? { url } : { dataDir: dataDir(data) });
  try {
    if (migrateFirst) await migrate(db);
    return await work(db);
  } finally {
    await db.close();
  }
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    console.log(overview);
    return;
  }
  const help = usage[command];
  if (!help) fail(`unknown command "${command}" (try --help)`);
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(help);
    return;
  }

  switch (command) {
    case 'migrate': {
      const values = flags(rest, {});
      const applied = await withDatabase(values.data, migrate, false);
      console.log(applied.length > 0 ? `applied migrations ${applied.join(', ')}` : 'database is up to date');
      return;
    }
    case 'seed': {
      const values = flags(rest, {
        resources: { type: 'string' },
        'public-url': { type: 'string' },
      });
      const resources = integer(values.resources, 'resources', 600);
      const publicUrl = values['public-url'] ?? `http://127.0.0.1:${String(defaultPort)}`;
      const summary = await withDatabase(values.data, async (db) => {
        if (!(await isEmpty(db))) fail('the database already has agencies; seed only an empty one');
        return seedDemo(db, { resources, publicUrl, history: true });
      });
      console.log(
        `seeded demo program ${summary.programId}: ${String(summary.agencies)} agencies, ${String(summary.specialists)} specialists, ${String(summary.shifts)} shifts, ${String(summary.credentials)} credentials, ${String(summary.resources)} resources, ${String(summary.history?.callouts ?? 0)} call-outs of history`,
      );
      return;
    }
    case 'keys': {
      const values = flags(subcommand('keys', 'create', rest), {
        agency: { type: 'string' },
        label: { type: 'string' },
      });
      const agency = agencyOption(values.agency);
      const key = await withDatabase(values.data, async (db) => {
        await requireAgency(db, agency);
        return createApiKey(db, agency, values.label);
      });
      process.stdout.write(`${key.key}\n`);
      return;
    }
    case 'schedule': {
      const values = flags(subcommand('schedule', 'show', rest), {
        agency: { type: 'string' },
        area: { type: 'string' },
        days: { type: 'string' },
      });
      const agency = agencyOption(values.agency);
      const days = integer(values.days, 'days', 7);
      if (days < 1 || days > 93) fail(`--days must be from 1 to 93, got "${String(days)}"`);
      const { area } = values;
      if (area !== undefined && !/^[a-z0-9][a-z0-9-]{0,39}$/.test(area))
        fail(`--area must be an area code such as "county", got "${area}"`);
      const table = await withDatabase(values.data, async (db) => {
        await requireAgency(db, agency);
        const now = new Date();
        const schedule = await resolvedSchedule(db, agency, now, new Date(now.getTime() + days * 86_400_000), area);
        const people = await db.query<{ id: string; name: string }>(
          "select id, doc->>'displayName' as name from specialists where agency_id = $1",
          [agency],
        );
        return scheduleTable(schedule, new Map(people.map((p) => [p.id, p.name])));
      });
      console.log(table);
      return;
    }
    case 'agency': {
      const values = flags(subcommand('agency', 'create', rest), {
        name: { type: 'string' },
        timezone: { type: 'string' },
        kind: { type: 'string' },
        area: { type: 'string' },
      });
      // The same contract as the API: the same field names and messages.
      const parsed = CreateAgencyRequest.safeParse({
        name: values.name ?? fail('--name NAME is required'),
        timeZone: values.timezone ?? fail('--timezone ZONE is required'),
        ...(values.kind === undefined ? {} : { kind: values.kind }),
        ...(values.area === undefined ? {} : { areas: values.area.split(',').map((area) => area.trim()) }),
      });
      if (!parsed.success) {
        const flags: Record<string, string> = {
          name: '--name',
          timeZone: '--timezone',
          kind: '--kind',
          areas: '--area',
        };
        const errors = toFieldErrors(parsed.error.issues).map((error) => {
          const flag = flags[error.path.split('.')[0] ?? ''];
          return `${error.path}${flag ? ` (${flag})` : ''}: ${error.message}`;
        });
        fail(`invalid agency: ${errors.join('; ')}`);
      }
      const created = await withDatabase(values.data, (db) => db.transaction((tx) => createAgency(tx, parsed.data)));
      process.stdout.write(
        `agency ${created.id}\nkey ${created.key}\n(the key is shown once: store it on the program's server)\n`,
      );
      return;
    }
    case 'import': {
      const [what, ...importArgs] = rest;
      if (what !== 'roster' && what !== 'hsds') fail(`unknown import "${what ?? ''}" ("roster" or "hsds")`);
      const { values, positionals } = options(importArgs, {
        agency: { type: 'string' },
        'dry-run': { type: 'boolean' },
      });
      const [file, extra] = positionals;
      if (what === 'roster') {
        if (!file) fail('the roster file is required: import roster FILE.csv --agency ID');
        if (extra !== undefined) fail(`unexpected argument "${extra}"`);
        const agency = agencyOption(values.agency);
        await importRosterFile(values.data, agency, file, values['dry-run'] === true);
      } else {
        if (!file) fail('FILE.json is required');
        if (extra !== undefined) fail(`unexpected argument "${extra}"`);
        const agency = agencyOption(values.agency);
        let size: number;
        try {
          size = statSync(file).size;
        } catch {
          fail(`cannot read ${file}`);
        }
        const ok = await withDatabase(values.data, (db) =>
          importHsdsFile(db, file, size, agency, values['dry-run'] === true),
        );
        if (!ok) process.exitCode = 1;
      }
      return;
    }
    case 'start': {
      const values = flags(rest, {
        port: { type: 'string' },
        host: { type: 'string' },
        'public-url': { type: 'string' },
        examples: { type: 'string' },
        'examples-port': { type: 'string' },
        'seed-if-empty': { type: 'boolean' },
        'trust-proxy': { type: 'boolean' },
        ...settingOptions,
      });
      const port = integer(values.port, 'port', defaultPort);
      const examplesPort = integer(values['examples-port'], 'examples-port', 4173);
      const url = process.env.DATABASE_URL;
      let settings;
      try {
        settings = readOperatorSettings(values);
      } catch (error) {
        if (error instanceof SettingError) fail(error.message);
        throw error;
      }
      if (settings.workers > 1 && !isServiceWorker()) {
        // PGlite is one process's database: several processes need a PostgreSQL server.
        if (!url) fail('--workers above 1 needs PostgreSQL (DATABASE_URL); PGlite serves one process');
        if (values.examples || values['seed-if-empty'])
          fail('--workers above 1 cannot serve --examples or --seed-if-empty');
        if (port === 0) fail('--workers above 1 needs a fixed --port that the processes share');
        await runWorkers(settings.workers, url);
        return;
      }
      const server = await startServer({
        port,
        host: values.host ?? '127.0.0.1',
        ...(url ? { databaseUrl: url } : { dataDir: dataDir(values.data) }),
        ...(settings.poolSize === undefined ? {} : { poolSize: settings.poolSize }),
        config: {
          ...settings.config,
          ...(values['public-url'] ? { publicUrl: values['public-url'] } : {}),
          trustProxy: values['trust-proxy'] === true || process.env.PEERLINK_TRUST_PROXY === '1',
          // With the example hosts, notification links open their responder view.
          ...(values.examples ? { responderUrl: `http://127.0.0.1:${String(examplesPort)}/responder/` } : {}),
        },
        // The demo's console transport prints each call-out's link, so a newcomer can open the
        // peer's phone view; nowhere else does a log carry that credential.
        ...(values.examples ? { delivery: { transportOptions: { showAckUrl: true } } } : {}),
      });
      if (values['seed-if-empty'] && (await isEmpty(server.db))) {
        const started = performance.now();
        const summary = await seedDemo(server.db, { publicUrl: server.config.publicUrl, history: true });
        console.log(
          `seeded the fictional demo program (${String(summary.resources)} resources, a year of history: ${String(summary.history?.callouts ?? 0)} call-outs, ${String(summary.history?.referrals ?? 0)} referrals) in ${(performance.now() - started).toFixed(0)} ms`,
        );
      }
      console.log(
        `Peerlink API     ${server.url}   (storage: ${url ? 'PostgreSQL' : `PGlite in ${dataDir(values.data)}`})`,
      );
      const host = values.examples
        ? await startExampleHost({
            root: resolve(values.examples),
            apiUrl: server.url,
            db: server.db,
            port: examplesPort,
          })
        : undefined;
      // Links name the port the example host really got (`--examples-port 0` picks a free one).
      if (host) server.config.responderUrl = `${host.url}/responder/`;
      if (host) for (const line of host.pages) console.log(line);
      if (process.env.PEERLINK_COUNT_STATEMENTS === '1') {
        // Benchmarks read what the service sent to its database so far.
        process.on('SIGUSR2', () => {
          const counts = server.db.counts();
          console.log(
            `driver counts: statements ${String(counts.statements)}, round trips ${String(counts.roundTrips)}, transactions ${String(counts.transactions)}`,
          );
        });
      }
      console.log('Press Ctrl-C to stop.');
      let stopping = false;
      const stop = (signal: string) => {
        // A second signal (a terminal's Ctrl-C reaches every process of a group) changes nothing.
        if (stopping) return;
        stopping = true;
        const seconds = settings.shutdownTimeoutSeconds;
        console.log(`\n${signal}: stopping; finishing open work and closing storage (at most ${String(seconds)} s)…`);
        // Open work that cannot finish (a database that went away mid-statement) does not keep the
        // process: it exits, unclean, once the time is up.
        setTimeout(() => {
          console.error(`did not stop within ${String(seconds)} s (--shutdown-timeout); exiting with work unfinished`);
          process.exit(1);
        }, seconds * 1000).unref();
        void (async () => {
          try {
            await host?.close();
            await server.close();
          } catch (error) {
            console.error(`stopping failed: ${error instanceof Error ? error.message : String(error)}`);
            process.exit(1);
          }
          console.log('stopped cleanly');
          process.exit(0);
        })();
      };
      process.on('SIGINT', () => {
        stop('SIGINT');
      });
      process.on('SIGTERM', () => {
        stop('SIGTERM');
      });
      return;
    }
  }
}

/** `import roster`: the API's domain function in one transaction, its report or every error as lines. */
async function importRosterFile(data: string | undefined, agencyId: string, file: string, dryRun: boolean) {
  let csv: string;
  try {
    if (statSync(file).size > rosterLimits.characters * 4) fail(`${file} is larger than a roster may be`);
    csv = readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof UsageError) throw error;
    return fail(`cannot read ${file}`);
  }
  if (csv.length > rosterLimits.characters)
    fail(`${file} has more than ${String(rosterLimits.characters)} characters; split it`);
  const now = new Date();
  try {
    const report = await withDatabase(data, (db) =>
      db.transaction(async (tx) => {
        await requireAgency(tx, agencyId);
        const result = await importRoster(tx, agencyId, csv, { dryRun, now });
        // The command line acts as the service itself: the trail names no person.
        const operator = { kind: 'api-key' as const, agencyId, keyId: randomUUID(), resourceId: null };
        await auditImport(tx, operator, { requestId: `cli-${randomUUID()}`, origin: null, now }, result);
        return result;
      }),
    );
    for (const line of report.lines) {
      const fields = line.fields ? ` (${line.fields.join(', ')})` : '';
      console.log(`line ${String(line.line).padEnd(5)} ${line.outcome.padEnd(9)} ${line.displayName}${fields}`);
    }
    console.log(
      `${dryRun ? 'dry run, nothing written: would create' : 'imported: created'} ${String(report.created)}, updated ${String(report.updated)}, unchanged ${String(report.unchanged)}`,
    );
  } catch (error) {
    if (!(error instanceof HttpProblem)) throw error;
    for (const fieldError of error.errors ?? []) console.error(`${fieldError.path}: ${fieldError.message}`);
    console.error(`peerlink-server: ${error.detail ?? error.title}; nothing was imported`);
    process.exitCode = 1;
  }
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** `import hsds`: the same import as the API, as the system, with progress on stderr. */
async function importHsdsFile(db: Database, file: string, size: number, agencyId: string, dryRun: boolean) {
  const started = Date.now();
  try {
    const job = await runImport(db, {
      agencyId,
      dryRun,
      body: createReadStream(file, { highWaterMark: 1024 * 1024 }),
      bytesTotal: size,
      // The command line acts for the agency as its own system, like a key of the agency.
      principal: { kind: 'api-key', agencyId, keyId: '00000000-0000-0000-0000-000000000000', resourceId: null },
      meta: { requestId: `cli-import-${String(started)}`, origin: null, now: new Date() },
      maxBytes: Number.MAX_SAFE_INTEGER,
      onProgress: (progress) => {
        process.stderr.write(
          `${progress.status}: ${String(progress.processed)} records checked, ${megabytes(progress.bytesRead)} of ${megabytes(size)}\n`,
        );
      },
    });
    const { counts } = job;
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `import ${job.id}${dryRun ? ' (dry run, nothing written)' : ''}: ${job.status} — ${String(job.processed)} records, created ${String(counts.created)}, updated ${String(counts.updated)}, unchanged ${String(counts.unchanged)}, errors ${String(counts.error)} in ${seconds.toFixed(1)} s`,
    );
    for (const record of job.records.filter((r) => r.outcome === 'error')) {
      for (const error of record.errors ?? []) console.log(`  error at ${error.path}: ${error.message}`);
    }
    return job.status === 'done';
  } catch (error) {
    if (!(error instanceof HttpProblem)) throw error;
    console.error(`import refused: ${error.detail ?? error.title}`);
    for (const fieldError of error.errors ?? [])
      console.error(`  error at ${fieldError.path || '(upload)'}: ${fieldError.message}`);
    return false;
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) {
    console.error(`peerlink-server: ${error.message}`);
    process.exit(2);
  }
  console.error(`peerlink-server: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
