// Duty call-out latency under load: 200 dispatches pressed at 50 per second in one CAD console
// page (Chromium), with the real service, a real SMTP receiver and a real SMS webhook receiver.
// Prints press → text received, press → e-mail received and press → CAD shows notified.
import { existsSync } from 'node:fs';
import { freshDatabase, postgresUnavailable } from '../../packages/server/test/harness.js';
import { bundlePath, startStack } from '../../test/e2e/support/stack.js';

const COUNT = Number(process.env.BENCH_DISPATCHES ?? 200);
const RATE = Number(process.env.BENCH_RATE ?? 50);

if (!existsSync(bundlePath)) {
  console.log('skipped: build first (pnpm build), the CAD page loads peerlink.min.js');
  process.exit(0);
}

async function run(storage: 'PGlite' | 'PostgreSQL', databaseUrl?: string): Promise<void> {
  const stack = await startStack({
    ...(databaseUrl ? { databaseUrl } : {}),
    config: { rateLimit: { capacity: 2000, perSecond: 1000 } },
  });
  try {
    const page = await stack.page('/cad-console/index.html');
    // tsx keeps function names with a helper the page does not have.
    await page.evaluate('globalThis.__name = (fn) => fn');
    // Every button in one page shares one client, as a console does; each is brought to its
    // confirm step first, then the confirming presses arrive at RATE per second.
    const pressed = await page.evaluate(
      async (count: number, rate: number, modules: { bundle: string; host: string }) => {
        const { createPeerlinkClient } = (await import(modules.bundle)) as {
          createPeerlinkClient: (options: {
            baseUrl: string;
            getToken: () => Promise<{ token: string; expiresAt: string }>;
          }) => unknown;
        };
        const { hostConfig, tokenFor } = (await import(modules.host)) as {
          hostConfig: () => Promise<{ apiUrl: string }>;
          tokenFor: (role: string) => () => Promise<{ token: string; expiresAt: string }>;
        };
        const { apiUrl } = await hostConfig();
        const client = createPeerlinkClient({ baseUrl: apiUrl, getToken: tokenFor('dispatcher') });
        type Button = HTMLElement & {
          phase: string;
          client: unknown;
          incident: unknown;
          compact: boolean;
          updateComplete: Promise<boolean>;
        };
        const box = document.createElement('div');
        document.body.append(box);
        const until = async (check: () => boolean, what: () => string) => {
          const deadline = Date.now() + 30_000;
          while (!check()) {
            if (Date.now() > deadline) throw new Error(`timed out waiting: ${what()}`);
            await new Promise((resolve) => setTimeout(resolve, 10));
          }
        };
        const buttons: Button[] = [];
        for (let i = 0; i < count; i += 1) {
          const el = document.createElement('peer-request-button') as Button;
          el.compact = true;
          el.client = client;
          el.incident = {
            externalId: `BENCH-${String(Date.now())}-${String(i)}`,
            type: 'overdose-nonfatal',
            location: { address: `${String(100 + i)} Main St, Springfield`, area: 'county' },
            receivedAt: new Date().toISOString(),
          };
          box.append(el);
          buttons.push(el);
        }
        // The first render starts the look-up for an active call-out (phase "checking").
        await Promise.all(buttons.map((el) => el.updateComplete));
        const press = (el: Button) => el.shadowRoot?.querySelector<HTMLButtonElement>('.button')?.click();
        for (let start = 0; start < count; start += 20) {
          const batch = buttons.slice(start, start + 20);
          const phases = () => batch.map((el) => el.phase).join(' ');
          await until(() => batch.every((el) => el.phase === 'ready'), phases);
          await Promise.all(batch.map((el) => el.updateComplete));
          for (const el of batch) press(el);
          await until(() => batch.every((el) => el.phase === 'confirm'), phases);
          await Promise.all(batch.map((el) => el.updateComplete));
        }
        const results: { id: string; pressedAt: number; notifiedAt: number }[] = [];
        const epoch = () => performance.timeOrigin + performance.now();
        await Promise.all(
          buttons.map(
            (el, i) =>
              new Promise<void>((resolve) => {
                setTimeout(
                  () => {
                    const pressedAt = epoch();
                    el.addEventListener('peer-dispatch-status', function listen(event) {
                      const { dispatch, status } = (event as CustomEvent<{ dispatch: { id: string }; status: string }>)
                        .detail;
                      if (status !== 'notified') return;
                      el.removeEventListener('peer-dispatch-status', listen);
                      results.push({ id: dispatch.id, pressedAt, notifiedAt: epoch() });
                      resolve();
                    });
                    press(el);
                  },
                  (i * 1000) / rate,
                );
              }),
          ),
        );
        return results;
      },
      COUNT,
      RATE,
      { bundle: '/peerlink/peerlink.min.js', host: '/shared/host.js' },
    );

    const text = await Promise.all(
      pressed.map((p) => stack.waitFor('texts', (m) => m.dispatchId === p.id && m.to === '+12175550101', 60_000)),
    );
    const mail = await Promise.all(
      pressed.map((p) => stack.waitFor('mails', (m) => m.dispatchId === p.id && m.to === 'peer1@example.org', 60_000)),
    );
    const quantile = (values: number[], q: number) => {
      const sorted = [...values].sort((a, b) => a - b);
      return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
    };
    const row = (name: string, values: number[]) =>
      `| ${name.padEnd(34)} | ${String(values.length).padStart(5)} | ${quantile(values, 0.5).toFixed(0).padStart(6)} | ${quantile(values, 0.99).toFixed(0).padStart(6)} | ${Math.max(
        ...values,
      )
        .toFixed(0)
        .padStart(6)} |`;
    const span = (Math.max(...pressed.map((p) => p.pressedAt)) - Math.min(...pressed.map((p) => p.pressedAt))) / 1000;
    console.log(
      `\n${String(pressed.length)} dispatches pressed over ${span.toFixed(1)} s (${(pressed.length / span).toFixed(0)}/s) in one CAD page, ${storage} storage`,
    );
    console.log('| from the confirming press to        |     n | p50 ms | p99 ms | max ms |');
    console.log('| ---------------------------------- | ----: | -----: | -----: | -----: |');
    console.log(
      row(
        'text received (SMS webhook)',
        pressed.map((p, i) => (text[i]?.epochMs ?? Number.NaN) - p.pressedAt),
      ),
    );
    console.log(
      row(
        'e-mail received (SMTP)',
        pressed.map((p, i) => (mail[i]?.epochMs ?? Number.NaN) - p.pressedAt),
      ),
    );
    console.log(
      row(
        'CAD shows notified',
        pressed.map((p) => p.notifiedAt - p.pressedAt),
      ),
    );
    const shown = pressed.map((p) => p.notifiedAt - p.pressedAt);
    const texted = pressed.map((p, i) => (text[i]?.epochMs ?? Number.NaN) - p.pressedAt);
    console.log(
      `figure: press → CAD shows notified (${storage})\tp50 ${quantile(shown, 0.5).toFixed(0)} ms, p99 ${quantile(shown, 0.99).toFixed(0)} ms\t${String(pressed.length)} presses at ${(pressed.length / span).toFixed(0)}/s`,
    );
    console.log(
      `figure: press → text received (${storage})\tp50 ${quantile(texted, 0.5).toFixed(0)} ms, p99 ${quantile(texted, 0.99).toFixed(0)} ms\t${String(pressed.length)} presses at ${(pressed.length / span).toFixed(0)}/s`,
    );
  } finally {
    await stack.close();
  }
}

await run('PGlite');
const why = await postgresUnavailable();
if (why) {
  console.log(`\nPostgreSQL run skipped: ${why}`);
} else {
  const database = await freshDatabase();
  try {
    await run('PostgreSQL', database.url);
  } finally {
    await database.drop();
  }
}
