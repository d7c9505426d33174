import cluster from 'node:cluster';
import { openDatabase } from './infra/db/database.js';
import { migrate } from './infra/db/migrate.js';

/**
 * `start --workers N`: this process migrates once, then runs N service processes that share its
 * port (node:cluster hands each new connection to one of them). They share nothing but the
 * PostgreSQL server: deliveries and escalations are claimed with `FOR UPDATE SKIP LOCKED`, and
 * events cross between them through LISTEN/NOTIFY, so an SSE client on any process sees them all.
 * A process that dies is replaced; SIGINT or SIGTERM stops them all after their open work.
 */
export async function runWorkers(count: number, databaseUrl: string): Promise<void> {
  const db = await openDatabase({ url: databaseUrl, poolSize: 1 });
  try {
    await migrate(db);
  } finally {
    await db.close();
  }
  let stopping = false;
  const fork = () => cluster.fork();
  for (let n = 0; n < count; n++) fork();
  cluster.on('exit', (worker, code) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) {
        console.log('stopped cleanly');
        process.exit(0);
      }
      return;
    }
    console.error(`service process ${String(worker.process.pid)} exited (${String(code)}); starting another`);
    fork();
  });
  console.log(`Peerlink runs ${String(count)} service processes on PostgreSQL`);
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping ${String(count)} service processes…`);
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
  };
  process.on('SIGINT', () => {
    stop('SIGINT');
  });
  process.on('SIGTERM', () => {
    stop('SIGTERM');
  });
}

/** Whether this process is one of `start --workers N`'s service processes. */
export const isServiceWorker = () => cluster.isWorker;
